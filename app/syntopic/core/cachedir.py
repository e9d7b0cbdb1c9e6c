"""Where Syntopic keeps what it can rebuild: the cache folder of each vault."""

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
