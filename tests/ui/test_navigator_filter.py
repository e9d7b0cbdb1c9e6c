"""The navigator's filter: it matches names and titles, never counts, and tag counts follow it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_navigator import at, queued_navigator, rows

from conftest import Pairs, memory_vault
from syntopic.core.vault import Change, Vault
from syntopic.ui import navigator
from syntopic.ui.navigator import PATH_ROLE, Navigator

BOOKS = [
    ("Books/Influence.md", "---\nauthor: Robert Cialdini\n---\n"),
    ("Books/Catch-22.md", "---\nauthor: Joseph Heller\n---\n"),
    ("Reciprocity.md", "[[Influence]]"),
    ("Scarcity.md", "[[Influence]]"),
]


def shown(qtbot: QtBot, pairs: Pairs, tab: str) -> Navigator:
    nav = Navigator()
    qtbot.addWidget(nav)
    nav.set_vault(memory_vault(pairs))
    nav.tabs.setCurrentWidget(nav.views[tab])
    return nav


def test_a_digit_in_the_books_filter_matches_book_names_not_their_counts(qtbot: QtBot) -> None:
    nav = shown(qtbot, BOOKS, "Books")
    books = nav.proxies["Books"]
    assert rows(books) == ["Catch-22 — Joseph Heller  (0)", "Influence — Robert Cialdini  (2)"]
    qtbot.keyClicks(nav.filter_edit, "2")
    qtbot.waitUntil(lambda: rows(books) == ["Catch-22 — Joseph Heller  (0)"])
    nav.filter_edit.setText("cialdini")  # the author is part of a book's name
    qtbot.waitUntil(lambda: rows(books) == ["Influence — Robert Cialdini  (2)"])
    nav.filter_edit.setText("(2")  # only a count holds it
    qtbot.waitUntil(lambda: nav.no_matches.text() == "No matches in Books for “(2”")
    assert rows(books) == []
    nav.filter_edit.clear()
    qtbot.waitUntil(lambda: len(rows(books)) == 2)


TOPIC = [(f"Note {letter}.md", "#topic") for letter in "abcdefghijkl"]  # "#topic  (12)"


def test_a_digit_in_the_tags_filter_matches_tag_names_and_titles_not_counts(
    qtbot: QtBot,
) -> None:
    pairs = [*TOPIC, ("Plan.md", "#y2024"), ("Chapter 2.md", "#misc")]
    nav = shown(qtbot, pairs, "Tags")
    tags = nav.proxies["Tags"]
    assert rows(tags) == ["#misc  (1)", "#topic  (12)", "#y2024  (1)"]
    qtbot.keyClicks(nav.filter_edit, "2")
    qtbot.waitUntil(lambda: rows(tags) == ["#misc  (1 of 1)", "#y2024  (1 of 1)"])
    assert rows(tags, at(tags, "#misc")) == ["Chapter 2"]  # by its title
    assert rows(tags, at(tags, "#y2024")) == ["Plan"]  # by its tag's name


def test_a_digit_in_the_notes_filter_matches_titles_not_group_counts(qtbot: QtBot) -> None:
    pairs = [(f"Ideas/{name}", "---\ntype: concept\n---\n") for name, _ in TOPIC]
    nav = shown(qtbot, [*pairs, ("Plan 2.md", "x")], "Notes")
    notes = nav.proxies["Notes"]
    assert rows(notes) == ["Concepts  (12)", "Notes  (1)"]
    qtbot.keyClicks(nav.filter_edit, "2")
    qtbot.waitUntil(lambda: rows(notes) == ["Notes  (1 of 1)"])
    assert rows(notes, at(notes, "Notes")) == ["Plan 2"]


NESTED = [
    ("Anchoring.md", "#principle/core"),
    ("Scarcity.md", "#principle/core #principle/edge"),
    ("Priming.md", "#principle/edge"),
    ("Scarce goods.md", "#misc"),
    ("Loose.md", "#principle"),
]
WHOLE = ["#misc  (1)", "#principle  (4)"]


def test_tag_counts_follow_the_filter_down_nested_tags_and_come_back_when_cleared(
    qtbot: QtBot,
) -> None:
    nav = shown(qtbot, NESTED, "Tags")
    tags = nav.proxies["Tags"]
    assert rows(tags) == WHOLE
    assert rows(tags, at(tags, "#principle")) == ["#core  (2)", "#edge  (2)", "Loose"]
    qtbot.keyClicks(nav.filter_edit, "scar")
    qtbot.waitUntil(lambda: rows(tags) == ["#misc  (1 of 1)", "#principle  (1 of 4)"])
    principle = at(tags, "#principle")
    assert nav.views["Tags"].isExpanded(principle)  # the matches are in sight
    assert rows(tags, principle) == ["#core  (1 of 2)", "#edge  (1 of 2)"]
    edge = at(tags, "#principle", "#edge")
    assert rows(tags, edge) == ["Scarcity"]
    with qtbot.waitSignal(nav.note_activated) as chosen:
        nav.views["Tags"].activated.emit(tags.index(0, 0, edge))
    assert chosen.args == ["Scarcity.md"]

    nav.filter_edit.setText("edge")  # a tag's name keeps every note under it
    qtbot.waitUntil(lambda: rows(tags) == ["#principle  (2 of 4)"])
    assert rows(tags, at(tags, "#principle")) == ["#edge  (2 of 2)"]
    assert rows(tags, at(tags, "#principle", "#edge")) == ["Priming", "Scarcity"]

    nav.filter_edit.clear()
    qtbot.waitUntil(lambda: rows(tags) == WHOLE)
    assert rows(tags, at(tags, "#principle")) == ["#core  (2)", "#edge  (2)", "Loose"]
    assert nav.no_matches.isHidden()


def test_a_big_tags_tree_is_filtered_in_the_background_and_lists_the_first_matches(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(navigator, "FILTER_HERE", 0)  # as with 100,000 tagged notes
    monkeypatch.setattr(navigator, "MATCHES_SHOWN", 1)
    nav, queue = queued_navigator(qtbot)
    nav.set_vault(memory_vault(NESTED))
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    queue.run()  # the tags gathered
    tags = nav.proxies["Tags"]
    qtbot.keyClicks(nav.filter_edit, "scar")
    qtbot.waitUntil(lambda: bool(queue.jobs))
    assert rows(tags) == WHOLE  # the whole tree until the matches are found
    queue.run()
    assert rows(tags) == ["#misc  (1 of 1)", "…2 more: type more to narrow"]
    assert rows(tags, at(tags, "#misc")) == ["Scarce goods"]
    nav.filter_edit.clear()
    qtbot.waitUntil(lambda: rows(tags) == WHOLE)
    assert not queue.jobs  # the whole tree is kept: nothing to find again


def test_a_filtered_tags_tree_follows_a_new_note(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    root = disk_vault(NESTED)
    nav, queue = queued_navigator(qtbot)
    vault = Vault.open(str(root))
    nav.set_vault(vault)
    nav.tabs.setCurrentWidget(nav.views["Tags"])
    queue.run()
    tags = nav.proxies["Tags"]
    qtbot.keyClicks(nav.filter_edit, "scar")
    qtbot.waitUntil(lambda: rows(tags) == ["#misc  (1 of 1)", "#principle  (1 of 4)"])
    (root / "Scarab.md").write_text("#misc")
    assert nav.follow(vault, vault.apply([Change("created", "Scarab.md")]))
    queue.run()  # the tags gathered again, then filtered here
    assert rows(tags) == ["#misc  (2 of 2)", "#principle  (1 of 4)"]
    found = [tags.index(i, 0, at(tags, "#misc")).data(PATH_ROLE) for i in range(2)]
    assert found == ["Scarab.md", "Scarce goods.md"]
