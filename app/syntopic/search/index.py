"""The search index of one open vault: store, indexer and searcher in one object.

`SearchIndex` opens the index in the user cache dir if it is valid, brings it
up to date with `build()` and follows live edits with `update(event)`. The
app and the command line make the same index of a vault (book attribution
comes from the vault itself), so neither rebuilds what the other made.

Threads: `build()` is made for a worker thread; `search()` may run meanwhile.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from syntopic.core.cachedir import search_index_folder
from syntopic.core.vault import Vault, VaultEvent
from syntopic.search.indexer import BuildReport, Indexer, Progress
from syntopic.search.results import SearchResult
from syntopic.search.schema import BooksFor
from syntopic.search.searcher import Searcher
from syntopic.search.store import IndexStore
from syntopic.search.vaultbooks import vault_books_for
from syntopic.search.whooshx.segments import segment_count

__all__ = ["BuildReport", "SearchIndex"]


class SearchIndex:
    """Full-text search over one vault's notes.

    ``books_for(note)`` gives the (title, author) of the books a note's
    perspectives cite (by default read from the vault's graph). ``folder``
    overrides where the index lives (by default the vault's folder in the
    user cache dir).
    """

    def __init__(
        self,
        vault: Vault,
        *,
        books_for: BooksFor | None = None,
        folder: Path | None = None,
        lock_timeout: float = 2.0,
        workers: int | None = None,
    ) -> None:
        self.vault = vault
        self._folder = folder or search_index_folder(vault.root)
        self.store = IndexStore(vault.root, self._folder, lock_timeout)
        self.indexer = Indexer(self.store, vault, books_for or vault_books_for(vault), workers)
        self.searcher = Searcher(self.store, self._locate)

    def _locate(self, path: str) -> tuple[int, tuple[int, int]] | None:
        note = self.vault.notes.get(path)
        if note is None:
            return None
        stat = self.vault.stats.get(path)
        return note.body_start, (stat.size, stat.mtime_ns) if stat else (0, 0)

    # -- state ---------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def messages(self) -> list[str]:
        return self.store.messages

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def temporary(self) -> bool:
        return self.store.temporary

    @property
    def workers(self) -> int:
        return self.indexer.workers

    @workers.setter
    def workers(self, count: int) -> None:
        self.indexer.workers = count

    @property
    def needs_build(self) -> bool:
        """True until a `build()` brought the index up to date, or after damage."""
        return not self.indexer.ready or self.store.damage is not None or self.indexer.pending

    def take_messages(self) -> list[str]:
        """The messages not taken yet (for a status bar), oldest first."""
        out, self.store.messages = self.store.messages, []
        return out

    def close(self) -> None:
        with contextlib.suppress(Exception):  # only the command line's shortcut is at stake
            self.indexer.record()
        self.searcher.close()
        self.store.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- work ------------------------------------------------------------------
    def build(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> BuildReport:
        """Bring the index up to date with the vault: only changed notes are indexed.

        Runs a full build on every core when the index is new, damaged or far
        behind. ``progress(done, total)`` is called as notes are indexed;
        setting ``cancel`` stops early, keeping what was committed.
        """
        if self.store.damage is not None:
            self.indexer.ready = False
            self.searcher.close()
        return self.indexer.build(progress, cancel)

    sync = build

    def update(self, event: VaultEvent) -> None:
        """Follow an edit the vault applied: re-index what it added, changed or removed."""
        self.indexer.update(event)

    def warm(self) -> None:
        """Open the searcher now (from a worker), so the first query does not pay for it."""
        self.searcher.warm()

    def search(
        self, text: str, limit: int = 20, snippets: int = 10, *, as_you_type: bool = False
    ) -> SearchResult:
        """Ranked notes for a query; never raises for anything the user typed."""
        result = self.searcher.search(text, limit, snippets, as_you_type=as_you_type)
        if self.store.damage is not None:
            self.indexer.ready = False
        return result

    # -- for tests and benchmarks -------------------------------------------------
    def doc_count(self) -> int:
        if not self.store.open():
            return 0
        return int(self.store.ix.doc_count())

    def paths(self) -> set[str]:
        """Every indexed note path (deleted documents left out)."""
        if not self.store.open():
            return set()
        return set(self.store.indexed()[0])

    def segment_count(self) -> int:
        if not self.store.open():
            return 0
        return segment_count(self.store.ix)
