"""Desktop responsiveness: first paint, the longest UI stall opening and editing, save to view.

    .venv/bin/python -m benchmarks.ui_bench [--size 6500] [--repeat 3]
    .venv/bin/python -m benchmarks.ui_bench --navigator VAULT [--repeat 3]

Every figure comes from a fresh process (``--child KIND``) under the offscreen
platform. A stall is the longest gap between two ticks of a 2 ms timer on the
UI thread, less the 2 ms: the time the window could not answer a click.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TAG = "UI-BENCH "
TICK_MS = 2
SETTLE_MS = 400  # after the last background job: time for queued work to land


# -- inside the child ---------------------------------------------------------------------
def _emit(**values: Any) -> None:
    print(TAG + json.dumps(values), flush=True)


def _window() -> tuple[Any, Any]:
    from syntopic.ui.launch import make_app
    from syntopic.ui.window import MainWindow

    app = make_app()
    window = MainWindow()
    window.resize(1280, 800)
    return app, window


def child_first_paint(vault: str, started: float) -> None:
    """Wall time from the parent's launch to the window's first paint, and to the vault shown."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window = _window()
    marks: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "paint" not in marks:
                marks["paint"] = time.time() - started
            return False

    probe = FirstPaint()
    window.installEventFilter(probe)

    def loaded() -> None:
        marks["loaded"] = time.time() - started
        QTimer.singleShot(0, app.quit)

    window.vault_loaded.connect(loaded)
    window.show()
    window.load_vault(vault)
    app.exec()
    window.close()
    _emit(first_paint_s=marks.get("paint", float("nan")), vault_shown_s=marks["loaded"])


class StallMeter:
    """Ticks every ``TICK_MS`` on the UI thread; remembers the longest gap and when."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0
        self.gaps: list[float] = []
        self.label = "start"
        self.worst_label = ""

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1e3 - TICK_MS
        self.last = now
        self.gaps.append(gap)
        if gap > self.worst:
            self.worst, self.worst_label = gap, self.label


def child_stall(vault: str, cache: str) -> None:
    """Open ``vault`` and wait for everything the window starts: load, then the search index."""
    from PySide6.QtCore import QTimer

    os.environ["SYNTOPIC_CACHE_DIR"] = cache
    app, window = _window()
    meter = StallMeter()
    pending = {"loaded", "search"}
    started = time.perf_counter()
    done_at: dict[str, float] = {}

    def done(what: str) -> None:
        pending.discard(what)
        done_at[what] = time.perf_counter() - started
        meter.label = f"after {what}"
        if not pending:
            QTimer.singleShot(SETTLE_MS, finish)

    def finish() -> None:
        meter.timer.stop()  # quitting closes the window: closing is not opening
        app.quit()

    window.vault_loaded.connect(lambda: done("loaded"))
    window.search.ready.connect(lambda _m: done("search"))
    window.search.failed.connect(lambda _m: done("search"))
    QTimer.singleShot(120_000, app.quit)
    window.show()
    meter.start()
    window.load_vault(vault)
    app.exec()
    meter.timer.stop()
    window.close()
    gaps = sorted(meter.gaps)
    _emit(
        max_stall_ms=meter.worst,
        stall_where=meter.worst_label,
        p99_gap_ms=gaps[int(len(gaps) * 0.99)] if gaps else 0.0,
        ready_s=max(done_at.values()) if done_at else float("nan"),
        **{f"{k}_s": v for k, v in done_at.items()},
    )


def _put_back(file: Path, data: bytes | None, stat: os.stat_result | None) -> None:
    """Restore an edited note byte for byte and its mtime (so caches stay valid); a note
    the benchmark made (``data`` None) is deleted."""
    if data is None or stat is None:
        file.unlink(missing_ok=True)
        return
    file.write_bytes(data)
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def child_save(vault: str, cache: str, rounds: int) -> None:
    """Edit the open note on disk; time until the window shows the new text."""
    from PySide6.QtCore import QTimer

    os.environ["SYNTOPIC_CACHE_DIR"] = cache
    app, window = _window()
    times: list[float] = []
    state: dict[str, Any] = {}

    def ready() -> None:
        if "ready" in state:
            return
        state["ready"] = True
        note = window.current
        assert note is not None and window.vault is not None
        state["file"] = Path(window.vault.root) / note
        state["original"] = state["file"].read_bytes()
        state["stat"] = state["file"].stat()
        QTimer.singleShot(300, edit)

    def edit() -> None:
        i = len(times)
        word = f"zqxsave{i}"
        state["word"] = word
        state["t0"] = time.perf_counter()
        state["file"].write_bytes(state["original"] + f"\n\nA saved line: {word}.\n".encode())

    def updated(_event: object) -> None:
        if "t0" not in state or state["word"] not in window.note_view.toPlainText():
            return
        times.append(time.perf_counter() - state.pop("t0"))
        if len(times) < rounds:
            QTimer.singleShot(300, edit)
        else:
            QTimer.singleShot(0, app.quit)

    window.search.ready.connect(lambda _m: ready())
    window.vault_updated.connect(updated)
    QTimer.singleShot(120_000, app.quit)
    window.show()
    window.load_vault(vault)
    try:
        app.exec()
    finally:
        if "original" in state:
            _put_back(state["file"], state["original"], state["stat"])
    window.close()
    _emit(save_to_view_ms=statistics.median(times) * 1e3, slowest_ms=max(times) * 1e3)


TAB_WAIT_MS = 4000


def child_edit_stall(vault: str, cache: str) -> None:
    """Once the window is ready, edit notes on disk the way an author does, then show the
    navigator's other trees; the longest UI stall of each step, and which."""
    from PySide6.QtCore import QTimer

    os.environ["SYNTOPIC_CACHE_DIR"] = cache
    app, window = _window()
    meter = StallMeter()
    state: dict[str, Any] = {"step": -1}
    results: dict[str, float] = {}
    restore: list[tuple[Path, bytes | None, os.stat_result | None]] = []

    def steps() -> list[tuple[str, Callable[[], None]]]:
        assert window.vault is not None and window.current is not None
        root = Path(window.vault.root)
        opened = root / window.current
        other = root / next(p for p in sorted(window.vault.notes) if p != window.current)
        fresh = opened.parent / "Zq Bench Fresh Note.md"
        for file in (opened, other):
            restore.append((file, file.read_bytes(), file.stat()))
        restore.append((fresh, None, None))

        def append(file: Path) -> Callable[[], None]:
            return lambda: file.write_bytes(file.read_bytes() + b"\nAn added line.\n")

        nav = window.navigator

        def show_tab(name: str) -> Callable[[], None]:
            def show() -> None:
                nav.tabs.setCurrentWidget(nav.views[name])
                QTimer.singleShot(TAB_WAIT_MS, step)  # no update to wait for: a while

            return show

        return [
            ("the open note edited", append(opened)),
            ("another note edited", append(other)),
            ("a note created", lambda: fresh.write_text(f"Links to [[{opened.stem}]].\n")),
            ("that note deleted", fresh.unlink),
            ("the Books tab shown", show_tab("Books")),
            ("the Tags tab shown", show_tab("Tags")),
        ]

    def ready() -> None:
        if "plan" not in state:
            state["plan"] = steps()
            meter.start()
            QTimer.singleShot(300, step)

    def step() -> None:
        if state["step"] >= 0:
            results[state["plan"][state["step"]][0]] = meter.worst
        state["step"] += 1
        if state["step"] == len(state["plan"]):
            meter.timer.stop()
            app.quit()
            return
        meter.worst = 0.0
        state["plan"][state["step"]][1]()

    def updated(_event: object) -> None:
        if state["step"] >= 0:
            QTimer.singleShot(300, step)  # what follows an update lands meanwhile

    window.search.ready.connect(lambda _m: ready())
    window.vault_updated.connect(updated)
    QTimer.singleShot(300_000, app.quit)
    window.show()
    window.load_vault(vault)
    try:
        app.exec()
    finally:
        for file, data, stat in restore:
            _put_back(file, data, stat)
    window.close()
    where = max(results, key=results.__getitem__)
    _emit(max_stall_ms=results[where], stall_where=where, **results)


Step = tuple[str, int, Callable[[], None]]  # label, wait after (ms), action


def _run_steps(
    app: Any,
    window: Any,
    vault: str,
    meter: StallMeter,
    plan: Callable[[], None],
    queue: list[Step],
    results: dict[str, float],
    deadline_s: int,
) -> None:
    """Open ``vault``; once its search is ready, ``plan`` fills ``queue`` and each step
    runs in turn: ``results[label]`` is the longest stall from its action until the
    next step (steps sharing a label share the figure). Ends when the queue is empty."""
    from PySide6.QtCore import QTimer

    def run_next() -> None:
        if not queue:
            meter.timer.stop()
            app.quit()
            return
        label, wait, action = queue.pop(0)
        if meter.label != label:
            meter.label, meter.worst = label, 0.0
        action()

        def after() -> None:
            results[label] = max(results.get(label, 0.0), meter.worst)
            run_next()

        QTimer.singleShot(wait, after)

    def ready() -> None:
        if not queue and not results:
            plan()
            meter.start()
            QTimer.singleShot(300, run_next)

    window.search.ready.connect(lambda _m: ready())
    QTimer.singleShot(deadline_s * 1000, app.quit)
    window.show()
    window.load_vault(vault)
    app.exec()
    window.close()


TYPE_GAP_MS = 120  # between keystrokes: a quick typist


def child_use_stall(vault: str, cache: str) -> None:
    """Once the window is ready, use it as a reader does: type in the navigator's filter,
    the quick switcher and the search box, show the matrix, perspectives and graph tabs;
    the longest UI stall of each, and which."""

    os.environ["SYNTOPIC_CACHE_DIR"] = cache
    app, window = _window()
    meter = StallMeter()
    results: dict[str, float] = {}
    queue: list[Step] = []

    def typing(label: str, set_text: Callable[[str], None], word: str) -> None:
        for i in range(1, len(word) + 1):
            queue.append((label, TYPE_GAP_MS, lambda t=word[:i]: set_text(t)))
        queue.append((label, 2500, lambda: None))  # what the last keystroke started
        queue.append((label, 1500, lambda: set_text("")))

    def plan() -> None:
        nav = window.navigator
        typing("navigator filter typed and cleared", nav.filter_edit.setText, "idea of")
        switcher: dict[str, Any] = {}

        def open_switcher() -> None:
            switcher["w"] = window.show_switcher()

        queue.append(("quick switcher typed", 300, open_switcher))
        for i in range(1, 8):
            queue.append(
                (
                    "quick switcher typed",
                    TYPE_GAP_MS,
                    lambda t="idea of"[:i]: switcher["w"].edit.setText(t),
                )
            )
        queue.append(("quick switcher typed", 1500, lambda: switcher["w"].close()))
        box = window.search_box

        def search_for(text: str) -> None:
            box.setText(text)
            box.textEdited.emit(text)  # as typing does: setText alone is not the user

        typing("search typed and cleared", search_for, "effect")
        for view, wait in (("matrix", 4000), ("perspectives", 2000), ("graph", 15000)):
            queue.append((f"{view} tab shown", wait, lambda v=view: window.show_view(v)))

    _run_steps(app, window, vault, meter, plan, queue, results, 300)
    where = max(results, key=results.__getitem__)
    _emit(max_stall_ms=results[where], stall_where=where, **results)


IDLE_MS = 2000  # the floor: the longest gap in this long with nothing to do
LONG_S = 1800  # a cold 100,000-note vault takes minutes to parse and index on a busy machine


def child_navigator_stall(vault: str, cache: str) -> None:
    """Once the window is ready: sit idle (the floor), build the notes tree anew, type
    in the filter (a rare word, then a letter nearly every note holds), clear it, open
    and close every top row, show the other trees; the longest UI stall of each."""

    from syntopic.core.heap import settle
    from syntopic.core.overview import declares_types, note_groups, shape

    os.environ["SYNTOPIC_CACHE_DIR"] = cache
    app, window = _window()
    meter = StallMeter()
    results: dict[str, float] = {}
    queue: list[Step] = []
    nav = window.navigator

    def typing(label: str, word: str) -> None:
        for i in range(1, len(word) + 1):
            queue.append((label, TYPE_GAP_MS, lambda t=word[:i]: nav.filter_edit.setText(t)))
        queue.append((label, 2500, lambda: None))  # what the last keystroke started

    def plan() -> None:
        live = window.vault
        assert live is not None
        # what the loader computes off the UI thread, made here before the clock runs
        groups = note_groups(live, typed=declares_types(live))
        shapes = {p: shape(n) for p, n in live.notes.items()}
        # long-lived, as the loader's are (which it freezes): unfrozen, these 100,000
        # entries are what the collector's idle full passes walked, a false floor
        settle()
        queue.append(("idle (the floor)", IDLE_MS, lambda: None))
        queue.append(("notes tree built", 6000, lambda: nav.set_vault(live, groups, shapes)))
        typing("filter typed: a rare word", "idea of")
        queue.append(("filter cleared", 2000, lambda: nav.filter_edit.setText("")))
        typing("filter typed: a common letter", "e")
        queue.append(("filter cleared", 2000, lambda: nav.filter_edit.setText("")))
        view, proxy = nav.views["Notes"], nav.proxies["Notes"]

        def toggle_all(opened: bool) -> None:
            for row in range(proxy.rowCount()):
                (view.expand if opened else view.collapse)(proxy.index(row, 0))

        queue.append(("top rows opened and closed", 1000, lambda: toggle_all(True)))
        queue.append(("top rows opened and closed", 1000, lambda: toggle_all(False)))
        for name in ("Books", "Tags", "Notes"):
            queue.append(
                (
                    f"{name} tab shown",
                    TAB_WAIT_MS,
                    lambda n=name: nav.tabs.setCurrentWidget(nav.views[n]),
                )
            )

    _run_steps(app, window, vault, meter, plan, queue, results, LONG_S)
    floor = results.pop("idle (the floor)")
    where = max(results, key=results.__getitem__)
    _emit(max_stall_ms=results[where], stall_where=where, floor_ms=floor, **results)


# -- the parent ---------------------------------------------------------------------------
def _child(kind: str, vault: Path, *extra: str, timeout: float = 600) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "benchmarks.ui_bench", "--child", kind, str(vault), *extra]
    started = time.time()
    if kind == "first-paint":
        cmd.append(repr(started))
    out = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    for line in out.stdout.splitlines():
        if line.startswith(TAG):
            return dict(json.loads(line[len(TAG) :]))
    raise RuntimeError(f"{kind} on {vault} gave no result:\n{out.stderr[-2000:]}")


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def navigator_table(vault: Path, repeat: int, kept_cache: str | None = None) -> int:
    """The navigator's longest stalls on ``vault``, worst of ``repeat`` runs, each beside
    the longest gap of an idle spell in the same run (the machine's own floor)."""
    with tempfile.TemporaryDirectory(prefix="syntopic-ui-bench-") as tmp:
        # cold for the first run, warm for the rest
        cache = kept_cache or str(Path(tmp) / "cache")
        runs = [_child("navigator-stall", vault, cache, timeout=LONG_S) for _ in range(repeat)]
    steps = [k for k in runs[0] if k not in ("max_stall_ms", "stall_where", "floor_ms")]
    print(f"navigator on {vault}, worst of {repeat} runs\n")
    print("| step | longest stall | idle floor | ratio |\n|---|---|---|---|")
    for step in steps:
        worst = max(runs, key=lambda r: float(r[step]))
        stall, floor = float(worst[step]), max(float(worst["floor_ms"]), 0.1)
        print(f"| {step} | {stall:.0f} ms | {floor:.1f} ms | {stall / floor:.2f}x |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_bench", description=__doc__)
    parser.add_argument("--size", type=int, default=6500, help="generated vault for the stall")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--navigator", metavar="VAULT", help="only the navigator's stalls, on this vault"
    )
    parser.add_argument(
        "--cache", metavar="DIR", help="with --navigator: a cache folder to keep (warm once filled)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kinds: dict[str, Callable[..., None]] = {
            "first-paint": lambda v, t: child_first_paint(v, float(t)),
            "stall": child_stall,
            "edit-stall": child_edit_stall,
            "use-stall": child_use_stall,
            "navigator-stall": child_navigator_stall,
            "save": lambda v, c, n: child_save(v, c, int(n)),
        }
        kinds[args.child](*args.args)
        return 0
    if args.navigator:
        return navigator_table(Path(args.navigator), args.repeat, args.cache)

    from benchmarks.run import ensure_vault

    example = REPO / "vault"
    big = ensure_vault(args.size, 7).root
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="syntopic-ui-bench-") as tmp:
        os.environ["SYNTOPIC_CACHE_DIR"] = str(Path(tmp) / "warm")
        paint = [_child("first-paint", example) for _ in range(args.repeat)]
        first = _median(paint, "first_paint_s")
        shown = _median(paint, "vault_shown_s")
        rows.append(("launch to first paint, example vault", f"{first:.2f} s", "<= 1.5 s"))
        rows.append(("launch to vault shown, example vault", f"{shown:.2f} s", ""))
        _child("stall", big, str(Path(tmp) / "big"))  # fills the caches the warm runs use
        for label, fresh in (("no caches", True), ("caches warm", False)):
            runs = []
            for i in range(args.repeat):
                cache = Path(tmp) / (f"cold{i}" if fresh else "big")
                runs.append(_child("stall", big, str(cache)))
            worst = max(runs, key=lambda r: float(r["max_stall_ms"]))
            rows.append((
                f"longest UI stall opening {args.size:,} notes, {label} (worst of {args.repeat})",
                f"{float(worst['max_stall_ms']):.0f} ms ({worst['stall_where']})",
                "<= 100 ms",
            ))  # fmt: skip
            ready = _median(runs, "ready_s")
            rows.append(
                (f"  load, search index and all ready ({label}, median)", f"{ready:.2f} s", "")
            )
        for name, root in (("example vault", example), (f"{args.size:,} notes", big)):
            save = _child("save", root, str(Path(tmp) / "big"), "5")
            rows.append((
                f"note saved on disk -> view updated, {name} (median of 5)",
                f"{save['save_to_view_ms']:.0f} ms (slowest {save['slowest_ms']:.0f})",
                "<= 300 ms",
            ))  # fmt: skip
        edits = _child("edit-stall", big, str(Path(tmp) / "big"))
        rows.append((
            f"longest UI stall as notes are edited, created, deleted, {args.size:,} notes",
            f"{float(edits['max_stall_ms']):.0f} ms ({edits['stall_where']})",
            "<= 100 ms",
        ))  # fmt: skip
        use = _child("use-stall", big, str(Path(tmp) / "big"))
        rows.append((
            f"longest UI stall typing in filter, switcher, search; matrix, graph; {args.size:,}",
            f"{float(use['max_stall_ms']):.0f} ms ({use['stall_where']})",
            "<= 100 ms",
        ))  # fmt: skip
    print("| what | measured | budget |\n|---|---|---|")
    for what, value, budget in rows:
        print(f"| {what} | {value} | {budget} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
