"""Everyday use: search as you type by prefix, find in the note, zoom, print, new note."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.window import MainWindow

PAIRS = [
    ("README.md", "---\ntitle: Start Here\n---\nBegin with [[Reciprocity]].\n"),
    (
        "Concepts/Reciprocity.md",
        "---\ntype: concept\n---\n# Reciprocity\n\nPeople repay favours. A favour asks "
        "for a favour back, and favours add up.\n",
    ),
    ("Concepts/Liking.md", "We help people we like.\n"),
]


@pytest.fixture
def window(qtbot: QtBot, disk_vault: Callable[[Pairs], Path]) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.search.ready, timeout=20_000):
        win.load_vault(str(disk_vault(PAIRS)))
    yield win
    win.close()
    assert not win.session.tasks.busy()


def test_typing_the_start_of_a_word_finds_the_note(window: MainWindow, qtbot: QtBot) -> None:
    box = window.search_box
    with qtbot.waitSignal(box.query_changed, timeout=2000):
        qtbot.keyClicks(box, "reci")
    hits = window.search_panel.list
    assert hits.count() >= 1 and "Reciprocity" in hits.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert "Did you mean" not in window.search_panel.summary.text()


def test_enter_on_a_typo_takes_the_suggestion(window: MainWindow, qtbot: QtBot) -> None:
    box = window.search_box
    with qtbot.waitSignal(box.query_changed, timeout=2000):
        qtbot.keyClicks(box, "helpp ")
    assert window.search_panel.list.count() == 0
    assert "Did you mean" in window.search_panel.summary.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.text().strip() == "help"
    assert window.search_panel.list.count() == 1
