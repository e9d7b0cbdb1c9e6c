"""Opening a note at a heading scrolls where Obsidian would: chains and dropped punctuation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.window import MainWindow

PAIRS = [
    (
        "B.md",
        "# Top\n## Sub\nUnder top.\n# Other\n## Sub\nUnder other.\n## Step 1: Install\nRun.\n",
    ),
]


@pytest.fixture
def window(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path]
) -> MainWindow:
    return open_window(disk_vault(PAIRS))


@pytest.mark.parametrize(
    ("heading", "anchor"), [("Other#Sub", "L5"), ("Step 1 Install", "L7"), ("sub", "L2")]
)
def test_a_heading_link_scrolls_to_the_heading_it_reaches(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, heading: str, anchor: str
) -> None:
    anchors: list[str] = []
    monkeypatch.setattr(window.note_view, "scrollToAnchor", anchors.append)
    assert window.open_note("B.md", heading)
    qtbot.waitUntil(lambda: anchors == [anchor])
