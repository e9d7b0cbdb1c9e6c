"""One open vault: its loading, file watch, background queue, search index and live edits."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from syntopic.core.vault import PreparedChanges, Vault
from syntopic.core.watch import VaultWatcher
from syntopic.ui.loader import Loaded, load_failure, loader
from syntopic.ui.search_service import SearchService
from syntopic.ui.tasks import TaskRunner
from syntopic.ui.workers import Worker


class VaultSession(QObject):
    """The vault a window shows, kept in step with the disk; views subscribe to it.

    Everything that reads or changes the vault off the UI thread goes through one
    task queue (`tasks`), so the vault only changes between tasks: a live edit is
    parsed in a task (prepare) and applied here, on the UI thread (commit).

    The order of things, which views may rely on:
    - ``opened`` comes first, with the vault; ``loaded`` one turn of the event
      loop later, so that showing the first note and filling the heavier views
      are two short steps rather than one long one.
    - The file watch starts after ``loaded``; the search index after the watch
      has started (or failed to): two workers at once take the GIL from the
      window in turn (measured: stalls of 100-160 ms at 6,500 notes).
    - A change is committed to the vault, handed to the search index, and only
      then announced with ``changed``.
    - Changes are prepared only while the queue is idle; ones that arrive while
      it is busy wait for it.

    Signals:
        loading_started(str): a load of this folder has started (the vault shown is on its way out).
        progress(str, int, int): loading: phase, done, total (0: unknown).
        opened(object, object): the newly loaded `Vault` and its `Overview`.
        loaded(): one turn after ``opened``; the watch and the index follow.
        changed(object): a live edit was applied to the vault (its `VaultEvent`).
        load_failed(str): the vault could not be opened; a one-line reason.
        sync_failed(str): following the disk failed (the folder went, a task failed).
        notice(str): a passing remark for the status bar (live reload is off).
    """

    loading_started = Signal(str)
    progress = Signal(str, int, int)
    opened = Signal(object, object)
    loaded = Signal()
    changed = Signal(object)
    load_failed = Signal(str)
    sync_failed = Signal(str)
    notice = Signal(str)
    _changes_pending = Signal()  # from the watcher's thread: queued to ours
    _watch_failed = Signal(str)  # from the thread that starts the watcher
    _watch_started = Signal()  # ditto

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        self.watcher: VaultWatcher | None = None
        self.tasks = TaskRunner(self)
        self.search = SearchService(self.tasks, self)
        self._loader: Worker | None = None
        self._closed = False
        self._changes_pending.connect(self._sync_changes)
        self._watch_failed.connect(self._watching_failed)
        self._watch_started.connect(self._start_search)

    # -- loading -------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loader is not None

    def load(self, root: str) -> bool:
        """Parse ``root`` in a worker; False if a load is already under way."""
        if self.loading or self._closed:
            return False
        # the shown vault is about to be replaced: what changes on its disk meanwhile
        # would be applied to a vault on its way out (and race the load); if the
        # load fails, the watch starts again with a rescan, so nothing is missed
        self._stop_watching()
        worker = loader(root)
        worker.yielded.connect(lambda step: self.progress.emit(*step))
        worker.returned.connect(self._on_loaded)
        worker.errored.connect(lambda exc: self._load_failed(load_failure(root, exc)))
        self._loader = worker
        worker.start()
        self.loading_started.emit(root)
        return True

    def _load_failed(self, message: str) -> None:
        self._loader = None
        self.load_failed.emit(message)
        if self.vault is not None and not self._closed:
            self._start_watching(self.vault.root)  # the vault still shown is followed again

    def _on_loaded(self, loaded: Loaded) -> None:
        vault, summary = loaded
        self._loader = None  # its thread is ending: the worker sees to that itself
        if self._closed:
            return
        self._stop_watching()
        self.search.stop()  # the last vault's index; this one's starts after the watch
        self.vault = vault
        self.opened.emit(vault, summary)
        QTimer.singleShot(0, lambda: self._finish_loading(vault))

    def _finish_loading(self, vault: Vault) -> None:
        if vault is not self.vault or self._closed:
            return  # another vault was opened meanwhile
        self.loaded.emit()
        self._start_watching(vault.root)

    def in_background(
        self, fn: Callable[[], Any], done: Callable[[Any], None], *, bulk: bool = False
    ) -> None:
        """Run ``fn`` on the task queue: the vault never changes while it runs (a `Background`)."""
        self.tasks.submit(fn, done, self._sync_failed, bulk=bulk)

    # -- the file watch ----------------------------------------------------------------
    def _start_watching(self, root: str) -> None:
        watcher = VaultWatcher(root, self._changes_pending.emit)
        watcher.start_in_background(
            lambda exc: self._watch_failed.emit(exc.strerror or str(exc)), self._watch_started.emit
        )
        self.watcher = watcher

    def _start_search(self) -> None:
        if self.vault is not None and self.search.index is None and self.watcher is not None:
            self.search.start(self.vault)

    def _watching_failed(self, reason: str) -> None:
        self._start_search()  # search works without live reload
        self._stop_watching()
        if self.vault is not None and not os.path.isdir(self.vault.root):
            self._sync_failed(reason)  # says the folder is gone
            return
        self.notice.emit(f"Live reload is off: {reason}")

    def _stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    # -- live edits: prepared in a task, committed here ------------------------------------
    def _sync_changes(self) -> None:
        if self.watcher is None or self.vault is None:
            return
        if self.tasks.busy():
            self.tasks.idle.connect(self._retry_sync, Qt.ConnectionType.SingleShotConnection)
            return
        changes, rescan = self.watcher.drain()
        vault = self.vault

        def prepare() -> object:
            if not os.path.isdir(vault.root):  # not "every note deleted": the folder went
                raise FileNotFoundError(vault.root)
            found = vault.changes_on_disk() if rescan else changes
            return vault.prepare(found)

        self.tasks.submit(prepare, lambda prepared: self.commit(vault, prepared), self._sync_failed)

    def _retry_sync(self) -> None:
        self._changes_pending.emit()

    def commit(self, vault: Vault, prepared: PreparedChanges) -> None:
        """Apply changes prepared from ``vault`` (if still the one shown, and no other
        is loading to replace it) and tell everyone."""
        if vault is not self.vault or not prepared or self._closed or self.loading:
            return
        event = vault.commit(prepared)
        self.search.update(event)
        self.changed.emit(event)

    def _sync_failed(self, message: str) -> None:
        if self.vault is not None and not os.path.isdir(self.vault.root):
            self._stop_watching()
            message = f"The vault folder {self.vault.root} is gone; showing what was loaded."
        self.sync_failed.emit(message)

    # -- the end -----------------------------------------------------------------------
    def close(self) -> None:
        """Stop watching, indexing and every task; wait for a load under way (window closing)."""
        self._closed = True
        self._stop_watching()
        self.search.stop()
        self.tasks.shutdown()
        if self._loader is not None:
            self._loader.stop()
