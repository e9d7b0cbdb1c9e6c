"""Time to show a huge note in the Note tab, and the longest stall of the window meanwhile.

Run: ``python -m benchmarks.render_bench [--mb 20] [--before]``. It writes a vault with
one note of ``--mb`` megabytes (headings, paragraphs with links, bold, lists), measures
the floor (`benchmarks.floor`: read the vault, one wiki-link regex, a graph) and then, in
a window, the time from asking for the note to its text being on screen and the longest
gap between 10 ms timer ticks on the UI thread in that time. ``--before`` shows the note
the way Syntopic did before pages (render and ``setHtml`` on the UI thread), with a
``--limit`` in seconds after which it gives up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.floor import floor

BLOCK = (
    "## Part {i}\n"
    "Some **bold** words about [[Reciprocity]] and [[Trust|trust]], with `code` and a #tag;\n"
    "a second line of the same paragraph that mentions [[Note {j}]] once more.\n\n"
    "- a list item that links [[Liking]]\n"
    "- another item with *emphasis*\n\n"
)


def write_vault(root: Path, megabytes: float) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    parts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        block = BLOCK.format(i=i, j=i % 500)
        parts.append(block)
        size += len(block)
        i += 1
    (root / "Huge.md").write_text("".join(parts), "utf-8")
    for name in ("Reciprocity", "Trust", "Liking"):
        (root / f"{name}.md").write_text(f"{name}. See [[Huge]].\n", "utf-8")
    return root


def child(vault: str, before: bool) -> None:
    """In a fresh process: open the note in a NoteView and time it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from syntopic.core.vault import Vault
    from syntopic.render.note import NoteRenderer
    from syntopic.ui.note_view import NoteView

    app = QApplication([])
    renderer = NoteRenderer(Vault.open(vault))
    view = NoteView()
    view.vault_root = vault
    view.resize(1000, 800)
    view.show()
    clock = QElapsedTimer()
    clock.start()
    last = [0]
    worst = [0]
    began = [0]

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    result: dict[str, float] = {}

    def shown() -> None:
        result["shown_s"] = (clock.elapsed() - began[0]) / 1000
        result["chars_shown"] = len(view.toPlainText())
        QTimer.singleShot(50, finish)  # one more tick: the last gap counts

    def finish() -> None:
        result["longest_stall_s"] = worst[0] / 1000
        print(json.dumps(result), flush=True)
        app.quit()

    def start() -> None:
        began[0] = last[0] = clock.elapsed()
        worst[0] = 0
        if before:
            view.setHtml(renderer.page_html("Huge.md"))
            shown()
            return
        from syntopic.ui.tasks import TaskRunner

        runner = TaskRunner(app)

        def background(fn: object, done: object) -> None:
            runner.submit(fn, done, lambda message: print(message, file=sys.stderr))  # type: ignore[arg-type]

        view.background = background
        view.show_page(
            lambda page, flipped: renderer.page_html("Huge.md", page, flipped),
            heavy=renderer.heavy("Huge.md"),
            then=shown,
        )

    QTimer.singleShot(100, start)
    app.exec()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--limit", type=float, default=600.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.before)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        vault = write_vault(Path(tmp) / "vault", args.mb)
        start = time.perf_counter()
        floor(str(vault))
        floor_s = time.perf_counter() - start
        command = [sys.executable, "-m", "benchmarks.render_bench", "--child", str(vault)]
        if args.before:
            command.append("--before")
        env = dict(os.environ, SYNTOPIC_CACHE_DIR=str(Path(tmp) / "cache"))
        try:
            out = subprocess.run(
                command, capture_output=True, text=True, timeout=args.limit, env=env, check=True
            ).stdout
        except subprocess.TimeoutExpired:
            print(f"{args.mb} MB note: not shown within {args.limit:.0f} s; floor {floor_s:.2f} s")
            return 1
        figures = json.loads(out.strip().splitlines()[-1])
    shown, stall = figures["shown_s"], figures["longest_stall_s"]
    print(
        f"{args.mb} MB note ({'before' if args.before else 'after'}): shown in {shown:.2f} s "
        f"({shown / floor_s:.0f}x floor), longest UI stall {stall:.2f} s "
        f"({stall / floor_s:.1f}x floor); floor {floor_s:.3f} s; "
        f"{figures['chars_shown']:.0f} characters on screen"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
