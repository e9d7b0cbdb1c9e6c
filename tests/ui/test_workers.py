"""Workers: progress and results on the UI thread, cancelling, the hand-back, the heap policy."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from syntopic.ui.tasks import TaskRunner
from syntopic.ui.workers import Latest, Worker, serve

UI = threading.main_thread().ident


def test_a_generator_reports_progress_then_its_result_on_the_ui_thread(qtbot: QtBot) -> None:
    heard: list[tuple[str, object, int | None]] = []

    def count() -> Iterator[int]:
        yield from range(3)
        return 42

    worker = Worker(count)
    worker.yielded.connect(lambda v: heard.append(("yielded", v, threading.get_ident())))
    worker.returned.connect(lambda v: heard.append(("returned", v, threading.get_ident())))
    worker.finished.connect(lambda: heard.append(("finished", None, threading.get_ident())))
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    assert heard == [
        ("yielded", 0, UI),
        ("yielded", 1, UI),
        ("yielded", 2, UI),
        ("returned", 42, UI),
        ("finished", None, UI),
    ]
    assert not worker.running


def test_a_plain_function_reports_through_report(qtbot: QtBot) -> None:
    ran_on: list[int | None] = []

    def job() -> str:
        ran_on.append(threading.get_ident())
        worker.report("half")
        return "done"

    worker = Worker(job)
    seen: list[object] = []
    worker.yielded.connect(seen.append)
    with qtbot.waitSignal(worker.returned, timeout=5000) as returned:
        worker.start()
    assert seen == ["half"] and returned.args == ["done"]
    assert ran_on and ran_on[0] != UI


def test_quit_stops_a_generator_between_yields(qtbot: QtBot) -> None:
    first = threading.Event()

    def forever() -> Iterator[int]:
        n = 0
        while True:
            n += 1
            first.set()
            yield n

    worker = Worker(forever)
    outcomes: list[str] = []
    worker.returned.connect(lambda _v: outcomes.append("returned"))
    worker.aborted.connect(lambda: outcomes.append("aborted"))
    worker.start()
    assert first.wait(5)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.quit()
    assert outcomes == ["aborted"]
    assert not worker.running


def test_a_function_that_gives_up_when_cancelled_is_aborted_not_failed(qtbot: QtBot) -> None:
    inside = threading.Event()

    def job() -> None:
        inside.set()
        if worker.cancel.wait(10):
            raise InterruptedError("stopped")

    worker = Worker(job)
    errors: list[object] = []
    worker.errored.connect(errors.append)
    worker.start()
    assert inside.wait(5)
    with qtbot.waitSignal(worker.aborted, timeout=5000):
        worker.quit()
    assert errors == []


def test_an_exception_is_handed_over_not_lost(qtbot: QtBot) -> None:
    def job() -> None:
        raise ValueError("bad input")

    worker = Worker(job)
    with qtbot.waitSignal(worker.errored, timeout=5000) as errored:
        worker.start()
    assert isinstance(errored.args[0], ValueError) and str(errored.args[0]) == "bad input"


def test_the_worker_object_dies_on_the_ui_thread_after_its_thread_ended(qtbot: QtBot) -> None:
    """The hand-back rule: the last reference goes on the UI thread, never in the worker."""
    died_on: list[int | None] = []
    threads: list[threading.Thread] = []

    def start() -> None:
        worker = Worker(lambda: threads.append(threading.current_thread()))
        worker.destroyed.connect(lambda: died_on.append(threading.get_ident()))
        worker.start()  # and no reference kept here: the worker keeps itself until done

    start()
    gc.collect()
    assert died_on == []  # still running, or its news still on the way
    qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
    assert died_on == [UI]
    assert not threads[0].is_alive()


def test_stop_waits_for_the_thread_and_drops_late_news(qtbot: QtBot) -> None:
    inside = threading.Event()

    def job() -> int:
        inside.set()
        worker.cancel.wait(10)
        return 1

    worker = Worker(job)
    returned: list[object] = []
    worker.returned.connect(returned.append)
    worker.start()
    assert inside.wait(5)
    assert worker.stop(5)
    assert not worker.running
    QCoreApplication.sendPostedEvents()  # the news it queued: none is delivered after stop
    assert returned == []


def worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(("syntopic-", "graph-cache"))]


@pytest.mark.parametrize("bulk", [True, False])
def test_bulk_work_runs_with_the_collector_paused(qtbot: QtBot, bulk: bool) -> None:
    assert not worker_threads(), "work left running by an earlier test"
    assert gc.isenabled()
    worker = Worker(gc.isenabled, bulk=bulk)
    with qtbot.waitSignal(worker.returned, timeout=5000) as returned:
        worker.start()
    assert returned.args == [not bulk]
    assert gc.isenabled()  # back on once the work is done


def test_a_server_answers_only_the_newest_request(qtbot: QtBot) -> None:
    mailbox: Latest[int] = Latest()
    gate, busy = threading.Event(), threading.Event()

    def handle(n: int) -> int:
        busy.set()
        gate.wait(5)
        return n * 10

    worker = serve(mailbox, handle, name="test-server")
    answers: list[object] = []
    worker.yielded.connect(answers.append)
    mailbox.put(1)
    worker.start()
    assert busy.wait(5)
    for n in (2, 3, 4):  # arrive while 1 is handled: only the last is kept
        mailbox.put(n)
    gate.set()
    qtbot.waitUntil(lambda: answers == [10, 40], timeout=5000)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.quit()  # wakes it from waiting for a request
    assert not worker.running


def test_tasks_run_one_at_a_time_in_order_and_shutdown_leaves_no_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    order: list[str] = []
    running = threading.Lock()

    def task(name: str) -> str:
        assert running.acquire(blocking=False), "two tasks at once"
        try:
            return name
        finally:
            running.release()

    for name in ("a", "b", "c"):
        runner.submit(lambda n=name: task(n), order.append, order.append)
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert order == ["a", "b", "c"]
    gate = threading.Event()
    runner.submit(lambda: gate.wait(10), order.append, order.append)
    runner.submit(lambda: "never", order.append, order.append)
    gate.set()
    runner.shutdown()
    assert not runner.busy()
    assert not worker_threads()
    runner.submit(lambda: "refused", order.append, order.append)
    assert not runner.busy()
    assert "never" not in order and "refused" not in order
