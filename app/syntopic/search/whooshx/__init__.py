"""Everything that reaches into whoosh's private names: its codec, writer, formats and files.

whoosh-reloaded is pinned below its next major version in pyproject.toml;
upgrading it means reading this package against the new one.
"""
