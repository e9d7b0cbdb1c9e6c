"""Start the desktop app, or render one screenshot of it and exit."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from syntopic import __version__
from syntopic.paths import app_icon, app_icon_sizes
from syntopic.ui import qt_platform
from syntopic.ui.window import APP_NAME, MainWindow

SCREENSHOT_SIZE = (1280, 800)
# the desktop entry's name (packaging/linux/): Wayland matches windows to it by this
DESKTOP_ID = "org.syntopic.Syntopic"
SWITCH_INTERVAL = 0.001  # seconds


def make_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Workers (parsing, indexing, layout) share the GIL with the UI thread, which
    # takes it back for every Qt callback; a shorter slice than the default 5 ms
    # lets it back in sooner. Measured by benchmarks/ui_bench.py.
    sys.setswitchinterval(SWITCH_INTERVAL)
    problem = qt_platform.check()
    if problem:
        raise SystemExit(problem)  # Qt would abort without naming what to install
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(window_icon())
    app.setDesktopFileName(DESKTOP_ID)
    return app


def window_icon() -> QIcon:
    """The app's icon with every drawn size, for the title bar, task bar and switcher."""
    icon = QIcon()
    for size in app_icon_sizes() or [app_icon()]:
        icon.addFile(str(size))
    return icon


def run_gui(
    vault: str | None,
    *,
    open_note: str | None = None,
    view: str = "note",
    screenshot: str | None = None,
    size: tuple[int, int] | None = None,
    theme: str | None = None,
) -> int:
    """Open ``vault`` in a window; with ``screenshot``, save a PNG and exit.

    ``vault`` None (the standalone app started without one): the last vault,
    or on the first run a copy of the example vault in the user's documents.
    """
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app()
    if vault is None:
        from syntopic.firstrun import startup_vault
        from syntopic.ui.settings import Settings

        vault = startup_vault(Settings())
    window = MainWindow()
    if theme is not None:
        window.set_theme(theme, remember=False)
    if screenshot or size:
        # a fixed size, whatever was remembered, so screenshots compare
        window.resize(*(size or SCREENSHOT_SIZE))
    result = {"code": 0}

    def ready() -> None:
        if open_note and not window.open_note(open_note):
            print(f"syntopic: error: no note '{open_note}' in {vault}", file=sys.stderr)
            result["code"] = 2
        window.show_view(view)
        if screenshot:
            settle()

    def settle() -> None:
        """Shoot once the background work a viewer would wait for is done (or 20 s passed)."""
        waiting: set[str] = {"search"}
        if view == "graph":
            waiting.add("graph")

        def done(what: str) -> None:
            waiting.discard(what)
            if not waiting and not result.get("shot"):
                result["shot"] = 1
                # let layout and painting settle for one turn of the event loop
                QTimer.singleShot(50, save)

        window.search.ready.connect(lambda _message: done("search"))
        window.search.failed.connect(lambda _message: done("search"))
        window.graph.layout_finished.connect(lambda: done("graph"))
        if window.search.usable:  # not yet started (it follows the file watch) is not ready
            done("search")

        def give_up() -> None:
            for what in list(waiting):
                done(what)

        QTimer.singleShot(20_000, give_up)

    def save(tries: int = 100) -> None:
        assert screenshot is not None
        canvas = window.graph.canvas
        if view == "graph" and canvas.scene is not None and not canvas.sharp() and tries:
            # a big map's image comes from the cache worker: shoot once it is shown
            canvas.repaint()
            QTimer.singleShot(50, lambda: save(tries - 1))
            return
        ok = window.grab().save(screenshot)
        if not ok:
            print(f"syntopic: error: cannot write {screenshot}", file=sys.stderr)
            result["code"] = 2
        window.close()
        app.quit()

    def failed(message: str) -> None:
        print(f"syntopic: error: {message}", file=sys.stderr)
        result["code"] = 2
        window.close()
        app.quit()

    window.vault_loaded.connect(ready)
    if screenshot:
        window.load_failed.connect(failed)
    window.show()
    window.load_vault(vault)
    app.exec()
    window.shutdown()  # however the loop ended, no worker outlives the window
    return result["code"]
