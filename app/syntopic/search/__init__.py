"""Full-text search: a whoosh index behind a small adapter (no Qt)."""

from syntopic.search import whooshx as _whooshx  # noqa: F401  (imports whoosh lean, first)
