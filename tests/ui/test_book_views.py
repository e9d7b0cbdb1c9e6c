"""A book's lens in the Perspectives tab, a person's, and the Compare tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.window import MainWindow

BOOK = "---\ntype: book\nauthor: {author}\n---\nA book.\n"
PAIRS = [
    ("Books/Engines.md", BOOK.format(author="Ada Byron")),
    ("Books/Looms.md", BOOK.format(author="Ada Byron")),
    ("Books/Tides.md", BOOK.format(author="Rachel Carson")),
    ("People/Ada Byron.md", "---\ntype: person\n---\nA writer.\n"),
    (
        "Framing.md",
        "## The Multi-Book View\n\n"
        "Byron's work in *Engines* shows the frame set before any offer.\n\n"
        "Carson in *Tides* demonstrates that a frame of wonder outlasts one of fear.\n\n"
        "## Tensions\n\nByron plans every frame; Carson lets the reader find one.\n",
    ),
    ("Patterns.md", "## Perspectives\n\nIn *Looms*, Byron weaves a pattern from cards.\n"),
    ("Anchors.md", "## Perspectives\n\nCarson in *Tides* lets the sea set the scale.\n"),
]


@pytest.fixture
def window(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path]
) -> MainWindow:
    return open_window(disk_vault(PAIRS))


def test_a_book_note_shows_its_lens(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Books/Engines.md")
    tab = window.tabs.indexOf(window.perspectives_view)
    assert window.tabs.tabText(tab) == "Perspectives (1)"
    window.show_view("perspectives")
    view = window.perspectives_view
    qtbot.waitUntil(lambda: "frame set before any offer" in view.toPlainText())
    text = view.toPlainText()
    assert text.startswith("Engines") and "Framing" in text
    assert "frame of wonder" not in text  # Carson's block is Tides', not this book's
    assert "with Tides" in text and "Byron plans every frame" in text
    with qtbot.waitSignal(window.note_shown) as shown:
        view.anchorClicked.emit(QUrl("note:Framing.md"))
    assert shown.args == ["Framing.md"]


def test_a_person_note_shows_the_lens_of_all_their_books(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("People/Ada Byron.md")
    window.show_view("perspectives")
    view = window.perspectives_view
    qtbot.waitUntil(lambda: "weaves a pattern" in view.toPlainText())
    text = view.toPlainText()
    assert "frame set before any offer" in text
    assert text.index("Framing") < text.index("Patterns")  # concepts by title
    assert "Engines" in text and "Looms" in text


def test_compare_tab_puts_chosen_books_side_by_side(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Books/Engines.md")
    window.show_view("compare")
    compare = window.tabs.compare_view
    titles = [compare.books.item(i).text() for i in range(compare.books.count())]
    assert titles == ["Engines", "Looms", "Tides"]
    assert compare.chosen() == ["Books/Engines.md"]  # the book it was opened from
    assert "Choose two to four books" in compare.browser.toPlainText()
    compare.books.item(2).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "1 concept shared" in compare.browser.toPlainText())
    text = compare.browser.toPlainText()
    assert text.index("frame set before any offer") < text.index("frame of wonder")
    assert "Byron plans every frame" in text
    compare.choose(["Books/Looms.md", "Books/Tides.md"])
    qtbot.waitUntil(lambda: "0 concepts shared" in compare.browser.toPlainText())
    assert "Covered by one of them" in compare.browser.toPlainText()
    assert compare.chosen() == ["Books/Looms.md", "Books/Tides.md"]


def test_matrix_cell_shows_the_blocks_sorts_by_coverage_and_marks_gaps(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_view("matrix")
    view = window.matrix_view
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Engines", "Looms", "Tides"]
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert rows == ["Anchors", "Framing", "Patterns"]
    view.table.clicked.emit(model.index(1, 2))  # Tides on Framing
    text = view.cell.toPlainText()
    assert "Tides on Framing" in text and "frame of wonder" in text
    assert "frame set before any offer" not in text
    view.table.clicked.emit(model.index(2, 2))  # Tides on Patterns: nothing yet
    assert "has not been brought to Patterns" in view.cell.toPlainText()
    view.coverage.setChecked(True)
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Tides", "Engines", "Looms"]  # Tides speaks to two concepts
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert rows == ["Framing", "Anchors", "Patterns"]  # two books speak to Framing
    empty = model.index(2, 0)  # Tides on Patterns
    assert empty.data(Qt.ItemDataRole.BackgroundRole) is None
    view.gaps.setChecked(True)
    assert empty.data(Qt.ItemDataRole.BackgroundRole) is not None
    tip = empty.data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Gap: Tides has not been brought to Patterns"


def test_books_chosen_in_the_books_tab_open_side_by_side(window: MainWindow, qtbot: QtBot) -> None:
    books = window.navigator.views["Books"]
    assert books.selectionMode() == books.SelectionMode.ExtendedSelection
    window.compare_books(["Books/Tides.md", "Books/Engines.md"])
    compare = window.tabs.compare_view
    assert window.tabs.currentWidget() is compare
    assert compare.chosen() == ["Books/Engines.md", "Books/Tides.md"]
    qtbot.waitUntil(lambda: "1 concept shared" in compare.browser.toPlainText())
