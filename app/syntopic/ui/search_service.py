"""The window's search index: built and kept in step off the UI thread, queried on it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from syntopic.core.vault import Vault, VaultEvent
from syntopic.search.index import BuildReport, SearchIndex
from syntopic.search.mentions import Mention, unlinked_mentions
from syntopic.search.results import SearchResult
from syntopic.search.vaultbooks import vault_books_for
from syntopic.ui.tasks import TaskRunner


class SearchService(QObject):
    """Owns one vault's `SearchIndex`; all writes go through the window's task queue.

    Sharing the queue with live reload matters: the index reads the vault's notes
    while it builds, and the vault only changes between tasks.

    Signals:
        progress(int, int): notes indexed so far and in all, during a build.
        ready(str): the index is up to date; a status line (what was done, what went wrong).
        failed(str): building or updating failed; search keeps the previous state.
    """

    progress = Signal(int, int)
    ready = Signal(str)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.index: SearchIndex | None = None
        self.building = False
        self._cancel = threading.Event()

    def start(self, vault: Vault) -> None:
        """Open (or create) the index of ``vault`` and bring it up to date in the background."""
        self.stop()
        self._cancel = threading.Event()
        self.index = SearchIndex(vault, books_for=vault_books_for(vault))
        self._build()

    def _build(self) -> None:
        index, cancel = self.index, self._cancel
        if index is None:
            return
        self.building = True

        def build() -> BuildReport:
            report = index.build(progress=self.progress.emit, cancel=cancel)
            index.warm()
            return report

        # bulk: a build at 100,000 notes makes a million small objects; collector
        # passes over them held the GIL for 100-140 ms each, the window waiting
        self.tasks.submit(build, lambda report: self._built(index, report), self._failed, bulk=True)

    def _built(self, index: SearchIndex, report: BuildReport) -> None:
        self.building = False
        if index is not self.index:
            index.close()  # the vault was switched or closed while this one built
            return
        if report.added or report.removed or report.rebuilt:
            notes = "1 note" if report.added == 1 else f"{report.added:,} notes"
            words = [f"Search index ready ({notes} indexed in {report.seconds:.1f} s)"]
        else:
            words = ["Search index up to date"]
        words += index.take_messages()
        self.ready.emit("; ".join(words))

    def _failed(self, message: str) -> None:
        self.building = False
        self.failed.emit(f"Search index: {message}")

    def update(self, event: VaultEvent) -> None:
        """Follow a live edit the vault has applied."""
        index = self.index
        if index is None or not (event.added or event.modified or event.removed):
            return

        def update() -> None:
            index.update(event)

        self.tasks.submit(update, lambda _result: None, self._failed)

    def find_mentions(self, path: str, found: Callable[[tuple[str, list[Mention]]], None]) -> None:
        """Unlinked mentions of ``path``, looked for in the background; ``found((path, list))``."""
        index = self.index
        if index is None or self.building:
            return

        def look() -> tuple[str, list[Mention]]:
            return path, unlinked_mentions(index, index.vault, path)

        self.tasks.submit(look, found, self._failed)

    @property
    def usable(self) -> bool:
        return self.index is not None and not self.building

    def search(
        self, text: str, limit: int = 50, *, as_you_type: bool = False
    ) -> SearchResult | None:
        """Ranked hits, or None with no vault; a damaged index is rebuilt in the background."""
        if self.index is None:
            return None
        result = self.index.search(
            text, limit=limit, snippets=min(limit, 20), as_you_type=as_you_type
        )
        if self.index.needs_build and not self.building:
            self._build()
        return result

    def stop(self) -> None:
        """Cancel a running build and let go of the index (window closing, vault switched)."""
        self._cancel.set()
        if self.index is not None and not self.building:
            self.index.close()
        self.index = None
