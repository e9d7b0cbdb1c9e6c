"""The study map: which notes and edge types (model), where they go (layout), from a vault."""

from __future__ import annotations

import itertools
import math

import pytest

from conftest import memory_vault
from export.sample import PAIRS
from syntopic.export import mapmodel
from syntopic.export.files import ExportError
from syntopic.export.mapbuild import build_map
from syntopic.export.maplayout import layout
from syntopic.export.mapmodel import MapNode, StudyMap


def laid_out(smap: StudyMap) -> StudyMap:
    layout(smap)
    return smap


def overlapping(smap: StudyMap) -> list[tuple[str, str]]:
    out = []
    for a, b in itertools.combinations(smap.nodes.values(), 2):
        ax0, ay0, ax1, ay1 = a.box()
        bx0, by0, bx1, by1 = b.box()
        if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
            out.append((a.id, b.id))
    return out


def test_concept_map_has_the_neighbourhood_with_typed_edges() -> None:
    vault = memory_vault(PAIRS)
    smap = laid_out(mapmodel.concept_map(vault.graph, "Concepts/Giving.md", 1))
    assert smap.title == "Giving"
    assert smap.nodes["Concepts/Giving.md"].role == "centre"
    assert smap.nodes["Books/Open Hands.md"].role == "book"
    assert smap.nodes["Frameworks/Trade Ladder.md"].role == "framework"
    assert smap.nodes["ghost:unwritten idea"].role == "ghost"
    assert "People/Ann Arden.md" not in smap.nodes  # two links away
    roles = {e.target: e.role for e in smap.edges}
    assert roles["Books/Open Hands.md"] == "perspective"
    assert roles["Frameworks/Trade Ladder.md"] == "framework"
    assert roles["Concepts/Trust.md"] == "explore"
    trust = next(e for e in smap.edges if e.target == "Concepts/Trust.md")
    assert trust.forward and trust.backward


def test_depth_two_adds_the_next_ring_and_keeps_ghosts_near_the_centre() -> None:
    vault = memory_vault(PAIRS)
    smap = laid_out(mapmodel.concept_map(vault.graph, "Concepts/Giving.md", 2))
    assert smap.nodes["People/Ann Arden.md"].depth == 2
    parent = next(e.source for e in smap.edges if e.target == "People/Ann Arden.md")
    assert parent == "Books/Open Hands.md"
    assert mapmodel.concept_map(vault.graph, "Concepts/Giving.md", 9).depth == 3


def test_layout_centre_in_the_middle_rings_outward_and_no_label_overlaps() -> None:
    vault = memory_vault(PAIRS)
    smap = laid_out(mapmodel.concept_map(vault.graph, "Concepts/Giving.md", 2))
    centre = smap.nodes["Concepts/Giving.md"]
    assert (centre.x, centre.y) == (0.0, 0.0)
    assert centre.size > max(n.size for n in smap.nodes.values() if n is not centre)
    assert overlapping(smap) == []

    def dist(n: MapNode) -> float:
        return math.hypot(n.x, n.y)

    ring1 = [n for n in smap.nodes.values() if n.depth == 1]
    ring2 = [n for n in smap.nodes.values() if n.depth == 2]
    assert min(dist(n) for n in ring2) > min(dist(n) for n in ring1)


def test_books_sit_next_to_each_other_on_the_ring() -> None:
    vault = memory_vault(PAIRS)
    smap = laid_out(mapmodel.concept_map(vault.graph, "Concepts/Giving.md", 1))
    ring = sorted((n for n in smap.nodes.values() if n.depth == 1), key=lambda n: n.angle)
    kinds = [n.role for n in ring]
    first, last = kinds.index("book"), len(kinds) - 1 - kinds[::-1].index("book")
    assert set(kinds[first : last + 1]) == {"book"}


def test_a_crowded_ring_still_has_no_overlaps_and_is_deterministic() -> None:
    hub = "\n".join(f"- [[Idea number {i} with a long descriptive title]]" for i in range(40))
    pairs = [("Hub.md", hub)] + [
        (f"Idea number {i} with a long descriptive title.md", "x") for i in range(40)
    ]
    vault = memory_vault(pairs)
    a = laid_out(mapmodel.concept_map(vault.graph, "Hub.md", 1))
    b = laid_out(mapmodel.concept_map(vault.graph, "Hub.md", 1))
    assert overlapping(a) == []
    assert [(n.id, n.x, n.y) for n in a.nodes.values()] == [
        (n.id, n.x, n.y) for n in b.nodes.values()
    ]


def test_too_many_notes_are_counted_not_drawn() -> None:
    hub = " ".join(f"[[N{i}]]" for i in range(mapmodel.MAX_NODES + 10))
    vault = memory_vault([("Hub.md", hub)])
    smap = laid_out(mapmodel.concept_map(vault.graph, "Hub.md", 1))
    assert len(smap.nodes) == mapmodel.MAX_NODES
    assert smap.hidden_nodes == 11


def test_book_map_puts_the_book_in_the_middle_with_its_concepts() -> None:
    vault = memory_vault(PAIRS)
    smap = laid_out(mapmodel.book_map(vault.graph, "Books/Quiet Service.md"))
    assert smap.centre == "Books/Quiet Service.md"
    assert {"Concepts/Giving.md", "Concepts/Trust.md"} <= set(smap.nodes)
    assert "People/Ann Arden.md" not in smap.nodes


def test_selection_map_includes_unlinked_notes_on_the_outer_ring() -> None:
    vault = memory_vault(PAIRS)
    chosen = ["Concepts/Giving.md", "Concepts/Trust.md", "People/Ann Arden.md"]
    smap = laid_out(mapmodel.selection_map(vault.graph, chosen, "Filter"))
    assert set(smap.nodes) == set(chosen)
    assert smap.centre == "Concepts/Giving.md"
    assert smap.nodes["People/Ann Arden.md"].depth == 2  # not linked inside the set
    assert overlapping(smap) == []
    with pytest.raises(ValueError):
        mapmodel.selection_map(vault.graph, ["nope"])


def test_wrap_label_keeps_at_most_three_lines() -> None:
    assert mapmodel.wrap_label("Short") == ("Short",)
    lines = mapmodel.wrap_label("one two three four five six seven eight nine ten eleven", 10)
    assert len(lines) == 3 and lines[-1].endswith("…")


def test_the_model_only_sizes_notes_and_the_layout_places_them() -> None:
    vault = memory_vault(PAIRS)
    smap = mapmodel.concept_map(vault.graph, "Concepts/Giving.md", 1)
    assert all(n.w > 0 and (n.x, n.y) == (0.0, 0.0) for n in smap.nodes.values())
    layout(smap)
    assert len({(n.x, n.y) for n in smap.nodes.values()}) == len(smap.nodes)


def test_build_map_chooses_the_model_from_a_vault_and_lays_it_out() -> None:
    vault = memory_vault(PAIRS)
    concept = build_map(vault, concept="Concepts/Giving.md")
    assert concept.centre == "Concepts/Giving.md" and overlapping(concept) == []
    assert "vault: memory" in concept.subtitle
    book = build_map(vault, book="Books/Quiet Service.md")
    assert book.centre_label == "the book mapped"
    chosen = build_map(vault, nodes=["Concepts/Giving.md", "Concepts/Trust.md"], title="Two")
    assert chosen.title == "Two" and len(chosen.edges) >= 1  # all links by default
    with pytest.raises(ExportError):
        build_map(vault)
