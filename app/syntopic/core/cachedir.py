"""Where Syntopic keeps what it can rebuild: the cache folder of each vault, and
the search index's folder in it (known here so a command-line search can look
before it imports the search engine)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha1
    from pathlib import Path
else:
    try:  # CPython's own SHA-1: the same digest without loading OpenSSL (a few ms a search)
        from _sha1 import sha1
    except ImportError:  # a Python built without it
        from hashlib import sha1


# Bump whenever the search index's fields, analysis or document recipe change:
# its folder is named after it, so an older index is simply rebuilt.
SEARCH_SCHEMA_VERSION = 4  # 3: body start stored, field lengths checksummed; 4: type as shown


def cache_root() -> Path:
    """Where Syntopic keeps what it can rebuild (SYNTOPIC_CACHE_DIR overrides)."""
    from pathlib import Path

    return Path(_cache_root())


def vault_cache_dir(vault_root: str) -> Path:
    """One folder per vault, named by a hash of its absolute path."""
    from pathlib import Path

    return Path(_vault_cache_dir(vault_root))


def search_index_folder(vault_root: str) -> Path:
    """The folder of the vault's search index."""
    from pathlib import Path

    return Path(search_index_dir(vault_root))


# The same as plain strings: a command-line search imports no pathlib (with
# urllib.parse and ipaddress behind it, a few ms of its start).
def search_index_dir(vault_root: str) -> str:
    """`search_index_folder` as a string."""
    return os.path.join(_vault_cache_dir(vault_root), f"search-v{SEARCH_SCHEMA_VERSION}")


def _cache_root() -> str:
    override = os.environ.get("SYNTOPIC_CACHE_DIR")
    if override:
        return override
    import platformdirs  # only without the override: it imports tempfile and random

    return str(platformdirs.user_cache_dir("syntopic"))


def _vault_cache_dir(vault_root: str) -> str:
    digest = sha1(os.path.abspath(vault_root).encode("utf-8")).hexdigest()[:16]
    return os.path.join(_cache_root(), "vaults", digest)
