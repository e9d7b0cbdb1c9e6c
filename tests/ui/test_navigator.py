"""The navigator's trees: types and folders, books with authors, nested tags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from conftest import memory_vault
from syntopic.ui.navigator import Navigator

VAULT = [
    ("Concepts/A.md", "---\ntype: concept\ntags: [principle/core]\n---\n#principle/edge x"),
    ("Concepts/B.md", "---\ntype: concept\ntags: [principle/core]\n---\n"),
    ("Frameworks/F.md", "---\ntype: framework\n---\n"),
    ("loose.md", "#misc"),
    ("Books/Influence.md", "---\nauthor: Robert Cialdini\n---\n[[A]] [[B]]"),
]


def rows(proxy: QSortFilterProxyModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [proxy.index(i, 0, parent).data() for i in range(proxy.rowCount(parent))]


def test_trees_group_and_count(qtbot: QtBot) -> None:
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(VAULT))
    notes = nav.proxies["Notes"]
    assert rows(notes) == ["Concepts  (2)", "Frameworks  (1)", "Notes  (1)"]
    nav.tabs.setCurrentWidget(nav.views["Books"])
    assert rows(nav.proxies["Books"]) == ["Influence — Robert Cialdini  (2)"]
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    tags = nav.proxies["Tags"]
    assert rows(tags) == ["#misc  (1)", "#principle  (2)"]
    principle = tags.index(1, 0)
    assert rows(tags, principle) == ["#core  (2)", "#edge  (1)"]


def test_filter_keeps_matching_leaves_and_their_groups(qtbot: QtBot) -> None:
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(VAULT))
    with qtbot.waitSignal(nav.note_activated) as chosen:
        qtbot.keyClicks(nav.filter_edit, "loose")
        notes = nav.proxies["Notes"]
        assert rows(notes) == ["Notes  (1)"]
        leaf = notes.index(0, 0, notes.index(0, 0))
        assert leaf.data(Qt.ItemDataRole.ToolTipRole) == "loose.md"  # the path, on hover
        nav.views["Notes"].activated.emit(notes.index(0, 0, notes.index(0, 0)))
    assert chosen.args == ["loose.md"]


def test_a_big_vault_fills_over_several_turns_and_selects_when_ready(qtbot: QtBot) -> None:
    pairs = [(f"Topic {i // 100}/Note {i:04}.md", "text") for i in range(2500)]
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(pairs))
    notes = nav.proxies["Notes"]
    group = notes.index(0, 0)
    assert group.data() == "Notes  (2500)"  # counts are there at once
    filled = sum(notes.rowCount(notes.index(r, 0, group)) for r in range(notes.rowCount(group)))
    assert filled < 2500  # the leaves are still coming
    nav.select("Topic 24/Note 2499.md")  # not a row yet: remembered
    qtbot.waitUntil(lambda: nav.views["Notes"].currentIndex().isValid(), timeout=5000)
    assert nav.views["Notes"].currentIndex().data() == "Note 2499"
    assert sum(notes.rowCount(notes.index(r, 0, group)) for r in range(25)) == 2500
