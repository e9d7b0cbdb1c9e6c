"""The navigator's trees: types and folders, books with authors, nested tags."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from conftest import Pairs, memory_vault, write_vault
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
    qtbot.waitUntil(lambda: rows(notes) == ["Notes  (1 of 1)"])
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
    assert notes.rowCount() == 25  # no types: the folders at the top
    assert notes.index(0, 0).data() == "Topic 0  (100)"  # counts are there at once
    filled = sum(notes.rowCount(notes.index(r, 0)) for r in range(25))
    assert filled < 2500  # the leaves are still coming
    nav.select("Topic 24/Note 2499.md")  # not a row yet: remembered
    qtbot.waitUntil(lambda: nav.views["Notes"].currentIndex().isValid(), timeout=5000)
    assert nav.views["Notes"].currentIndex().data() == "Note 2499"
    assert sum(notes.rowCount(notes.index(r, 0)) for r in range(25)) == 2500
    assert gc.isenabled()  # paused while the leaves came, back once they are all in


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


def queued_navigator(qtbot: QtBot) -> tuple[Navigator, Queue]:
    """A navigator whose background work waits in a queue the test runs."""
    queue = Queue()
    nav = Navigator(background=queue)
    qtbot.addWidget(nav)
    return nav, queue


@pytest.fixture
def live(qtbot: QtBot, disk_vault: Callable[[Pairs], Path]) -> tuple[Navigator, Vault, Path, Queue]:
    root = disk_vault(LIVE)
    nav, queue = queued_navigator(qtbot)
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
    nav, queue = queued_navigator(qtbot)
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
    nav, queue = queued_navigator(qtbot)
    nav.set_vault(memory_vault(VAULT))
    notes = nav.proxies["Notes"]
    qtbot.keyClicks(nav.filter_edit, "concepts")  # a folder's name: both notes in it
    qtbot.waitUntil(lambda: bool(queue.jobs))
    assert len(rows(notes)) == 4  # the whole tree until the matches are found
    queue.run()
    assert rows(notes) == ["Concepts  (2 of 2)", "…1 more: type more to narrow"]
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
    assert rows(notes) == ["Hub  (4)", "Start"]  # no types: folders first, then notes
    hub = notes.index(0, 0)
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


def at(proxy: QSortFilterProxyModel, *names: str) -> QModelIndex:
    """The row reached by following ``names`` down from the top (counts left off)."""
    index = QModelIndex()
    for name in names:
        found = [
            proxy.index(i, 0, index)
            for i in range(proxy.rowCount(index))
            if str(proxy.index(i, 0, index).data()).split("  (")[0] == name
        ]
        assert found, f"no {name!r} under {index.data()!r}: {rows(proxy, index)}"
        index = found[0]
    return index


TYPED = [
    ("Concepts/Anchoring.md", "---\ntype: concept\n---\n"),
    ("Concepts/Scarcity.md", "---\ntype: concept\n---\n"),
    ("Concepts/Deep/Priming.md", "---\ntype: concept\n---\n"),
    ("Hub/Guides/Write.md", "x"),
    ("Hub/Guides/Scarce goods.md", "x"),
    ("Hub/Other/Read.md", "x"),
]


def opened(nav: Navigator) -> set[tuple[str, ...]]:
    """The open groups and folders of the notes tree, as paths of names."""
    view, proxy = nav.views["Notes"], nav.proxies["Notes"]
    found: set[tuple[str, ...]] = set()

    def walk(parent: QModelIndex, path: tuple[str, ...]) -> None:
        for i in range(proxy.rowCount(parent)):
            child = proxy.index(i, 0, parent)
            here = (*path, str(child.data()).split("  (")[0])
            if proxy.hasChildren(child) and view.isExpanded(child):
                found.add(here)
            walk(child, here)

    walk(QModelIndex(), ())
    return found


def test_open_folders_are_kept_per_vault_and_come_back_on_reopen_and_after_a_reload(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    root = disk_vault(TYPED)
    first = Navigator()
    qtbot.addWidget(first)
    first.show()
    first.set_vault(Vault.open(str(root)))
    assert opened(first) == {("Concepts",), ("Notes",)}  # groups open, folders closed
    view, notes = first.views["Notes"], first.proxies["Notes"]
    view.collapse(at(notes, "Concepts"))
    view.expand(at(notes, "Notes", "Hub"))
    view.expand(at(notes, "Notes", "Hub", "Guides"))
    left = {("Notes",), ("Notes", "Hub"), ("Notes", "Hub", "Guides")}
    assert opened(first) == left
    first.close()  # the app closing

    queue = Queue()
    again = Navigator(background=queue)  # the next run
    qtbot.addWidget(again)
    vault = Vault.open(str(root))
    again.set_vault(vault)
    assert opened(again) == left

    qtbot.keyClicks(again.filter_edit, "scar")  # a filter opens what matches...
    qtbot.waitUntil(lambda: "Notes" in again._matches)
    again.filter_edit.clear()
    qtbot.waitUntil(lambda: "Notes" not in again._matches)
    assert opened(again) == left  # ...and leaves the reader's folders as they were

    (root / "Frameworks").mkdir()
    (root / "Frameworks" / "Value.md").write_text("---\ntype: framework\n---\n")
    assert again.follow(vault, vault.apply([Change("created", "Frameworks/Value.md")]))
    queue.run()  # a new group: the tree is made anew
    assert rows(again.proxies["Notes"])[1] == "Frameworks  (1)"
    assert opened(again) == left | {("Frameworks",)}

    other = write_vault(tmp_path / "other", TYPED)
    again.set_vault(Vault.open(str(other)))
    assert opened(again) == {("Concepts",), ("Notes",)}  # another vault: its own


UNTYPED = [
    ("Books/Influence.md", "---\nauthor: Robert Cialdini\n---\n[[Reciprocity]]"),
    ("Ideas/Reciprocity.md", "#principle"),
    ("Ideas/Deep/Priming.md", "text"),
    ("Start.md", "[[Reciprocity]]"),
]


def test_without_types_the_notes_tree_is_the_folder_tree(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    root = disk_vault(UNTYPED)
    nav, queue = queued_navigator(qtbot)
    vault = Vault.open(str(root))
    nav.set_vault(vault)
    notes = nav.proxies["Notes"]
    assert rows(notes) == ["Books  (1)", "Ideas  (2)", "Start"]  # no "Notes (4)" above them
    assert rows(notes, at(notes, "Ideas")) == ["Deep  (1)", "Reciprocity"]
    nav.tabs.setCurrentWidget(nav.views["Books"])  # books and tags as ever
    queue.run()
    assert rows(nav.proxies["Books"]) == ["Influence — Robert Cialdini  (1)"]
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    queue.run()
    assert rows(nav.proxies["Tags"]) == ["#principle  (1)"]
    nav.tabs.setCurrentWidget(nav.views["Notes"])

    (root / "Start.md").write_text("---\ntype: guide\n---\n[[Reciprocity]]")
    assert nav.follow(vault, vault.apply([Change("modified", "Start.md")]))
    queue.run()  # a declared type: the notes group by it now
    assert rows(notes) == ["Books  (1)", "Guides  (1)", "Notes  (2)"]


COUNTED = [
    ("Concepts/Anchoring.md", "---\ntype: concept\n---\n"),
    ("Concepts/Scarcity.md", "---\ntype: concept\n---\n"),
    ("Concepts/Deep/Priming.md", "---\ntype: concept\n---\n"),
    ("Notes/Scarce goods.md", "x"),
    ("loose.md", "x"),
]


@pytest.mark.parametrize("big", [False, True], ids=["here", "in the background"])
def test_group_and_folder_counts_follow_the_filter(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    if big:
        monkeypatch.setattr(navigator, "FILTER_HERE", 0)  # as with 100,000 notes
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(COUNTED))
    notes = nav.proxies["Notes"]
    assert rows(notes) == ["Concepts  (3)", "Notes  (2)"]
    qtbot.keyClicks(nav.filter_edit, "scar")
    qtbot.waitUntil(lambda: rows(notes) == ["Concepts  (1 of 3)", "Notes  (1 of 2)"])
    concepts = at(notes, "Concepts")
    assert rows(notes, concepts) == ["Concepts  (1 of 3)"]  # the folder: 1 of its 3
    assert rows(notes, at(notes, "Concepts", "Concepts")) == ["Scarcity"]
    assert rows(notes, at(notes, "Notes")) == ["Notes  (1 of 1)"]
    nav.filter_edit.clear()
    qtbot.waitUntil(lambda: rows(notes) == ["Concepts  (3)", "Notes  (2)"])
    assert rows(notes, at(notes, "Concepts")) == ["Concepts  (3)"]


def test_the_navigator_panel_keeps_the_width_it_was_given(qtbot: QtBot) -> None:
    from syntopic.ui.window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(1500, 800)
    first.show()
    panes = first.panes
    assert panes.widget(0) is first.left  # the navigator's side of a splitter: resizable
    panes.moveSplitter(380, 1)  # as dragging its handle does
    width = panes.sizes()[0]
    assert width > 300
    first.close()

    again = MainWindow()  # the next run
    qtbot.addWidget(again)
    again.resize(1500, 800)
    again.show()
    assert again.panes.sizes()[0] == width
    again.close()


def test_a_filter_no_note_matches_says_so_in_the_notes_tree(qtbot: QtBot) -> None:
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(COUNTED))
    nav.filter_edit.setText("zzz")
    qtbot.waitUntil(lambda: nav.no_matches.text() == "No matches in Notes for “zzz”")
    assert nav.proxies["Notes"].rowCount() == 0
    nav.filter_edit.setText("")
    qtbot.waitUntil(lambda: nav.no_matches.isHidden() and nav.proxies["Notes"].rowCount() == 2)


def test_no_row_of_a_deleted_folder_tree_stays_in_reach(qtbot: QtBot) -> None:
    """The tree keeps its rows; once its model is deleted none may look alive (a
    dangling row wrapper came back as some other object at the same address)."""
    import shiboken6

    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(UNTYPED[1:]))  # no types: folders and a note at the top
    parents = [p for p in nav._parents.values() if isinstance(p, QStandardItem)]
    kept = [*parents, *nav._folders.values(), *nav._items.values()]
    assert kept and all(shiboken6.isValid(item) for item in kept)
    model = nav._models["Notes"]
    nav.set_vault(memory_vault(TYPED))  # the old tree is let go...
    qtbot.waitUntil(lambda: not shiboken6.isValid(model))  # ...and deleted
    assert not any(shiboken6.isValid(item) for item in kept)


def test_a_big_notes_tree_is_made_in_the_background_and_a_change_meanwhile_is_kept(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(navigator, "BUILD_HERE", 0)  # as with 100,000 notes
    root = disk_vault(LIVE)
    nav, queue = queued_navigator(qtbot)
    vault = Vault.open(str(root))
    nav.set_vault(vault)
    notes = nav.proxies["Notes"]
    assert rows(notes) == []  # its rows are being made
    (root / "Concepts" / "Reciprocity.md").write_text("---\ntype: concept\n---\n")
    assert nav.follow(vault, vault.apply([Change("created", "Concepts/Reciprocity.md")]))
    queue.run()  # the first tree, then the groups again with the new note...
    queue.run()  # ...and the tree made of them
    queue.run()
    assert rows(notes) == ["Concepts  (4)", "Notes  (1)"]
    folder = at(notes, "Concepts", "Concepts")
    assert leaves(notes, folder) == ["Deep  (1)", "Anchoring", "Reciprocity", "Scarcity"]
