"""The navigator's trees: types and folders, books with authors, nested tags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from conftest import Pairs, memory_vault
from syntopic.core.vault import Change, Vault
from syntopic.ui import navigator
from syntopic.ui.navigator import PATH_ROLE, Navigator

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
    assert rows(notes) == ["Books  (1)", "Concepts  (2)", "Frameworks  (1)", "Notes  (1)"]
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
    notes = nav.proxies["Notes"]
    qtbot.keyClicks(nav.filter_edit, "loose")
    assert len(rows(notes)) == 4  # the filter waits for a pause in typing
    qtbot.waitUntil(lambda: rows(notes) == ["Notes  (1)"])
    leaf = notes.index(0, 0, notes.index(0, 0))
    assert nav.views["Notes"].isExpanded(notes.index(0, 0))  # the match is in sight
    with qtbot.waitSignal(nav.note_activated) as chosen:
        nav.views["Notes"].activated.emit(leaf)
    assert chosen.args == ["loose.md"]
    nav.filter_edit.clear()
    qtbot.waitUntil(lambda: len(rows(notes)) == 4)


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


def leaves(proxy: QSortFilterProxyModel, parent: QModelIndex) -> list[str]:
    return rows(proxy, parent)


class Queue:
    """Stands in for the window's task queue: runs each job when the test says."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def __call__(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.jobs.append((fn, done))

    def run(self) -> None:
        jobs, self.jobs = self.jobs, []
        for fn, done in jobs:
            done(fn())


LIVE = [
    ("Concepts/Anchoring.md", "---\ntype: concept\n---\n"),
    ("Concepts/Scarcity.md", "---\ntype: concept\n---\n"),
    ("Concepts/Deep/Priming.md", "---\ntype: concept\n---\n"),
    ("loose.md", "text"),
]


@pytest.fixture
def live(qtbot: QtBot, disk_vault: Callable[[Pairs], Path]) -> tuple[Navigator, Vault, Path, Queue]:
    root = disk_vault(LIVE)
    queue = Queue()
    nav = Navigator(background=queue)
    qtbot.addWidget(nav)
    vault = Vault.open(str(root))
    nav.set_vault(vault)
    nav.select("Concepts/Scarcity.md")
    return nav, vault, root, queue


def selected(nav: Navigator) -> object:
    return nav.views["Notes"].currentIndex().data(PATH_ROLE)


def test_a_new_note_takes_its_sorted_place_in_the_tree_as_it_is(
    live: tuple[Navigator, Vault, Path, Queue],
) -> None:
    nav, vault, root, queue = live
    notes = nav.proxies["Notes"]
    folder = notes.index(0, 0, notes.index(0, 0))
    (root / "Concepts" / "Reciprocity.md").write_text("---\ntype: concept\n---\n")
    assert nav.follow(vault, vault.apply([Change("created", "Concepts/Reciprocity.md")]))
    assert not queue.jobs  # no rebuild: the leaf went in where it belongs
    assert rows(notes) == ["Concepts  (4)", "Notes  (1)"]
    assert leaves(notes, folder) == ["Deep  (1)", "Anchoring", "Reciprocity", "Scarcity"]
    assert folder.data() == "Concepts  (4)"  # its own notes and its subfolder's
    assert selected(nav) == "Concepts/Scarcity.md"


def test_a_retitled_open_note_moves_and_stays_selected(
    live: tuple[Navigator, Vault, Path, Queue],
) -> None:
    nav, vault, root, queue = live
    notes = nav.proxies["Notes"]
    folder = notes.index(0, 0, notes.index(0, 0))
    (root / "Concepts" / "Scarcity.md").write_text("---\ntype: concept\ntitle: Abundance\n---\n")
    assert nav.follow(vault, vault.apply([Change("modified", "Concepts/Scarcity.md")]))
    assert leaves(notes, folder) == ["Deep  (1)", "Abundance", "Anchoring"]
    assert selected(nav) == "Concepts/Scarcity.md"
    assert not queue.jobs


def test_a_tag_edit_leaves_the_notes_tree_alone_but_reaches_the_tags(
    live: tuple[Navigator, Vault, Path, Queue],
) -> None:
    nav, vault, root, queue = live
    (root / "loose.md").write_text("text #fresh")
    assert nav.follow(vault, vault.apply([Change("modified", "loose.md")]))
    assert selected(nav) == "Concepts/Scarcity.md"
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    assert rows(nav.proxies["Tags"]) == []  # gathered in the background
    queue.run()
    assert rows(nav.proxies["Tags"]) == ["#fresh  (1)"]
    (root / "loose.md").write_text("more text #fresh")
    assert not nav.follow(vault, vault.apply([Change("modified", "loose.md")]))
    assert not queue.jobs  # the same tags: nothing to gather again


def test_a_note_in_a_new_folder_regroups_in_the_background(
    live: tuple[Navigator, Vault, Path, Queue],
) -> None:
    nav, vault, root, queue = live
    notes = nav.proxies["Notes"]
    (root / "Frameworks").mkdir()
    (root / "Frameworks" / "Value.md").write_text("---\ntype: framework\n---\n")
    assert nav.follow(vault, vault.apply([Change("created", "Frameworks/Value.md")]))
    assert rows(notes) == ["Concepts  (3)", "Notes  (1)"]  # until the groups are made
    queue.run()
    assert rows(notes) == ["Concepts  (3)", "Frameworks  (1)", "Notes  (1)"]
    assert selected(nav) == "Concepts/Scarcity.md"


def test_deleting_notes_counts_down_and_an_emptied_folder_goes(
    live: tuple[Navigator, Vault, Path, Queue],
) -> None:
    nav, vault, root, queue = live
    notes = nav.proxies["Notes"]
    (root / "Concepts" / "Anchoring.md").unlink()
    assert nav.follow(vault, vault.apply([Change("deleted", "Concepts/Anchoring.md")]))
    assert not queue.jobs
    assert rows(notes) == ["Concepts  (2)", "Notes  (1)"]
    assert rows(notes, notes.index(0, 0)) == ["Concepts  (2)"]
    assert rows(notes, notes.index(0, 0, notes.index(0, 0))) == ["Deep  (1)", "Scarcity"]
    (root / "Concepts" / "Deep" / "Priming.md").unlink()
    assert nav.follow(vault, vault.apply([Change("deleted", "Concepts/Deep/Priming.md")]))
    queue.run()
    assert rows(notes) == ["Concepts  (1)", "Notes  (1)"]
    assert leaves(notes, notes.index(0, 0)) == ["Scarcity"]  # one folder: no folder row
    assert selected(nav) == "Concepts/Scarcity.md"


def test_resting_on_a_note_shows_its_path(qtbot: QtBot) -> None:
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.resize(300, 400)
    nav.show()
    nav.set_vault(memory_vault(VAULT))
    view, notes = nav.views["Notes"], nav.proxies["Notes"]
    view.expandAll()
    leaf = notes.index(0, 0, notes.index(3, 0))  # Notes > loose
    assert leaf.data() == "loose"
    viewport = view.viewport()

    def rest_on(index: QModelIndex) -> None:
        at = view.visualRect(index).center()
        QApplication.sendEvent(
            viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at))
        )

    rest_on(leaf)
    assert QToolTip.isVisible() and QToolTip.text() == "loose.md"
    rest_on(notes.index(2, 0))  # a group has no path, and no tooltip
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_a_big_tags_tree_is_gathered_in_the_background_and_filled_over_turns(
    qtbot: QtBot,
) -> None:
    queue = Queue()
    nav = Navigator(background=queue)
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault([(f"n{i:04}.md", "#big/part") for i in range(2500)]))
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    queue.run()
    tags = nav.proxies["Tags"]
    assert rows(tags) == ["#big  (2500)"]
    part = tags.index(0, 0, tags.index(0, 0))
    assert part.data() == "#part  (2500)"  # the counts at once
    assert tags.rowCount(part) < 2500  # the notes still coming
    qtbot.waitUntil(lambda: tags.rowCount(part) == 2500, timeout=5000)
    assert tags.index(0, 0, part).data() == "n0000"


def test_a_big_notes_tree_is_filtered_in_the_background_and_lists_the_first_matches(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(navigator, "FILTER_HERE", 0)  # as with 100,000 notes
    monkeypatch.setattr(navigator, "MATCHES_SHOWN", 1)
    queue = Queue()
    nav = Navigator(background=queue)
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(VAULT))
    notes = nav.proxies["Notes"]
    qtbot.keyClicks(nav.filter_edit, "concepts")  # a folder's name: both notes in it
    qtbot.waitUntil(lambda: bool(queue.jobs))
    assert len(rows(notes)) == 4  # the whole tree until the matches are found
    queue.run()
    assert rows(notes) == ["Concepts  (1)", "…1 more: type more to narrow"]
    assert rows(notes, notes.index(0, 0)) == ["A"]
    nav.filter_edit.clear()
    qtbot.waitUntil(lambda: len(rows(notes)) == 4)
    assert not queue.jobs  # the whole tree is kept: nothing to find again


def test_nested_folders_nest_and_show_their_whole_path_on_hover(qtbot: QtBot) -> None:
    pairs = [
        ("Hub/Contribute/Guides/Write.md", "x"),
        ("Hub/Contribute/Guides/Review.md", "x"),
        ("Hub/Contribute/Templates/Plugin.md", "x"),
        ("Hub/Community/Events.md", "x"),
        ("Start.md", "x"),
    ]
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.resize(300, 400)
    nav.show()
    nav.set_vault(memory_vault(pairs))
    view, notes = nav.views["Notes"], nav.proxies["Notes"]
    top = notes.index(0, 0)
    assert rows(notes) == ["Notes  (5)"]
    assert rows(notes, top) == ["Hub  (4)", "Start"]  # folders first, then notes
    hub = notes.index(0, 0, top)
    assert rows(notes, hub) == ["Community  (1)", "Contribute  (3)"]
    contribute = notes.index(1, 0, hub)
    assert rows(notes, contribute) == ["Guides  (2)", "Templates  (1)"]
    assert rows(notes, notes.index(0, 0, contribute)) == ["Review", "Write"]
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    view.expandAll()
    at = view.visualRect(contribute).center()
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    assert QToolTip.isVisible() and QToolTip.text() == "Hub/Contribute"
