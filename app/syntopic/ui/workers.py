"""Work off the UI thread: a function or generator per worker, its news handed to the UI thread.

napari's thread workers are the model: a worker runs one function (or a
generator, whose yields are its progress) on a thread of its own, can be asked
to stop, and reports through signals that arrive on the UI thread.

Two rules every worker in the app follows, kept here and nowhere else:

- **The hand-back.** A worker's QObject is made on the UI thread and never
  leaves it; the thread only emits one internal signal, queued to the UI
  thread, where the public signals are sent. A started worker is held in
  `Worker.alive` until that last delivery; there it joins its (by now
  finished) thread and lets go, so the final reference to the wrapper is
  always dropped on the UI thread. (Not a reference to itself: that is a
  cycle, which the collector may free before the news arrives, on whichever
  thread it happens to run.) A Python-owned QObject destroyed on a finishing thread can
  deadlock PySide (the dying thread holds shiboken's wrapper lock and waits
  for the GIL the UI thread holds while it waits for that lock); and plain
  Python threads, unlike QThreads, cannot abort the app with "QThread:
  Destroyed while thread is still running" when a window closes under them.
- **The heap policy** (``bulk=True``): work that builds what lives as long as
  the vault (a load, an index, the graph's copy, the switcher's titles) runs
  with the cyclic collector paused, and what it built is then frozen out of
  the collector's view (`syntopic.core.heap.paused_gc`). The freeze lasts for
  the life of the process, on purpose: frozen objects are still freed by
  reference counting when the vault goes (it builds no cycles, the reason
  the pause is safe), while unfreezing would hand the whole vault back to the
  collector, whose next full pass walking it is the 0.3 s stall (at 6,500
  notes) that freezing exists to avoid. The cost is bounded: only cyclic
  garbage alive at the moment of a freeze stays until exit, and the
  collector is paused only while bulk work runs.
"""

from __future__ import annotations

import contextlib
import inspect
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Any, ClassVar, Generic, TypeVar, cast

from PySide6.QtCore import QObject, Qt, Signal

from syntopic.core.heap import paused_gc

T = TypeVar("T")
# how long a closing window waits for each worker it stops; one still running
# after that is left to finish on its own (a plain thread: nothing aborts), and
# at exit Python waits for it
CLOSE_WAIT = 10.0


def heap_policy(bulk: bool) -> contextlib.AbstractContextManager[None]:
    """What the collector does while a step of work runs (see the module's docstring)."""
    return paused_gc() if bulk else contextlib.nullcontext()


class Worker(QObject):
    """``fn`` run on a thread of its own; every signal arrives on the UI thread.

    ``fn`` takes no arguments. A generator function's yields are its progress
    (``yielded``); `quit` stops it between yields. A plain function can report
    through `report` and look at `cancel` (a `threading.Event`) to stop early;
    if it raises once cancelled, that is ``aborted``, not ``errored``.

    Signals:
        yielded(object): a value the generator yielded, or one passed to `report`.
        returned(object): what the function returned (a generator: its return value).
        errored(object): the exception it raised.
        aborted(): it stopped early because `quit` was called.
        finished(): last, whatever the outcome.
    The thread has ended before any of ``returned``, ``errored``, ``aborted`` or
    ``finished`` arrives.
    """

    alive: ClassVar[set[Worker]] = set()  # started, their last news not yet delivered (see above)
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    aborted = Signal()
    finished = Signal()
    _news = Signal(str, object)  # from the worker's thread: the one way back

    def __init__(
        self,
        fn: Callable[[], Any],
        *,
        bulk: bool = False,
        name: str = "syntopic-worker",
        on_quit: Callable[[], None] | None = None,
        daemon: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.fn = fn
        self.bulk = bulk
        self.name = name
        self.cancel = threading.Event()
        self._on_quit = on_quit  # wakes work that waits on something other than `cancel`
        # a one-off job ends on its own: at exit Python waits for it rather than
        # kill it halfway through Qt calls; a server idles until told, so it may not
        self._daemon = daemon
        self._thread: threading.Thread | None = None
        self._done = False
        self._news.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # -- on the UI thread ----------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a worker runs once")
        Worker.alive.add(self)
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=self._daemon)
        self._thread.start()

    def quit(self) -> None:
        """Ask the work to stop (between yields, or when it next looks at `cancel`)."""
        self.cancel.set()
        if self._on_quit is not None:
            self._on_quit()

    @property
    def running(self) -> bool:
        """True while the thread runs (``finished`` may still be on its way)."""
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread has ended (no signal delivered meanwhile); False on timeout."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self, timeout: float | None = None) -> bool:
        """`quit`, then `wait` up to ``timeout`` (default `CLOSE_WAIT`): True if the
        thread has ended. Signals still queued are dropped: whoever stops a worker
        has stopped listening.
        """
        self.quit()
        ended = self.wait(CLOSE_WAIT if timeout is None else timeout)
        if ended:
            self._finish()
        return ended

    def _deliver(self, kind: str, value: object) -> None:
        if self._done:
            return  # stopped: nobody listens any more
        if kind == "yielded":
            if not self.cancel.is_set():  # progress after `quit` is news nobody asked for
                self.yielded.emit(value)
            return
        # the last word: the thread has ended (or is about to) before anyone hears the
        # outcome, so a receiver may start the next run, or go, at once
        if self._thread is not None:
            self._thread.join()
        outcome, result = cast("tuple[str, object]", value)
        if outcome == "returned":
            self.returned.emit(result)
        elif outcome == "errored":
            self.errored.emit(result)
        elif outcome == "aborted":
            self.aborted.emit()
        if self._done:
            return  # a receiver stopped it: it has stopped listening
        self._finish()
        self.finished.emit()

    def _finish(self) -> None:
        self._done = True
        if self._thread is not None:
            self._thread.join()  # it has sent its last word: this is at most a moment
        Worker.alive.discard(self)  # maybe the last reference: dropped here, on the UI thread

    # -- on the worker's thread ------------------------------------------------------
    def report(self, value: object) -> None:
        """Progress from a plain function (any thread): arrives as ``yielded``."""
        self._send("yielded", value)

    def _send(self, kind: str, value: object) -> None:
        # RuntimeError: the owner deleted the worker, and nobody is left to tell
        with contextlib.suppress(RuntimeError):
            self._news.emit(kind, value)

    def _run(self) -> None:
        try:
            outcome = self._work()
        except BaseException as exc:  # reported on the UI thread, never lost
            outcome = ("aborted", None) if self.cancel.is_set() else ("errored", exc)
        self._send("ended", outcome)  # one message: the outcome, then ``finished``

    def _work(self) -> tuple[str, object]:
        if not inspect.isgeneratorfunction(self.fn):
            with heap_policy(self.bulk):
                return "returned", self.fn()
        steps: Generator[object, None, object] = self.fn()
        while True:
            if self.cancel.is_set():
                steps.close()
                return "aborted", None
            try:
                with heap_policy(self.bulk):
                    value = next(steps)
            except StopIteration as stop:
                return "returned", stop.value
            if not self.cancel.is_set():
                self._send("yielded", value)


class Latest(Generic[T]):
    """A one-place mailbox: a new request replaces one not yet taken.

    For workers that serve requests where only the newest counts (typing in the
    switcher, cache images while the map moves).
    """

    def __init__(self, on_take: Callable[[T], None] | None = None) -> None:
        self._cond = threading.Condition()
        self._item: T | None = None
        self._closed = False
        self._on_take = on_take  # called under the lock: no moment where a request is nowhere
        self.lock = self._cond  # for state that must change together with the mailbox's

    def put(self, item: T) -> None:
        with self._cond:
            self._item = item
            self._cond.notify()

    def take(self) -> T | None:
        """The newest request, waiting for one; None once closed."""
        with self._cond:
            while self._item is None and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            item, self._item = self._item, None
            assert item is not None
            if self._on_take is not None:
                self._on_take(item)
            return item

    def peek(self) -> T | None:
        with self._cond:
            return self._item

    def close(self) -> None:
        """Wake the taker with None; later requests are dropped."""
        with self._cond:
            self._closed = True
            self._item = None
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed


def serve(
    mailbox: Latest[T],
    handle: Callable[[T], object],
    *,
    bulk: bool = False,
    name: str,
    parent: QObject | None = None,
) -> Worker:
    """A worker (not yet started) that answers the newest request in ``mailbox``
    with ``handle``, one at a time, each answer ``yielded``; `Worker.quit` or
    closing the mailbox ends it. The heap policy applies to each answer, not to
    the waits between them."""

    def loop() -> Iterator[object]:
        while (request := mailbox.take()) is not None:
            with heap_policy(bulk):
                answer = handle(request)
            yield answer

    return Worker(loop, name=name, on_quit=mailbox.close, daemon=True, parent=parent)
