"""The main window: loading in the background, notes, links, history, panels."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui import switcher as switcher_module
from syntopic.ui.switcher import QuickSwitcher
from syntopic.ui.window import MainWindow

PAIRS = [
    ("README.md", "---\ntitle: Start Here\n---\nBegin with [[Reciprocity]].\n"),
    (
        "Concepts/Reciprocity.md",
        "---\naliases: [Give First]\n---\nPeople repay favours.\n\n## Key Frameworks\n"
        "Linked to [[Liking#Why]] and [[Unwritten Idea]].\n",
    ),
    ("Concepts/Liking.md", "We help people we like, says [[Reciprocity]].\n\n## Why\nBecause.\n"),
]


@pytest.fixture
def window(qtbot: QtBot, disk_vault: Callable[[Pairs], Path]) -> Iterator[MainWindow]:
    root = disk_vault(PAIRS)
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
        win.load_vault(str(root))
    yield win
    qtbot.waitUntil(lambda: not win.session.loading)


def test_loads_in_the_background_and_opens_the_start_note(window: MainWindow, qtbot: QtBot) -> None:
    assert window.current == "README.md"
    assert "Start Here" in window.note_view.toPlainText()
    notes = window.navigator.proxies["Notes"]
    # no types: the folder tree, with no "Notes (3)" above it
    assert [notes.index(i, 0).data() for i in range(2)] == ["Concepts  (2)", "Start Here"]
    assert "3 notes" in window.counts.text() and "1 unwritten" in window.counts.text()
    # the search index builds next, with its own progress, then the bar goes
    qtbot.waitUntil(window.progress.isHidden, timeout=10_000)


def test_clicking_a_link_opens_the_note_at_its_heading(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Concepts/Reciprocity.md")
    with qtbot.waitSignal(window.note_shown) as shown:
        window.note_view.anchorClicked.emit(QUrl("note:Concepts/Liking.md#Why"))
    assert shown.args == ["Concepts/Liking.md"]
    assert "We help people we like" in window.note_view.toPlainText()


def test_unresolved_links_say_so(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from syntopic.ui import dialogs

    asked: list[str] = []

    def decline(*args: object, **_kw: object) -> bool:
        asked.append(str(args[2]))
        return False

    monkeypatch.setattr(dialogs, "ask", decline)
    window.open_note("Concepts/Reciprocity.md")
    window.note_view.anchorClicked.emit(QUrl("ghost:Unwritten%20Idea"))
    assert "not written yet" in window.statusBar().currentMessage()
    assert asked == ["“Unwritten Idea” is not written yet. Create it from the concept template?"]
    assert window.vault is not None and "Unwritten Idea.md" not in window.vault.notes


def test_back_and_forward(window: MainWindow) -> None:
    window.open_note("Concepts/Reciprocity.md")
    window.open_note("Concepts/Liking.md")
    window.back_action.trigger()
    assert window.current == "Concepts/Reciprocity.md"
    window.back_action.trigger()
    assert window.current == "README.md"
    assert not window.back_action.isEnabled()
    window.forward_action.trigger()
    assert window.current == "Concepts/Reciprocity.md"
    window.open_note("README.md")
    assert not window.forward_action.isEnabled()


def test_backlinks_show_context_and_open_their_source(window: MainWindow) -> None:
    window.open_note("Give First")  # by alias
    assert window.current == "Concepts/Reciprocity.md"
    text = window.backlinks.toPlainText()
    assert "Linked from 2 places" in text
    assert "Liking\nWe help people we like, says Reciprocity." in text
    assert "Start Here\nBegin with Reciprocity." in text
    assert "Links to 2 notes" in text and "Unwritten Idea (not written yet)" in text
    assert window.side.tabText(0) == "Links (2)"
    window.backlinks.anchorClicked.emit(QUrl("note:Concepts/Liking.md"))
    assert window.current == "Concepts/Liking.md"


def test_outline_lists_headings(window: MainWindow) -> None:
    window.open_note("Concepts/Liking.md")
    assert [window.outline.item(i).text() for i in range(window.outline.count())] == ["    Why"]


def test_filter_narrows_the_navigator(window: MainWindow, qtbot: QtBot) -> None:
    nav = window.navigator
    qtbot.keyClicks(nav.filter_edit, "lik")
    proxy = nav.proxies["Notes"]
    # after a pause in typing, only the folder holding the match is left
    qtbot.waitUntil(lambda: proxy.rowCount() == 1)  # "Start Here" went
    folder = proxy.index(0, 0)
    assert folder.data() == "Concepts  (1 of 2)"
    assert proxy.rowCount(folder) == 1
    leaf = proxy.index(0, 0, folder)
    assert leaf.data() == "Liking"
    nav.views["Notes"].clicked.emit(leaf)
    assert window.current == "Concepts/Liking.md"


def test_shortcuts_are_listed(window: MainWindow) -> None:
    shortcuts = dict(window.shortcut_rows())
    assert shortcuts["Back"] == "Alt+Left" and shortcuts["Forward"] == "Alt+Right"


def test_a_missing_vault_reports_instead_of_crashing(qtbot: QtBot, tmp_path: Path) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.load_failed, timeout=10_000) as failed:
        win.load_vault(str(tmp_path / "gone"))
    assert "gone" in failed.args[0]
    qtbot.waitUntil(lambda: not win.session.loading)


def test_quick_switcher_finds_by_alias_and_opens(window: MainWindow, qtbot: QtBot) -> None:
    switcher = window.show_switcher()
    assert switcher is not None
    qtbot.keyClicks(switcher.edit, "give f")
    assert switcher.results.item(0).text().startswith("Give First  →  Reciprocity")
    with qtbot.waitSignal(window.note_shown):
        qtbot.keyClick(switcher.edit, Qt.Key.Key_Return)
    assert window.current == "Concepts/Reciprocity.md"


def test_a_big_switcher_ranks_in_a_thread_and_shows_only_the_last_query(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(switcher_module, "RANK_HERE", 0)  # as with 100,000 titles
    switcher = window.show_switcher()
    assert switcher is not None and switcher._ranker is not None
    ranker = switcher._ranker
    qtbot.keyClicks(switcher.edit, "give f")
    qtbot.waitUntil(lambda: switcher.results.count() > 0)
    assert switcher.results.item(0).text().startswith("Give First  →  Reciprocity")
    assert switcher.results.count() == 1  # no list from an earlier keystroke left behind
    switcher.reject()
    qtbot.waitUntil(lambda: not ranker.running())  # closing ends the worker


def test_quick_switcher_arrow_keys(window: MainWindow, qtbot: QtBot) -> None:
    switcher = window.show_switcher()
    assert switcher is not None
    qtbot.keyClicks(switcher.edit, "i")
    assert switcher.results.count() >= 2
    qtbot.keyClick(switcher.edit, Qt.Key.Key_Down)
    assert switcher.results.currentRow() == 1
    qtbot.keyClick(switcher.edit, Qt.Key.Key_Escape)
    assert not switcher.isVisible()


def test_vaults_and_layout_are_remembered(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    first = disk_vault(PAIRS)
    second = tmp_path / "second"
    second.mkdir()
    (second / "Only.md").write_text("alone")
    win = MainWindow()
    qtbot.addWidget(win)
    for root in (first, second):
        with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
            win.load_vault(str(root))
    win.resize(777, 555)
    win.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.settings.recent_vaults() == [str(second), str(first)]
    assert again.settings.last_vault() == str(second)
    assert again.size().width() == 777
    again._fill_recent()
    assert [a.text() for a in again.recent_menu.actions()] == [str(second), str(first)]


def test_theme_switch_restyles_and_is_remembered(window: MainWindow, qtbot: QtBot) -> None:
    window.open_note("Concepts/Reciprocity.md")
    window.set_theme("dark")
    assert window.theme == "dark" and window.theme_actions["dark"].isChecked()
    assert "#e6edf3" in window.note_view.document().defaultStyleSheet()
    lightness = lambda: window.palette().color(window.backgroundRole()).lightness()  # noqa: E731
    qtbot.waitUntil(lambda: lightness() < 128)  # palettes reach widgets through the event loop
    assert "People repay favours" in window.note_view.toPlainText()  # re-rendered, same note
    window.toggle_theme()
    assert window.theme == "light"
    qtbot.waitUntil(lambda: lightness() > 128)
    assert window.settings.theme() == "light"
    window.set_theme("system")
    assert window.theme in ("light", "dark") and window.settings.theme() == "system"


def test_every_shortcut_does_its_job(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QApplication

    from syntopic.ui import desktop, dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, title, _t: shown.append(title))
    monkeypatch.setattr(dialogs, "about", lambda _p, title, _t: shown.append(title))
    monkeypatch.setattr(dialogs, "choose_folder", lambda _p, title: shown.append(title) or "")
    monkeypatch.setattr(desktop, "reveal", lambda _path: shown.append("reveal") or True)
    monkeypatch.setattr(desktop, "open_in_editor", lambda _path: shown.append("edit") or True)
    window.open_note("Concepts/Reciprocity.md")
    actions = {
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText): a
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty()
    }
    expected = {
        "F1": lambda: shown[-1] == "Keyboard Shortcuts",
        "Ctrl+Shift+O": lambda: shown[-1] == "Open Vault",
        "Ctrl+Shift+R": lambda: shown[-1] == "reveal",
        "Ctrl+E": lambda: shown[-1] == "edit",
        "Ctrl+Shift+C": lambda: QApplication.clipboard().text() == "[[Reciprocity]]",
        "Ctrl+2": lambda: window.tabs.currentWidget() is window.perspectives_view,
        "Ctrl+3": lambda: window.tabs.currentWidget() is window.matrix_view,
        "Ctrl+4": lambda: window.tabs.currentWidget() is window.graph,
        "Ctrl+1": lambda: window.tabs.currentWidget() is window.note_view,
        "Alt+Left": lambda: window.current == "README.md",
        "Alt+Right": lambda: window.current == "Concepts/Reciprocity.md",
        "Ctrl+R": lambda: window.vault is not None and window.current in window.vault.notes,
        "Ctrl+Shift+D": lambda: window.theme == "dark",
        "Ctrl+O": lambda: window.findChild(QuickSwitcher) is not None,
        "Ctrl+Shift+E": lambda: window.exports.dialog is not None,
    }
    for keys, check in expected.items():
        assert keys in actions, keys
        actions[keys].trigger()
        assert check(), keys
    # the filter (Ctrl+L), search (Ctrl+K) and Quit have tests of their own
    for switcher in window.findChildren(QuickSwitcher):
        switcher.close()
    if window.exports.dialog is not None:
        window.exports.dialog.close()


def test_a_backlink_leads_to_the_heading_it_sits_under(window: MainWindow, qtbot: QtBot) -> None:
    import re

    window.open_note("Concepts/Liking.md")
    hrefs = re.findall(r'href="([^"]+)"', window.backlinks.toHtml())
    href = next(h for h in hrefs if "Reciprocity" in h)
    assert href == "note:Concepts/Reciprocity.md#Key%20Frameworks"
    with qtbot.waitSignal(window.backlinks.note_requested) as asked:
        window.backlinks.anchorClicked.emit(QUrl(href))
    assert asked.args == ["Concepts/Reciprocity.md", "Key Frameworks"]
    assert window.current == "Concepts/Reciprocity.md"


def test_go_history_lists_visited_notes_newest_first(window: MainWindow) -> None:
    window.open_note("Concepts/Reciprocity.md")
    window.open_note("Concepts/Liking.md")
    window.go_back()
    window.history_menu.aboutToShow.emit()
    actions = window.history_menu.actions()
    assert [a.text() for a in actions] == ["Liking", "Reciprocity", "Start Here"]
    assert [a.isChecked() for a in actions] == [False, True, False]  # where we are
    actions[0].trigger()
    assert window.current == "Concepts/Liking.md"
