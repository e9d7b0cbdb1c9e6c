"""Run by test_closing: open a vault, close the window while one kind of work runs, exit.

``python closing_child.py KIND VAULT OUT [outlast]``. The work of KIND is held
at its start until the window is closing, so the close always lands during it.
Exit status 0 only if the window closed, the app quit, and no worker thread is
left. With ``outlast`` the work is held until the close has given up waiting
for it (its wait made short): it finishes after the window is gone, and the
process must still end cleanly.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from syntopic.search.index import SearchIndex
from syntopic.ui import graph_view, loader, workers
from syntopic.ui.export_dialog import ExportDialog
from syntopic.ui.launch import make_app
from syntopic.ui.window import MainWindow

KINDS = ("load", "index", "graph-read", "layout", "export")


class Gate(QObject):
    """Holds the work until the window is closing; tells the UI thread it got there.

    Signals:
        reached(): the work is waiting at the gate.
    """

    reached = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.open = threading.Event()

    def hold(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.reached.emit()
            self.open.wait(60)
            return fn(*args, **kwargs)

        return held


def worker_threads() -> list[str]:
    return [
        t.name
        for t in threading.enumerate()
        if t.is_alive() and t.name.startswith(("syntopic-", "graph-cache"))
    ]


def main(kind: str, vault: str, out: str, mode: str = "during") -> int:
    app = make_app()
    outlast = mode == "outlast"
    if outlast:
        workers.CLOSE_WAIT = 0.2
    gate = Gate()
    if kind == "load":
        loader.open_vault = gate.hold(loader.open_vault)  # type: ignore[method-assign]
    elif kind == "index":
        SearchIndex.build = gate.hold(SearchIndex.build)  # type: ignore[method-assign]
    elif kind == "graph-read":
        graph_view.read_graph = gate.hold(graph_view.read_graph)
    elif kind == "layout":
        graph_view.arrange = gate.hold(graph_view.arrange)
    elif kind == "export":
        make_job = ExportDialog._job
        ExportDialog._job = lambda self, path: gate.hold(make_job(self, path))  # type: ignore[method-assign]
    window = MainWindow()
    closed: list[bool] = []

    def close() -> None:
        if closed:
            return
        closed.append(True)
        if not outlast:
            gate.open.set()  # the work goes on while the window closes: the close waits for it
        window.close()
        gate.open.set()  # outlast: the close gave up on it; it ends after the window
        app.quit()

    def loaded() -> None:
        if kind in ("graph-read", "layout"):
            window.show_view("graph")
        elif kind == "export":
            dialog = window.show_export()
            assert dialog is not None
            dialog.destination.setText(str(Path(out) / "map.svg"))
            dialog.format.setCurrentIndex(dialog.format.findData("svg"))
            assert dialog.start()

    gate.reached.connect(close)
    window.vault_loaded.connect(loaded)
    window.show()
    window.load_vault(vault)
    app.exec()
    window.shutdown()
    left = [] if outlast else worker_threads()
    if not closed or left:
        print(f"closed={bool(closed)} threads left: {left}", file=sys.stderr)
        return 3
    print("closed cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
