"""The graph after live edits: colours, legend and counts follow the disk; a new vault's
map never shows the last one's figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import Pairs, write_vault
from syntopic.layout.colours import KIND_COLOURS
from syntopic.ui.graph_view import GraphPanel
from syntopic.ui.window import MainWindow

PAIRS = [
    ("Hub.md", "---\ntype: concept\n---\n[[Leaf]] [[Missing one]]\n"),
    ("Leaf.md", "Back to [[Hub]] and [[Missing two]].\n"),
    ("Books/Book.md", "---\ntype: book\n---\nOn [[Hub]].\n"),
]


@pytest.fixture
def live_map(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path], qtbot: QtBot
) -> tuple[MainWindow, Path]:
    root = disk_vault(PAIRS)
    win = open_window(root)
    win.show()
    watcher = lambda: win.session.watcher is not None and win.session.watcher.running  # noqa: E731
    qtbot.waitUntil(watcher, timeout=10_000)
    with qtbot.waitSignal(win.graph.layout_finished, timeout=10_000):
        win.show_view("graph")
    return win, root


def legend(panel: GraphPanel) -> dict[str, int]:
    """What the legend lists (an entry with nothing on the map is not drawn)."""
    return {label: n for label, _, n in panel.canvas.legend if n}


def colour_of(panel: GraphPanel, node: str) -> str:
    scene = panel.canvas.scene
    assert scene is not None
    return scene.colours[scene.groups[scene.index[node]]]


def shown_figure(panel: GraphPanel) -> int:
    return int(panel.controls.counts.text().split(" of ")[0].replace(",", ""))


def agree(panel: GraphPanel) -> bool:
    """The legend's entries add up to the notes shown, and the toolbar says that number."""
    scene = panel.canvas.scene
    return scene is not None and sum(legend(panel).values()) == len(scene.shown) == shown_figure(
        panel
    )


def on_map(panel: GraphPanel, node: str) -> bool:
    scene = panel.canvas.scene
    return scene is not None and node in scene.index and scene.index[node] in scene.shown


def test_a_concept_written_while_open_gets_the_concept_colour(
    live_map: tuple[MainWindow, Path], qtbot: QtBot
) -> None:
    win, root = live_map
    panel = win.graph
    assert legend(panel) == {"concept": 1, "note": 1, "book": 1, "ghost": 2} and agree(panel)
    with qtbot.waitSignal(win.session.changed, timeout=10_000):
        (root / "Fresh.md").write_text("---\ntype: concept\n---\nSee [[Missing three]].\n")
    qtbot.waitUntil(lambda: on_map(panel, "Fresh.md"), timeout=5000)
    assert colour_of(panel, "Fresh.md") == KIND_COLOURS["concept"]
    assert legend(panel) == {"concept": 2, "note": 1, "book": 1, "ghost": 3}
    assert agree(panel)
    assert "3 unwritten" in win.counts.text()  # the status bar counts the same ghosts


def test_writing_an_unwritten_note_turns_its_ghost_into_a_concept(
    live_map: tuple[MainWindow, Path], qtbot: QtBot
) -> None:
    win, root = live_map
    panel = win.graph
    with qtbot.waitSignal(win.session.changed, timeout=10_000):
        (root / "Missing one.md").write_text("---\ntype: concept\n---\nBack to [[Hub]].\n")
    qtbot.waitUntil(lambda: on_map(panel, "Missing one.md"), timeout=5000)
    assert not on_map(panel, "ghost:missing one")
    assert colour_of(panel, "Missing one.md") == KIND_COLOURS["concept"]
    assert legend(panel) == {"concept": 2, "note": 1, "book": 1, "ghost": 1} and agree(panel)


def test_legend_and_count_agree_after_edits_and_deletes(
    live_map: tuple[MainWindow, Path], qtbot: QtBot
) -> None:
    win, root = live_map
    panel = win.graph
    with qtbot.waitSignal(win.session.changed, timeout=10_000):
        (root / "Leaf.md").write_text("---\ntype: concept\n---\nNow a concept, no links.\n")
    qtbot.waitUntil(lambda: legend(panel).get("concept") == 2, timeout=5000)
    assert colour_of(panel, "Leaf.md") == KIND_COLOURS["concept"]
    assert legend(panel) == {"concept": 2, "book": 1, "ghost": 1} and agree(panel)
    with qtbot.waitSignal(win.session.changed, timeout=10_000):
        (root / "Hub.md").unlink()
    qtbot.waitUntil(lambda: not on_map(panel, "Hub.md"), timeout=5000)
    assert legend(panel) == {"concept": 1, "book": 1, "ghost": 1} and agree(panel)


def test_legend_counts_what_the_filters_leave(live_map: tuple[MainWindow, Path]) -> None:
    panel = live_map[0].graph
    panel.controls.hide_ghosts.setChecked(True)
    assert legend(panel) == {"concept": 1, "note": 1, "book": 1} and agree(panel)
    assert panel.controls.counts.text() == "3 of 5 shown"


def test_a_new_vault_loading_shows_none_of_the_last_ones_counts(
    live_map: tuple[MainWindow, Path], tmp_path: Path, qtbot: QtBot
) -> None:
    win, _ = live_map
    panel = win.graph
    assert panel.controls.counts.text() == "5 of 5 shown"
    other = write_vault(tmp_path / "other", [("Only.md", "Alone.\n")])
    with qtbot.waitSignal(win.session.opened, timeout=10_000):
        win.load_vault(str(other))
        assert panel.controls.counts.text() == ""  # from the moment the load starts
        assert panel.canvas.legend == []
    qtbot.waitUntil(lambda: panel.controls.counts.text() == "1 of 1 shown", timeout=10_000)
    assert legend(panel) == {"note": 1}


def test_a_failed_load_brings_the_shown_vaults_map_back(
    live_map: tuple[MainWindow, Path], tmp_path: Path, qtbot: QtBot
) -> None:
    win, _ = live_map
    panel = win.graph
    with qtbot.waitSignal(win.session.load_failed, timeout=10_000):
        win.load_vault(str(tmp_path / "no such folder"))
    qtbot.waitUntil(lambda: panel.controls.counts.text() == "5 of 5 shown", timeout=10_000)
    assert legend(panel) == {"concept": 1, "note": 1, "book": 1, "ghost": 2}
