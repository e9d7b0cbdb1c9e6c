"""The parse cache: parsed notes kept between runs in the user cache dir."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import platformdirs

from syntopic.core.model import ParsedNote
from syntopic.core.parse import ParseOptions
from syntopic.core.scan import FileStat

# Bump when ParsedNote or the parser's output changes meaning.
SCHEMA_VERSION = 1

Entries = dict[str, tuple[FileStat, ParsedNote]]


def cache_root() -> Path:
    """Where Syntopic keeps what it can rebuild (SYNTOPIC_CACHE_DIR overrides)."""
    override = os.environ.get("SYNTOPIC_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("syntopic"))


def vault_cache_dir(vault_root: str) -> Path:
    """One folder per vault, named by a hash of its absolute path."""
    digest = hashlib.sha1(os.path.abspath(vault_root).encode("utf-8")).hexdigest()[:16]
    return cache_root() / "vaults" / digest


class ParseCache:
    """Loads and saves parse results; any fault means an empty, rebuilt cache."""

    def __init__(self, vault_root: str, options: ParseOptions) -> None:
        self.vault_root = os.path.abspath(vault_root)
        self.file = vault_cache_dir(vault_root) / "notes.pickle"
        self.stamp = (SCHEMA_VERSION, self.vault_root, repr(options))
        self.last_error: str | None = None

    def load(self) -> Entries:
        try:
            with open(self.file, "rb") as handle:
                stamp, entries = pickle.load(handle)
        except FileNotFoundError:
            return {}
        except Exception as exc:  # a corrupt cache of any kind is simply rebuilt
            self.last_error = f"parse cache unreadable ({type(exc).__name__}); rebuilt"
            return {}
        if stamp != self.stamp or not isinstance(entries, dict):
            return {}
        return entries

    def save(self, entries: Entries) -> bool:
        """Write atomically; a read-only or full cache dir only costs speed."""
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".notes-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump((self.stamp, entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.file)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        except OSError as exc:
            self.last_error = f"parse cache not saved: {exc.strerror or exc}"
            return False
        return True
