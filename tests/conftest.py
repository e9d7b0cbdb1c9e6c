"""Shared fixtures: an isolated cache dir, tiny vaults from (path, text) pairs, windows on them."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from syntopic.core.parse import parse_note
from syntopic.core.vault import Vault

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from syntopic.ui.graph_view import GraphPanel
    from syntopic.ui.window import MainWindow

Pairs = Iterable[tuple[str, str]]


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    """A Qt test's widgets are gone before the next test starts, and none outlives it.

    pytest-qt closes them and calls deleteLater(), but processEvents() never runs a
    deferred delete: a window was destroyed inside the next test's first event loop,
    while that test's window was opening and its workers ran (a segfault there, and
    the dead window's wrappers met the new window's objects at their addresses).
    Here the deletes run, then the collector frees the dead wrappers' cycles on this
    thread (not on a worker's, nor kept for good by a worker's gc.freeze()).
    """
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if not isinstance(QApplication.instance(), QApplication):
        return  # no Qt yet, or a QCoreApplication: no widgets
    for _ in range(3):  # a widget's deletion may post more (its children's own deleteLater)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    left = [type(w).__name__ for w in QApplication.topLevelWidgets()
            if type(w).__module__.startswith("syntopic")]  # fmt: skip
    assert not left, f"{item.nodeid} left windows alive: {left} (qtbot.addWidget them)"


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test reads or writes the real user cache; none leaves a cache save running."""
    from syntopic.core.cache import wait_saved

    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SYNTOPIC_CACHE_DIR", str(cache))
    yield cache
    wait_saved()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the user's real settings (recent vaults, layout)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("SyntopicTests")
    QCoreApplication.setApplicationName("SyntopicTests")
    yield


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers fails the test instead of hanging the run."""
    from syntopic.ui import dialogs

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("ask", "warn", "inform", "about", "choose_folder"):
        monkeypatch.setattr(dialogs, name, refuse)


def write_vault(root: Path, pairs: Pairs) -> Path:
    for rel, text in pairs:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def disk_vault(tmp_path: Path) -> Callable[[Pairs], Path]:
    """Write (path, text) pairs under a fresh folder and return it."""

    def make(pairs: Pairs) -> Path:
        return write_vault(tmp_path / "vault", pairs)

    return make


def memory_vault(pairs: Pairs) -> Vault:
    """A vault parsed straight from (path, text) pairs, with no files at all."""
    return Vault.from_notes("/memory", [parse_note(p, t) for p, t in pairs])


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[[Path], MainWindow]]:
    """Open main windows on vault folders, each ready once its search index is.

    Every window opened is closed at teardown, with no background task left running.
    """
    from syntopic.ui.window import MainWindow  # Qt only for the tests that ask for a window

    opened: list[MainWindow] = []

    def open_on(root: Path) -> MainWindow:
        win = MainWindow()
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.search.ready, timeout=20_000):
            win.load_vault(str(root))
        opened.append(win)
        return win

    yield open_on
    for win in opened:
        win.close()
        assert not win.session.tasks.busy()


@pytest.fixture
def make_panel(qtbot: QtBot) -> Iterator[Callable[[Vault], GraphPanel]]:
    """Graph panels (900 x 650, shown) on in-memory vaults, each once its first layout
    is done; at teardown each is shut down with no layout or still image running."""
    from syntopic.ui.graph_view import GraphPanel  # Qt only for the tests that ask

    panels: list[GraphPanel] = []

    def make(vault: Vault) -> GraphPanel:
        panel = GraphPanel()
        qtbot.addWidget(panel)
        panel.resize(900, 650)
        panel.show()
        qtbot.waitExposed(panel)
        with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
            panel.set_vault(vault)
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()
        assert not panel.tasks.busy() and not panel.canvas.still.renderer.running()
