"""Where Syntopic keeps what it can rebuild: the cache folder of each vault, and
the search index's folder in it (known here so a command-line search can look
before it imports the search engine)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha1
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
    override = os.environ.get("SYNTOPIC_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs  # only without the override: it imports tempfile and random

    return Path(platformdirs.user_cache_dir("syntopic"))


def vault_cache_dir(vault_root: str) -> Path:
    """One folder per vault, named by a hash of its absolute path."""
    digest = sha1(os.path.abspath(vault_root).encode("utf-8")).hexdigest()[:16]
    return cache_root() / "vaults" / digest


def search_index_folder(vault_root: str) -> Path:
    """The folder of the vault's search index."""
    return vault_cache_dir(vault_root) / f"search-v{SEARCH_SCHEMA_VERSION}"
