"""Link resolution follows Obsidian: names, paths, folders, aliases."""

from __future__ import annotations

from conftest import memory_vault
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
