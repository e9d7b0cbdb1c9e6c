"""Link resolution follows Obsidian: names, paths, folders, aliases."""

from __future__ import annotations

import pytest

from conftest import memory_vault
from syntopic.core.parse import parse_note
from syntopic.core.resolve import Resolution, find_heading, link_text
from syntopic.core.vault import Vault


def target_of(vault: Vault, source: str, index: int = 0) -> str | None:
    return vault.resolved[source][index].resolution.path


def test_names_resolve_case_insensitively() -> None:
    v = memory_vault([("a.md", "[[social proof]]"), ("Notes/Social Proof.md", "")])
    assert target_of(v, "a.md") == "Notes/Social Proof.md"


def test_same_folder_wins_then_shortest_path() -> None:
    v = memory_vault(
        [
            ("x/deep/Topic.md", ""),
            ("y/Topic.md", ""),
            ("x/deep/a.md", "[[Topic]]"),
            ("b.md", "[[Topic]]"),
        ]
    )
    assert target_of(v, "x/deep/a.md") == "x/deep/Topic.md"
    res = v.resolved["b.md"][0].resolution
    assert res.path == "y/Topic.md"
    assert res.candidates == ("y/Topic.md", "x/deep/Topic.md")


def test_path_qualified_links_and_path_tails() -> None:
    v = memory_vault(
        [
            ("a/Note.md", ""),
            ("b/Note.md", ""),
            ("deep/b/Other.md", ""),
            ("src.md", "[[b/Note]] [[A/note]] [[b/Other]] [[c/Note]]"),
        ]
    )
    assert [r.resolution.path for r in v.resolved["src.md"]] == [
        "b/Note.md",
        "a/Note.md",
        "deep/b/Other.md",
        None,
    ]


def test_a_full_path_link_is_remembered_only_while_its_note_is_there() -> None:
    v = memory_vault([("a/Note.md", ""), ("x/one.md", "[[a/Note]]"), ("y/two.md", "[[/a/Note]]")])
    assert target_of(v, "x/one.md") == target_of(v, "y/two.md") == "a/Note.md"
    link = v.resolved["x/one.md"][0].link
    assert v.resolver.resolve(link, "y/two.md").path == "a/Note.md"  # the remembered answer
    v.resolver.remove(v.notes["a/Note.md"])
    assert v.resolver.resolve(link, "x/one.md").path is None
    v.resolver.add(parse_note("A/note.md", ""))
    assert v.resolver.resolve(link, "x/one.md").path == "A/note.md"


def test_aliases_resolve_but_names_win() -> None:
    v = memory_vault(
        [
            ("Reciprocity.md", "---\naliases: [Give First, Liking]\n---\n"),
            ("Liking.md", ""),
            ("s.md", "[[give first]] [[Liking]]"),
        ]
    )
    first, second = v.resolved["s.md"]
    assert first.resolution.path == "Reciprocity.md" and first.resolution.via_alias
    assert second.resolution.path == "Liking.md"


def test_markdown_links_relative_to_the_note_then_root() -> None:
    v = memory_vault(
        [
            ("notes/Here.md", "[a](Beside.md) [b](../Top%20Level.md) [c](notes/Beside.md)"),
            ("notes/Beside.md", ""),
            ("Top Level.md", ""),
        ]
    )
    assert [r.resolution.path for r in v.resolved["notes/Here.md"]] == [
        "notes/Beside.md",
        "Top Level.md",
        "notes/Beside.md",
    ]


def test_same_note_heading_links_do_not_make_edges() -> None:
    v = memory_vault([("a.md", "# Top\n[[#Top]] [[a#Top]]")])
    assert v.resolved["a.md"][0].resolution.path == "a.md"
    assert v.graph.number_of_edges() == 0


def test_unresolved_targets_become_one_ghost_per_name() -> None:
    v = memory_vault([("a.md", "[[Missing Idea]] [[missing idea]]"), ("b.md", "[[Missing Idea]]")])
    assert v.graph.nodes["ghost:missing idea"]["kind"] == "ghost"
    assert v.graph.nodes["ghost:missing idea"]["title"] == "Missing Idea"
    assert v.unresolved() == {"Missing Idea": ["a.md", "b.md"]}


def test_dotted_names_are_notes_and_only_known_suffixes_are_attachments() -> None:
    v = memory_vault(
        [
            ("Version 1.5.md", ""),
            ("mailbox.org.md", ""),
            ("s.md", "[[Version 1.5]] [[mailbox.org]] [[Version 2.0]] [[a.PNG]] [[Plan.canvas]]"),
        ]
    )
    got = [(r.resolution.path, r.resolution.attachment) for r in v.resolved["s.md"]]
    assert got == [
        ("Version 1.5.md", False),
        ("mailbox.org.md", False),
        (None, False),  # a note not written yet, as in Obsidian: a ghost, not a file
        (None, True),
        (None, True),
    ]
    assert "ghost:version 2.0" in v.graph
    assert v.graph.has_edge("s.md", "mailbox.org.md")


def test_a_file_of_another_type_is_found_by_its_full_name() -> None:
    v = memory_vault([("s.md", "[[data.csv]] [[notes.txt]]")])
    v.resolver.set_attachments({"files/data.csv"})
    first = v.resolver.resolve(v.notes["s.md"].links[0], "s.md")
    second = v.resolver.resolve(v.notes["s.md"].links[1], "s.md")
    assert first == Resolution("files/data.csv", attachment=True)
    assert second == Resolution(None)


HEADINGS = (
    "# Top\n\n## Sub\n\n# Other\n\n## Sub\n\n## Step 1: Install\n\n"
    "### How large can it be?\n\n## C++ & Rust (2024)\n"
)


@pytest.mark.parametrize(
    ("fragment", "line"),
    [
        ("Top#Sub", 3),
        ("Other#Sub", 7),
        ("Sub", 3),
        ("Top#Step 1 Install", None),  # not under Top
        ("Other#Step 1 Install", 9),
        ("step 1 install", 9),
        ("Step 1: Install", 9),
        ("How large can it be", 11),
        ("Other#Step 1 Install#How large can it be", 11),
        ("C Rust 2024", 13),
        ("Step 1 Instal", None),
        ("Step 1", None),
    ],
)
def test_headings_match_as_obsidian_matches_them(fragment: str, line: int | None) -> None:
    note = parse_note("B.md", HEADINGS)
    found = find_heading(note.headings, fragment)
    assert (found.line if found else None) == line


def test_a_heading_chain_link_keeps_its_parts() -> None:
    v = memory_vault([("B.md", "# Top\n## Sub\n"), ("a.md", "[[B#Top#Sub]] [[B#Top # Sub]]")])
    assert [link.heading for link in v.notes["a.md"].links] == ["Top#Sub", "Top#Sub"]
    assert link_text("B", "Top#Sub") == "B › Top › Sub"
    assert link_text("", "^block") == "block"


def test_one_name_in_several_places_resolves_in_obsidians_order() -> None:
    v = memory_vault(
        [
            ("Note.md", ""),
            ("b/Note.md", ""),
            ("a/b/Other.md", ""),
            ("zzzz/Other.md", ""),
            ("b/src.md", "[[Note]] [[Other]]"),
            ("zzzz/deep/src.md", "[[Other]]"),
        ]
    )
    # the root file is the link's vault path: it wins even over the note's own folder
    assert target_of(v, "b/src.md") == "Note.md"
    # then the shortest path string, not the fewest folders; an ancestor folder counts for nothing
    assert target_of(v, "b/src.md", 1) == "a/b/Other.md"
    assert target_of(v, "zzzz/deep/src.md") == "a/b/Other.md"
