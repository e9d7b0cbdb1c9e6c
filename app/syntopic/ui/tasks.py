"""A queue of tasks run one at a time off the UI thread, each result handed to the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from syntopic.ui.workers import Worker, heap_policy


class Background(Protocol):
    """Run ``fn`` off the UI thread, then hand its result to ``done`` on it.

    ``bulk``: ``fn`` builds what lives as long as the vault (the heap policy of
    `syntopic.ui.workers`).
    """

    def __call__(
        self, fn: Callable[[], Any], done: Callable[[Any], None], *, bulk: bool = False
    ) -> None: ...


def run_here(fn: Callable[[], Any], done: Callable[[Any], None], *, bulk: bool = False) -> None:
    """A `Background` that runs on the calling thread (a widget used on its own, in tests)."""
    with heap_policy(bulk):
        result = fn()
    done(result)


Task = tuple[Callable[[], Any], Callable[[Any], None], Callable[[str], None], bool]


class TaskRunner(QObject):
    """Runs tasks one at a time, each in a `Worker`; keeps them alive until done.

    Signals:
        idle(): the last task finished and nothing is queued.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None, name: str = "syntopic-task") -> None:
        super().__init__(parent)
        self.name = name
        self._queue: list[Task] = []
        self._worker: Worker | None = None
        self._closed = False

    def busy(self) -> bool:
        return self._worker is not None

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
        *,
        bulk: bool = False,
    ) -> None:
        if self._closed:
            return  # the owner is closing: no new thread may outlive it
        self._queue.append((fn, on_done, on_failed, bulk))
        if self._worker is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self.idle.emit()
            return
        fn, on_done, on_failed, bulk = self._queue.pop(0)
        worker = Worker(fn, bulk=bulk, name=self.name)
        worker.returned.connect(on_done)
        worker.errored.connect(lambda exc: on_failed(str(exc) or type(exc).__name__))
        worker.finished.connect(self._finished)
        self._worker = worker
        worker.start()

    def _finished(self) -> None:
        self._worker = None
        self._next()

    def shutdown(self, timeout: float | None = None) -> None:
        """Drop queued tasks, refuse new ones and wait for the running one (window closing)."""
        self._closed = True
        self._queue.clear()
        if self._worker is not None and self._worker.stop(timeout):
            self._worker = None
