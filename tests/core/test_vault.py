"""The graph and its queries, and incremental updates from file changes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs, memory_vault
from syntopic.core.vault import Change, Vault


def edges(vault: Vault) -> set[tuple[str, str]]:
    return {(u, v) for u, v in vault.graph.edges()}


def test_node_kinds_and_edge_attributes() -> None:
    v = memory_vault(
        [
            ("Books/Influence.md", "A book."),
            ("Lean.md", "---\ntype: book\n---\n"),
            ("Reciprocity.md", "## Key Frameworks\nSee [[Influence]] and ![[Lean]].\n[[Nowhere]]"),
        ]
    )
    kinds = dict(v.graph.nodes(data="kind"))
    assert kinds == {
        "Books/Influence.md": "book",
        "Lean.md": "book",
        "Reciprocity.md": "note",
        "ghost:nowhere": "ghost",
    }
    attrs = [d for _, _, d in v.graph.edges("Reciprocity.md", data=True)]
    assert [(d["kind"], d["section"], d["line"]) for d in attrs] == [
        ("link", "Key Frameworks", 2),
        ("embed", "Key Frameworks", 2),
        ("link", "Key Frameworks", 3),
    ]


def test_backlinks_carry_their_sentence() -> None:
    v = memory_vault(
        [
            ("Target.md", ""),
            ("a.md", "Intro. Giving first builds [[Target|trust]] fast. Next."),
            ("b.md", "- [[Target]] — see also"),
        ]
    )
    got = [(b.source, b.link.context) for b in v.backlinks("Target.md")]
    assert got == [("a.md", "Giving first builds trust fast."), ("b.md", "Target — see also")]


def test_neighbourhood_orphans_hubs_components() -> None:
    v = memory_vault(
        [
            ("a.md", "[[b]] [[c]]"),
            ("b.md", "[[c]]"),
            ("c.md", "[[d]]"),
            ("d.md", ""),
            ("lonely.md", "no links"),
            ("x.md", "[[y]]"),
            ("y.md", ""),
        ]
    )
    assert set(v.neighbourhood("a.md", 1)) == {"a.md", "b.md", "c.md"}
    assert set(v.neighbourhood("a.md", 2)) == {"a.md", "b.md", "c.md", "d.md"}
    assert v.orphans() == ["lonely.md"]
    assert v.hubs(1) == [("c.md", 2)]
    assert [sorted(c) for c in v.components()] == [
        ["a.md", "b.md", "c.md", "d.md"],
        ["x.md", "y.md"],
        ["lonely.md"],
    ]


def opened(make: Callable[[Pairs], Path], pairs: Pairs) -> tuple[Vault, Path]:
    root = make(pairs)
    return Vault.open(str(root)), root


def test_created_note_resolves_ghost_links(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(disk_vault, [("a.md", "[[New Idea]]"), ("b.md", "[[a]]")])
    assert ("a.md", "ghost:new idea") in edges(v)
    (root / "New Idea.md").write_text("[[b]]")
    event = v.apply([Change("created", "New Idea.md")])
    assert event.added == {"New Idea.md"}
    assert event.relinked == {"a.md"}
    assert event.ghosts_removed == {"ghost:new idea"}
    assert edges(v) == {("a.md", "New Idea.md"), ("b.md", "a.md"), ("New Idea.md", "b.md")}


def test_deleted_note_breaks_links_into_ghosts(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(disk_vault, [("a.md", "[[b]]"), ("b.md", "[[a]]")])
    (root / "b.md").unlink()
    event = v.apply([Change("deleted", "b.md")])
    assert event.removed == {"b.md"} and event.relinked == {"a.md"}
    assert event.ghosts_added == {"ghost:b"}
    assert edges(v) == {("a.md", "ghost:b")}
    assert "b.md" not in v.notes


def test_modified_note_changes_its_edges_and_aliases(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(disk_vault, [("a.md", "[[b]]"), ("b.md", ""), ("c.md", "[[Bee]]")])
    path = root / "b.md"
    path.write_text("---\naliases: [Bee]\n---\n[[a]]")
    os.utime(path, ns=(1, 10**18))
    event = v.apply([Change("modified", "b.md")])
    assert event.modified == {"b.md"}
    assert "c.md" in event.relinked
    assert edges(v) == {("a.md", "b.md"), ("b.md", "a.md"), ("c.md", "b.md")}


def test_editing_a_note_but_not_its_names_leaves_links_into_it_alone(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    v, root = opened(disk_vault, [("a.md", "[[hub]]"), ("c.md", "[[Core]]"), ("hub.md", _HUB)])
    resolved: list[str] = []
    real = v.resolve_note
    monkeypatch.setattr(v, "resolve_note", lambda note: resolved.append(note.path) or real(note))
    (root / "hub.md").write_text(_HUB + "\nMore text and a link to [[a]].\n")
    os.utime(root / "hub.md", ns=(1, 10**18))
    event = v.apply([Change("modified", "hub.md")])
    assert resolved == ["hub.md"] and event.relinked == {"hub.md"}
    assert edges(v) == {("a.md", "hub.md"), ("c.md", "hub.md"), ("hub.md", "a.md")}
    assert {b.source for b in v.backlinks("hub.md")} == {"a.md", "c.md"}


_HUB = "---\naliases: [Core]\n---\n# Hub\n"


def test_moved_note_keeps_name_links_and_breaks_path_links(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    v, root = opened(
        disk_vault, [("a.md", "[[Topic]]"), ("p.md", "[[old/Topic]]"), ("old/Topic.md", "")]
    )
    (root / "new").mkdir()
    (root / "old/Topic.md").rename(root / "new/Topic.md")
    event = v.apply([Change("moved", "new/Topic.md", "old/Topic.md")])
    assert event.removed == {"old/Topic.md"} and event.added == {"new/Topic.md"}
    assert edges(v) == {("a.md", "new/Topic.md"), ("p.md", "ghost:topic")}


def test_apply_matches_a_fresh_open(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(
        disk_vault,
        [("a.md", "[[b]] [[c]]"), ("b.md", "---\naliases: [c]\n---\n"), ("d/c.md", "[[a]]")],
    )
    (root / "d/c.md").unlink()
    (root / "e.md").write_text("[[c]] [[a]]")
    (root / "a.md").write_text("[[e]] [[b]] [[c]]")
    os.utime(root / "a.md", ns=(1, 10**18))
    v.apply(v.changes_on_disk())
    fresh = Vault.open(str(root), use_cache=False)
    assert sorted(v.graph.edges(data="line")) == sorted(fresh.graph.edges(data="line"))
    assert dict(v.graph.nodes(data="kind")) == dict(fresh.graph.nodes(data="kind"))


def test_unchanged_file_events_are_ignored(disk_vault: Callable[[Pairs], Path]) -> None:
    v, _ = opened(disk_vault, [("a.md", "[[b]]"), ("b.md", "")])
    assert not v.apply([Change("modified", "a.md")])


def test_hidden_and_non_note_changes_are_ignored(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(disk_vault, [("a.md", "")])
    (root / ".obsidian").mkdir()
    (root / ".obsidian/x.md").write_text("[[a]]")
    (root / "image.png").write_bytes(b"\x89PNG")
    assert not v.apply([Change("created", ".obsidian/x.md"), Change("created", "image.png")])
    assert list(v.notes) == ["a.md"]


def test_the_link_count_follows_every_kind_of_change(disk_vault: Callable[[Pairs], Path]) -> None:
    concept = (
        "## The Multi-Book View\n"
        "**Influence** (Cialdini): give first. [[Influence]]\n"
        "**Offers** (Hormozi): [[Offers]] stacks value.\n"
    )
    v, root = opened(
        disk_vault,
        [
            ("Reciprocity.md", concept + "See [[Liking]], [[Liking]] and [[Nowhere]]."),
            ("Liking.md", "Back to [[Reciprocity]] and to [[Liking]] itself."),
            (
                "Books/Influence.md",
                "---\ntype: book\nauthor: Robert Cialdini\n---\n[[Reciprocity]]",
            ),
            ("Books/Offers.md", "---\ntype: book\nauthor: Alex Hormozi\n---\n"),
        ],
    )
    assert v.link_count == v.graph.number_of_edges() > 0
    steps: list[tuple[Callable[[], object], list[Change]]] = [
        (
            lambda: (root / "Liking.md").write_text("Only [[Ghost]] now."),
            [Change("modified", "Liking.md")],
        ),
        (
            lambda: (root / "Nowhere.md").write_text("[[Reciprocity]]"),
            [Change("created", "Nowhere.md")],
        ),
        (lambda: (root / "Reciprocity.md").unlink(), [Change("deleted", "Reciprocity.md")]),
        (
            lambda: (root / "Reciprocity.md").write_text(concept),
            [Change("created", "Reciprocity.md")],
        ),
        (lambda: (root / "Books/Offers.md").unlink(), [Change("deleted", "Books/Offers.md")]),
        (
            lambda: (root / "Liking.md").rename(root / "Likeability.md"),
            [Change("moved", "Likeability.md", "Liking.md")],
        ),
    ]
    for change, changes in steps:
        change()
        v.apply(changes)
        assert v.link_count == v.graph.number_of_edges()
