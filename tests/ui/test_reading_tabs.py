"""Perspectives, matrix, properties, search as you type, mentions, and the desktop actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui import desktop
from syntopic.ui.window import MainWindow

BOOK = "---\ntype: book\nauthor: {author}\nyear: {year}\n---\nA book.\n"
PAIRS = [
    ("README.md", "---\ntitle: Start Here\n---\nBegin with [[Framing]].\n"),
    ("Books/Engines.md", BOOK.format(author="Ada Byron", year=1843)),
    ("Books/Tides.md", BOOK.format(author="Rachel Carson", year=1951)),
    (
        "Framing.md",
        "---\ntype: concept\naliases: [Frames]\ntags: [persuasion/framing]\nlevel: core\n---\n"
        "# Framing\n\nHow a choice is put changes the choice.\n\n"
        "## The Multi-Book View\n\n"
        "Byron's work in *Engines* shows the frame set before any offer.\n\n"
        "Carson in *Tides* demonstrates that a frame of wonder outlasts one of fear.\n",
    ),
    ("Anchors.md", "A first number works like framing does: it sets the scale.\n"),
]


@pytest.fixture
def window(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path]
) -> MainWindow:
    return open_window(disk_vault(PAIRS))


def test_perspectives_tab_shows_one_column_per_book(window: MainWindow) -> None:
    window.open_note("Framing.md")
    tab = window.tabs.indexOf(window.perspectives_view)
    assert window.tabs.tabText(tab) == "Perspectives (2)"
    window.show_view("perspectives")
    text = window.perspectives_view.toPlainText()
    assert "Engines" in text and "Ada Byron · 1843" in text
    assert "Tides" in text and "frame of wonder" in text
    assert text.index("Engines") < text.index("Tides")


def test_perspective_links_open_notes(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Framing.md")
    window.show_view("perspectives")
    with qtbot.waitSignal(window.note_shown) as shown:
        window.perspectives_view.anchorClicked.emit(QUrl("note:Books/Tides.md"))
    assert shown.args == ["Books/Tides.md"]


def test_matrix_counts_and_opens_a_concept_in_perspectives(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_view("matrix")
    model = window.matrix_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)  # counted in the background
    assert model.columnCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        "Engines",
        "Tides",
    ]
    assert model.index(0, 0).data() == "1" and model.index(0, 1).data() == "1"
    window.matrix_view.table.doubleClicked.emit(model.index(0, 1))
    assert window.current == "Framing.md"
    assert window.tabs.currentWidget() is window.perspectives_view


def test_properties_list_front_matter(window: MainWindow) -> None:
    window.open_note("Framing.md")
    table = window.properties
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["type"] == "concept" and rows["aliases"] == "Frames"
    assert rows["tags"] == "#persuasion/framing" and rows["level"] == "core"
    assert rows["path"] == "Framing.md"


def test_search_as_you_type_waits_for_a_pause_then_lists_hits(
    window: MainWindow, qtbot: QtBot
) -> None:
    box = window.search_box
    with qtbot.waitSignal(box.query_changed, timeout=2000) as typed:
        qtbot.keyClicks(box, "wonder")
    assert typed.args == ["wonder"]  # one query for the whole word, not one per key
    assert window.left.currentWidget() is window.search_panel
    hits = window.search_panel.list
    assert hits.count() == 1
    assert "<b" in hits.item(0).data(Qt.ItemDataRole.UserRole + 3)  # the word is marked
    with qtbot.waitSignal(window.note_shown):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.current == "Framing.md"
    assert window.note_view.textCursor().selectedText().lower() == "wonder"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and window.left.currentWidget() is window.navigator


def test_a_typo_offers_the_word_it_meant(window: MainWindow) -> None:
    window.run_search("wondr")
    assert "Did you mean" in window.search_panel.summary.text()
    window.search_panel.summary.linkActivated.emit("suggest")
    assert window.search_box.text() == "wonder"
    assert window.search_panel.list.count() == 1


def test_unlinked_mentions_list_notes_naming_the_note(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Framing.md")
    # looked for in the background, then shown
    qtbot.waitUntil(lambda: "Unlinked mention (1)" in window.backlinks.toPlainText())
    text = window.backlinks.toPlainText()
    assert "A first number works like framing does" in text
    assert window.backlinks.mention_count == 1


def test_live_edits_reach_the_search_index(window: MainWindow, qtbot: QtBot) -> None:
    assert window.vault is not None
    note = Path(window.vault.root) / "Anchors.md"
    with qtbot.waitSignal(window.vault_updated, timeout=10_000):
        note.write_text("Anchoring sets a zanzibar of expectations.\n")
    qtbot.waitUntil(lambda: not window.session.tasks.busy(), timeout=10_000)
    window.run_search("zanzibar")
    assert window.search_panel.list.count() == 1


PLACES = ["note", "navigator", "search", "backlinks", "outline", "properties", "graph"]


@pytest.mark.parametrize("where", [*PLACES, "perspectives", "matrix"])
def test_mouse_back_and_forward_buttons(window: MainWindow, qtbot: QtBot, where: str) -> None:
    window.open_note("Framing.md")
    window.open_note("Anchors.md")
    if where in ("graph", "perspectives", "matrix"):
        window.show_view(where)
    widgets = {
        "note": window.note_view.viewport(),
        "navigator": window.navigator.views["Notes"].viewport(),
        "search": window.search_panel.list.viewport(),
        "outline": window.outline.viewport(),
        "properties": window.properties.viewport(),
        "matrix": window.matrix_view.table.viewport(),
        "backlinks": window.backlinks.viewport(),
        "graph": window.graph.canvas,
        "perspectives": window.perspectives_view.viewport(),
    }
    viewport = widgets[where]
    for button, expected in (
        (Qt.MouseButton.BackButton, "Framing.md"),
        (Qt.MouseButton.ForwardButton, "Anchors.md"),
    ):
        press = QMouseEvent(
            QMouseEvent.Type.MouseButtonPress,
            QPointF(10, 10),
            QPointF(10, 10),
            button,
            button,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, press)
        assert window.current == expected


def test_reveal_and_external_editor_hand_the_file_to_the_desktop(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[tuple[str, Path]] = []
    monkeypatch.setattr(desktop, "reveal", lambda p: handed.append(("reveal", p)) or True)
    monkeypatch.setattr(desktop, "open_in_editor", lambda p: handed.append(("edit", p)) or False)
    window.open_note("Framing.md")
    window.reveal_action.trigger()
    window.editor_action.trigger()
    assert window.vault is not None
    path = Path(window.vault.root) / "Framing.md"
    assert handed == [("reveal", path), ("edit", path)]
    assert "SYNTOPIC_EDITOR" in window.statusBar().currentMessage()


def test_copy_wiki_link(window: MainWindow) -> None:
    window.open_note("Framing.md")
    window.note_actions.copy_link()
    assert QGuiApplication.clipboard().text() == "[[Framing]]"
