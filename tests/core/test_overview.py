"""What the window shows first: counts, the start note, notes grouped by type and folder."""

from __future__ import annotations

from conftest import memory_vault
from syntopic.core.overview import book_rows, counts, note_groups, overview, start_note, tag_tree

VAULT = [
    ("Concepts/Reciprocity.md", "---\ntype: concept\n---\n[[Social Proof]] [[Scarcity]]"),
    ("Concepts/social proof.md", "---\ntype: concept\naliases: [Social Proof]\n---\n[[Missing]]"),
    ("Concepts/Deep/Anchoring.md", "---\ntype: concept\n---\n[[Reciprocity]]"),
    ("Frameworks/Value Equation.md", "---\ntype: framework\n---\n[[Reciprocity]]"),
    ("loose.md", "[[Reciprocity]] and [[Reciprocity]] again"),
    ("Books/Influence.md", "---\nauthor: Robert Cialdini\n---\n[[Reciprocity]]"),
]


def test_counts_notes_books_links_and_unwritten_targets() -> None:
    found = counts(memory_vault(VAULT))
    assert (found.notes, found.books, found.unwritten) == (6, 1, 2)  # Scarcity, Missing
    assert found.links == 8  # every link, a repeated one too
    assert found.text() == "6 notes · 1 books · 8 links · 2 unwritten"


def test_start_note_is_a_start_page_else_the_most_linked_to() -> None:
    assert start_note(memory_vault(VAULT)) == "Concepts/Reciprocity.md"
    with_readme = memory_vault([*VAULT, ("README.md", "Welcome")])
    assert start_note(with_readme) == "README.md"
    assert start_note(memory_vault([])) is None


def test_groups_by_type_then_folder_sorted_by_title_books_included() -> None:
    groups = note_groups(memory_vault(VAULT))
    assert [(g.label, g.count) for g in groups] == [
        ("Books", 1),
        ("Concepts", 3),
        ("Frameworks", 1),
        ("Notes", 1),
    ]
    concepts = groups[1]
    assert concepts.folders == [
        ("Concepts", [("Reciprocity", "Concepts/Reciprocity.md"),
                      ("social proof", "Concepts/social proof.md")]),
        ("Concepts/Deep", [("Anchoring", "Concepts/Deep/Anchoring.md")]),
    ]  # fmt: skip
    assert groups[3].folders == [("(top level)", [("loose", "loose.md")])]
    # books are in the tree, as the legend counts them
    assert groups[0].folders == [("Books", [("Influence", "Books/Influence.md")])]


def test_overview_holds_what_the_navigator_compares_on_updates() -> None:
    vault = memory_vault(VAULT)
    summary = overview(vault)
    assert summary.start == start_note(vault) and summary.counts == counts(vault)
    assert set(summary.shapes) == set(vault.notes)
    assert summary.shapes["Books/Influence.md"][3] == "Robert Cialdini"  # the author


def test_book_rows_name_author_and_the_notes_joined_to_each() -> None:
    vault = memory_vault([*VAULT, ("Books/Pre-Suasion.md", "---\ntype: book\n---\n")])
    assert book_rows(vault) == [
        ("Influence — Robert Cialdini  (1)", "Books/Influence.md"),
        ("Pre-Suasion  (0)", "Books/Pre-Suasion.md"),
    ]


def test_tag_tree_nests_and_counts_every_note_below_a_tag() -> None:
    vault = memory_vault(
        [
            ("a.md", "#principle/core #principle/core/deep"),
            ("b.md", "---\ntags: [principle/core]\n---\n"),
            ("c.md", "#principle #misc"),
        ]
    )
    nodes = {n.tag: n for n in tag_tree(vault)}
    assert list(nodes) == ["misc", "principle", "principle/core", "principle/core/deep"]
    assert [(n.count, n.name, n.parent) for n in nodes.values()] == [
        (1, "misc", None),
        (3, "principle", None),
        (2, "core", "principle"),
        (1, "deep", "principle/core"),
    ]
    assert nodes["principle/core"].entries == [("a", "a.md"), ("b", "b.md")]
    assert nodes["principle"].entries == [("c", "c.md")]  # only notes tagged exactly so
