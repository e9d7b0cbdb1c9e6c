"""Small windows: 900x600 fits, toolbars wrap without overlapping, side panels fold away,
tabs stay in sight."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.panel_split import LEFT, PANEL_MIN, RIGHT
from syntopic.ui.window import MainWindow

PAIRS = [
    ("Start Here.md", "Begin at [[Reciprocity]] and [[Unwritten]].\n"),
    ("Concepts/Reciprocity.md", "---\ntype: concept\n---\nWe repay [[Start Here]].\n"),
    ("Books/Influence.md", "---\ntype: book\n---\nOn [[Reciprocity]].\n"),
]


@pytest.fixture
def window(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path], qtbot: QtBot
) -> MainWindow:
    win = open_window(disk_vault(PAIRS))
    win.show()
    qtbot.waitExposed(win)
    return win


def leaves(bar: QWidget) -> list[tuple[QWidget, QRect]]:
    """The visible controls of a bar (not the boxes grouping them), in the bar's coordinates."""
    found = []
    for w in bar.findChildren(QWidget):
        if not w.isVisibleTo(bar) or w.layout() is not None:
            continue
        found.append((w, QRect(w.mapTo(bar, QPoint(0, 0)), w.size())))
    return found


def overlaps(bar: QWidget) -> list[str]:
    boxes = leaves(bar)
    inside = bar.rect()
    out = [f"{type(w).__name__} '{_name(w)}' outside" for w, r in boxes if not inside.contains(r)]
    for (a, ra), (b, rb) in itertools.combinations(boxes, 2):
        if ra.intersects(rb) and not (a.isAncestorOf(b) or b.isAncestorOf(a)):
            out.append(f"{_name(a)} over {_name(b)}")
    return out


def _name(w: QWidget) -> str:
    text = getattr(w, "text", None)
    return str(text()) if callable(text) else type(w).__name__


def tabs_in_sight(tabs: QTabWidget) -> bool:
    bar = tabs.tabBar()
    return all(bar.rect().contains(bar.tabRect(i)) for i in range(tabs.count()))


def test_the_window_goes_down_to_900_by_600(window: MainWindow, qtbot: QtBot) -> None:
    window.show_view("graph")
    assert window.minimumSizeHint().width() <= 900
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900 and window.height() == 600)


@pytest.mark.parametrize("width", [900, 1280, 1600])
def test_the_graph_toolbar_wraps_without_overlap(
    window: MainWindow, qtbot: QtBot, width: int
) -> None:
    window.show_view("graph")
    window.resize(width, 600 if width == 900 else 1000)
    controls = window.graph.controls
    qtbot.waitUntil(lambda: window.width() == width)
    qtbot.waitUntil(lambda: controls.height() == controls.heightForWidth(controls.width()))
    assert overlaps(controls) == []
    canvas = window.graph.canvas
    assert canvas.geometry().top() >= controls.geometry().bottom()
    assert canvas.height() >= 250  # the map keeps most of the room


def test_the_navigation_toolbar_has_no_overlap(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    bar = window.search_box.parentWidget()
    assert bar is not None and overlaps(bar) == []


def test_side_panels_keep_a_readable_width_and_fold_away(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    columns = window.panes
    assert window.left.width() >= PANEL_MIN and window.side.width() >= PANEL_MIN
    actions = {a.shortcut().toString(): a for a in window.findChildren(type(window.back_action))}
    left, right = actions["Ctrl+Shift+L"], actions["Ctrl+Shift+I"]
    assert left.isChecked() and right.isChecked()
    centre = window.tabs.width()
    right.trigger()
    assert not columns.is_shown(RIGHT) and not right.isChecked()
    qtbot.waitUntil(lambda: window.tabs.width() > centre + PANEL_MIN - 10)
    left.trigger()
    assert not columns.is_shown(LEFT) and not left.isChecked()
    right.trigger()
    assert columns.is_shown(RIGHT) and right.isChecked() and window.side.width() >= PANEL_MIN
    window.focus_search()
    qtbot.keyClicks(window.search_box, "reciprocity")
    qtbot.waitUntil(lambda: columns.is_shown(LEFT))  # search results bring the panel back
    assert left.isChecked()


def test_dragging_a_panel_shut_unticks_its_action(window: MainWindow) -> None:
    columns = window.panes
    sizes = columns.sizes()
    columns.setSizes([0, sizes[0] + sizes[1], sizes[2]])
    columns.splitterMoved.emit(0, 1)  # what a drag to the edge reports
    actions = {a.shortcut().toString(): a for a in window.findChildren(type(window.back_action))}
    assert not actions["Ctrl+Shift+L"].isChecked()


def test_tabs_stay_in_sight_at_900(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    assert tabs_in_sight(window.side) and tabs_in_sight(window.tabs)


def test_screenshot_at_a_size_and_theme(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    vault, shot = disk_vault(PAIRS), tmp_path / "small.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "syntopic", str(vault), "--view", "graph", "--size", "900x600"]
    cmd += ["--theme", "dark", "--screenshot", str(shot)]
    done = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (900, 600)
    status_bar = image.pixelColor(image.width() // 2, image.height() - 4)
    assert status_bar.lightness() < 80, status_bar.name()
    bad = subprocess.run(
        [*cmd[:6], "--size", "wide"], env=env, capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "900x600" in bad.stderr and "Traceback" not in bad.stderr


def test_a_folded_panel_stays_folded_next_time(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path], qtbot: QtBot
) -> None:
    root = disk_vault(PAIRS)
    first = open_window(root)
    first.show()
    qtbot.waitExposed(first)
    first.panes.set_shown(RIGHT, False)
    first.close()
    again = open_window(root)
    again.show()
    qtbot.waitExposed(again)
    assert not again.panes.is_shown(RIGHT) and again.panes.is_shown(LEFT)
    actions = {a.shortcut().toString(): a for a in again.findChildren(type(again.back_action))}
    assert not actions["Ctrl+Shift+I"].isChecked() and actions["Ctrl+Shift+L"].isChecked()
    actions["Ctrl+Shift+I"].trigger()
    assert again.side.width() >= again.side.minimumWidth() > 0
