"""Everyday use: search as you type by prefix, find in the note, zoom, print, new note."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.new_note_dialog import NewNoteDialog
from syntopic.ui.note_tools import save_pdf
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
def window(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path]
) -> MainWindow:
    return open_window(disk_vault(PAIRS))


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


def test_find_in_note_counts_steps_and_closes(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.open_note("Concepts/Reciprocity.md")
    bar = window.note_tools.find_bar
    _trigger(window, "Ctrl+F")
    assert bar.isVisible()
    assert bar.geometry().bottom() <= window.note_view.height(), "inside the note view"
    qtbot.keyClicks(bar.field, "favour")
    # "favours", "favour", "favour", "favours": four, case-insensitive, the first selected
    assert bar.count.text() == "1 of 4"
    assert window.note_view.textCursor().selectedText().lower() == "favour"
    first = window.note_view.textCursor().selectionStart()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 4"
    assert window.note_view.textCursor().selectionStart() > first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "4 of 4", "previous from the first wraps to the last"
    assert len(window.note_view.extraSelections()) == 4
    bar.field.setText("")
    qtbot.keyClicks(bar.field, "zebra")
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.note_view.extraSelections() == []


def test_text_zoom_scales_the_note_and_is_remembered(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Concepts/Reciprocity.md")

    def body_px() -> float:
        css = window.note_view.document().defaultStyleSheet()
        return float(re.search(r"body \{ font-size: ([\d.]+)px", css)[1])  # type: ignore[index]

    base = body_px()
    _trigger(window, "Ctrl+=")
    _trigger(window, "Ctrl+=")
    assert window.note_tools.zoom == 125 and body_px() == pytest.approx(base * 1.25, abs=0.1)
    assert "People repay favours" in window.note_view.toPlainText()  # re-rendered
    assert window.settings.store.value("view/zoom") == 125
    again = MainWindow()  # a new window starts at the remembered size
    qtbot.addWidget(again)  # closed and deleted at teardown (a closed window lives on)
    assert again.note_tools.zoom == 125
    _trigger(window, "Ctrl+-")
    assert window.note_tools.zoom == 110
    _trigger(window, "Ctrl+0")
    assert window.note_tools.zoom == 100 and body_px() == pytest.approx(base)
    _trigger(window, "Ctrl+-")
    window.set_theme("dark", remember=False)  # a theme change keeps the zoom
    try:
        assert window.note_tools.zoom == 90 and body_px() == pytest.approx(base * 0.9, abs=0.1)
    finally:
        window.set_theme("light", remember=False)  # the palette is the whole app's


def test_save_note_as_pdf(window: MainWindow, tmp_path: Path) -> None:
    from pypdf import PdfReader

    window.open_note("Concepts/Reciprocity.md")
    target = tmp_path / "out" / "note.pdf"
    target.parent.mkdir()
    save_pdf(window.note_view, str(target), "Reciprocity")
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "People repay favours" in " ".join(text.split())
    with pytest.raises(OSError):
        save_pdf(window.note_view, str(tmp_path / "missing" / "x.pdf"))


def test_save_as_pdf_asks_where_then_writes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from syntopic.ui import dialogs

    window.open_note("Concepts/Reciprocity.md")
    target = tmp_path / "chosen"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: str(target))
    _trigger(window, "Ctrl+P")
    assert (tmp_path / "chosen.pdf").stat().st_size > 0


def test_new_note_writes_from_the_template_and_opens(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Concepts/Reciprocity.md")
    _trigger(window, "Ctrl+N")
    dialog = window.findChild(NewNoteDialog)
    assert dialog is not None and dialog.folder.currentText() == "Concepts"
    dialog.title.setText("Liking")
    assert dialog.write_note() is None and "already" in dialog.error.text()
    assert dialog.isVisible(), "a refused name leaves the dialog open"
    dialog.title.setText("Commitment: a/b")
    assert dialog.file_name.text() == "Concepts/Commitment a b.md"
    with qtbot.waitSignal(window.note_shown, timeout=10_000) as shown:
        assert dialog.write_note() == "Concepts/Commitment a b.md"
    assert shown.args == ["Concepts/Commitment a b.md"]
    root = Path(window.vault.root)  # type: ignore[union-attr]
    assert (root / "Concepts" / "Commitment a b.md").read_text("utf-8").count("Commitment") >= 1


def test_ctrl_w_closes_the_window(window: MainWindow) -> None:
    _trigger(window, "Ctrl+W")
    assert not window.isVisible()


def test_f1_lists_shortcuts_in_groups(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from syntopic.ui import dialogs, menus

    groups = menus.shortcut_groups(window)
    assert list(groups)[:5] == ["Navigate", "Search", "View", "Note", "Graph"]
    assert ("Back", "Alt+Left") in groups["Navigate"]
    assert ("Find in Note…", "Ctrl+F") in groups["Search"]
    assert ("Bigger Text", "Ctrl+=") in groups["View"]
    assert ("New Note…", "Ctrl+N") in groups["Note"]
    assert ("Fit the graph to the view", "F") in groups["Graph"]
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, _title, text: shown.append(text))
    _trigger(window, "F1")
    assert shown[0].index("<b>Navigate</b>") < shown[0].index("<b>Graph</b>")


def _trigger(window: MainWindow, keys: str) -> None:
    for action in window.findChildren(QAction):
        if any(k.toString() == keys for k in action.shortcuts()):
            action.trigger()
            return
    raise AssertionError(f"no action for {keys}")


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_a_selected_hit_is_readable_in_both_themes(qapp: object, dark: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from syntopic.ui.search_panel import hit_css
    from syntopic.ui.theme import dark_palette

    palette = dark_palette() if dark else QApplication.style().standardPalette()
    row = palette.color(QPalette.ColorRole.Highlight)
    css = hit_css(palette, "#5c4813" if dark else "#fff3b0", selected=True)
    hit = re.search(r"b\.hit \{ color: (#\w+); background-color: (#\w+)", css)
    path = re.search(r"\.path \{ color: (#\w+)", css)
    assert hit is not None and path is not None
    assert _contrast(QColor(hit[1]), QColor(hit[2])) >= 4.5, "marked words on their shade"
    assert _contrast(QColor(path[1]), row) >= 3, "the path on the selected row"
    plain = hit_css(palette, "#5c4813" if dark else "#fff3b0", selected=False)
    found = re.search(r"b\.hit \{ color: (#\w+); background-color: (#\w+)", plain)
    assert found is not None and _contrast(QColor(found[1]), QColor(found[2])) >= 4.5


def test_esc_clears_the_navigator_filter(window: MainWindow, qtbot: QtBot) -> None:
    edit = window.navigator.filter_edit
    window.show()
    qtbot.waitExposed(window)
    edit.setFocus()
    qtbot.keyClicks(edit, "lik")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == ""


def test_long_book_titles_are_shortened_in_matrix_headers() -> None:
    from syntopic.ui.matrix_view import short_title

    assert short_title("Tides") == "Tides"
    full = "Influence: The Psychology of Persuasion"
    assert short_title(full) == "Influence: The…" and len(short_title(full)) <= 19


def test_a_filter_with_no_matches_says_so(window: MainWindow, qtbot: QtBot) -> None:
    nav = window.navigator
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    nav.filter_edit.setText("zzz")
    qtbot.waitUntil(lambda: nav.no_matches.text() == "No matches in Tags for “zzz”")
    assert not nav.no_matches.isHidden()
    nav.filter_edit.setText("")
    qtbot.waitUntil(nav.no_matches.isHidden)


def test_clicking_a_graph_node_opens_the_note_in_the_note_tab(
    window: MainWindow, qtbot: QtBot
) -> None:
    graph = window.graph
    with qtbot.waitSignal(graph.layout_finished, timeout=10_000):
        window.show_view("graph")
    scene = graph.canvas.scene
    assert scene is not None
    node = scene.index["Concepts/Liking.md"]
    spot = graph.canvas.to_screen(*scene.points[node])
    glide = QMouseEvent(
        QEvent.Type.MouseMove,
        spot,
        graph.canvas.mapToGlobal(spot),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(graph.canvas, glide)  # the mouse comes to rest on the node
    assert graph.canvas.toolTip() == "Liking: click to open it in the Note tab"
    assert "Click a note to open it in the Note tab" in graph.tip_at(spot + QPointF(0, 400))
    with qtbot.waitSignal(window.note_shown) as shown:
        qtbot.mouseClick(graph.canvas, Qt.MouseButton.LeftButton, pos=spot.toPoint())
    assert shown.args == ["Concepts/Liking.md"]
    assert window.tabs.currentWidget() is window.note_view
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    assert "click opens it in the Note tab" in readme  # the README says what the tooltip says
