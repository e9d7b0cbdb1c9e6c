"""Run one function in a worker thread and deliver its result to the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

# run ``fn`` off the UI thread, then hand its result to ``done`` on it
Background = Callable[[Callable[[], Any], Callable[[Any], None]], None]


def run_here(fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
    """A `Background` that runs on the calling thread (a widget used on its own, in tests)."""
    done(fn())


def return_home(worker: QObject) -> None:
    """Hand a worker back to the UI thread as its job ends (call it from the worker).

    A Python-owned QObject destroyed inside a finishing QThread can deadlock
    PySide: the dying thread holds shiboken's wrapper lock and waits for the GIL
    that the UI thread holds while it waits for that lock. Back home, the
    worker dies on the UI thread like any other object.
    """
    app = QCoreApplication.instance()
    if app is not None:
        worker.moveToThread(app.thread())


class _Worker(QObject):
    """Signals:
    done(object): the function's return value.
    failed(str): a one-line description of the exception it raised.
    """

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the user by the caller, never lost
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        finally:
            return_home(self)
        self.done.emit(result)


class TaskRunner(QObject):
    """Runs tasks one at a time off the UI thread; keeps them alive until done.

    Signals:
        idle(): the last task finished and nothing is queued.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: list[
            tuple[Callable[[], Any], Callable[[Any], None], Callable[[str], None]]
        ] = []
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._closed = False

    def busy(self) -> bool:
        return self._thread is not None

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        if self._closed:
            return  # the owner is closing: no new thread may outlive it
        self._queue.append((fn, on_done, on_failed))
        if self._thread is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self.idle.emit()
            return
        fn, on_done, on_failed = self._queue.pop(0)
        thread = QThread(self)
        worker = _Worker(fn)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(on_done)
        worker.failed.connect(on_failed)
        worker.done.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(self._finished)
        self._thread, self._worker = thread, worker
        thread.start()

    def _finished(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self._next()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Drop queued tasks, refuse new ones and wait for the running one (window closing)."""
        self._closed = True
        self._queue.clear()
        if self._thread is not None:
            self._thread.quit()
            if self._thread.wait(timeout_ms):
                # no event loop may turn again to deliver `finished`: tidy up now
                self._thread.finished.disconnect(self._finished)
                self._thread.deleteLater()
                if self._worker is not None:
                    self._worker.deleteLater()
                self._thread = self._worker = None
