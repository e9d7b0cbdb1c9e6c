"""Layout engine, placing new notes, the snapshot and the position store (no Qt)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from conftest import memory_vault
from syntopic.layout.arrange import arrange, by_id
from syntopic.layout.engine import SPACING, layout, place_new
from syntopic.layout.snapshot import GraphSnapshot
from syntopic.layout.spatial import SpatialGrid
from syntopic.layout.store import PositionStore

VAULT = [
    ("A.md", "## Key Frameworks\n[[F]]\n## Continue Exploring\n[[B]] and [[B]] and [[Missing]]"),
    ("B.md", "[[A]]"),
    ("F.md", "---\ntype: framework\n---\nplain"),
    ("Books/Book.md", "---\ntype: book\nauthor: Ann Author\n---\n"),
    ("Lonely.md", "nothing"),
]


def two_cliques() -> list[tuple[int, int]]:
    edges = [(a, b) for a in range(6) for b in range(a + 1, 6)]
    edges += [(a, b) for a in range(6, 12) for b in range(a + 1, 12)]
    return [*edges, (0, 6)]


def test_snapshot_types_edges_by_section_and_merges_repeats() -> None:
    snap = GraphSnapshot.from_graph(memory_vault(VAULT).graph)
    i = snap.index
    types = {(snap.nodes[u].id, snap.nodes[v].id): t for u, v, t in snap.edges}
    assert types[("A.md", "F.md")] == "framework"
    assert types[("A.md", "B.md")] == "explore"  # two links, one edge
    assert types[("B.md", "A.md")] == "link"
    assert snap.nodes[i["ghost:missing"]].kind == "ghost"
    assert snap.nodes[i["F.md"]].kind == "framework"
    assert snap.nodes[i["Books/Book.md"]].kind == "book"
    assert snap.neighbours[i["Lonely.md"]] == []
    assert snap.backlinks[i["A.md"]] == 1


def test_layout_keeps_linked_nodes_together() -> None:
    points = layout(12, two_cliques())
    assert len(points) == 12
    inside = [math.dist(points[a], points[b]) for a, b in two_cliques()[:-1]]
    across = [math.dist(points[a], points[b]) for a in range(1, 6) for b in range(7, 12)]
    assert max(inside) < min(across)


def test_a_big_layout_runs_in_a_child_process_and_comes_back_the_same_shape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from syntopic.layout import engine

    monkeypatch.setattr(engine, "IN_PROCESS", 4)  # as with 100,000 nodes
    monkeypatch.setattr(engine, "FLAT_STEP", 5)  # flattened in several steps
    children: list[int] = []
    in_child = engine._in_child

    def counted(count: int, *args: Any) -> list[tuple[float, float]]:
        children.append(count)
        return in_child(count, *args)

    monkeypatch.setattr(engine, "_in_child", counted)
    start = [(float(i), float(-i)) for i in range(12)]
    points = layout(12, two_cliques(), start)
    assert children == [12]
    inside = [math.dist(points[a], points[b]) for a, b in two_cliques()[:-1]]
    across = [math.dist(points[a], points[b]) for a in range(1, 6) for b in range(7, 12)]
    assert len(points) == 12 and max(inside) < min(across)


def test_layout_scales_to_the_spacing() -> None:
    points = layout(12, two_cliques())
    lengths = sorted(math.dist(points[a], points[b]) for a, b in two_cliques())
    assert SPACING * 0.5 < lengths[len(lengths) // 2] < SPACING * 3


def test_new_nodes_go_beside_their_neighbours_and_nothing_else_moves() -> None:
    ids = ["a", "b", "c", "new", "newer", "alone"]
    neighbours = [[1, 3], [0], [], [0, 4], [3], []]
    known = {"a": (0.0, 0.0), "b": (40.0, 0.0), "c": (1000.0, 1000.0)}
    points = place_new(ids, neighbours, known)
    assert points[:3] == [known["a"], known["b"], known["c"]]
    assert math.dist(points[3], known["a"]) < SPACING * 1.5
    assert math.dist(points[4], points[3]) < SPACING * 1.5  # placed in a second round
    far = max(math.dist((0, 0), p) for p in known.values())
    assert math.dist((0, 0), points[5]) > far / 2  # no neighbour: out on the rim
    assert place_new(ids, neighbours, known) == points


def test_positions_round_trip_and_damage_means_recompute(tmp_path: Path) -> None:
    store = PositionStore(str(tmp_path / "vault"))
    assert store.load() == {}
    assert store.save({"a.md": (1.5, -2.25), "ghost:x": (3.0, 4.0)})
    assert store.load() == {"a.md": (1.5, -2.25), "ghost:x": (3.0, 4.0)}
    assert [p.name for p in store.file.parent.iterdir()] == ["positions.json"]  # no temp left
    store.file.write_text('{"format": "syntopic-positions-1", "positions": {"a.md": [1]}')
    assert store.load() == {}
    store.file.write_bytes(b"\x00\xff not json")
    assert store.load() == {}


def test_arrange_keeps_known_positions_and_only_places_the_rest() -> None:
    snap = GraphSnapshot.from_graph(memory_vault(VAULT).graph)
    first = arrange(snap, {})
    assert first.computed
    known = by_id(snap, first.positions)
    del known["Lonely.md"]
    again = arrange(snap, known)
    assert not again.computed
    assert all(again.positions[snap.index[n]] == p for n, p in known.items())


def test_grid_hits_the_node_under_a_point() -> None:
    points = [(0.0, 0.0), (100.0, 0.0), (500.0, 500.0)]
    grid = SpatialGrid(points, [10.0, 20.0, 5.0], [0, 1])
    assert grid.hit(3, 4) == 0
    assert grid.hit(85, 0) == 1
    assert grid.hit(50, 0) is None
    assert grid.hit(500, 500) is None  # not a member: hidden nodes are never hit
    assert sorted(grid.in_rect(-1, -1, 101, 1)) == [0, 1]


def test_small_components_pack_close_around_the_largest() -> None:
    # a 1,000-node ring with chords, thirty 3-node chains and sixty isolated notes
    # (one force layout of it all threw the small ones 90 spacings out)
    edges = [(i, (i + 1) % 1000) for i in range(1000)] + [(i, (i + 37) % 1000) for i in range(1000)]
    n = 1000
    for _ in range(30):
        edges += [(n, n + 1), (n + 1, n + 2)]
        n += 3
    count = n + 60
    points = layout(count, edges)
    main = points[:1000]
    mx0, mx1 = min(p[0] for p in main), max(p[0] for p in main)
    my0, my1 = min(p[1] for p in main), max(p[1] for p in main)
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    shorter = min(x1 - x0, y1 - y0)
    assert min(mx1 - mx0, my1 - my0) >= 0.5 * shorter
    # nothing lies farther from the main mass than a few spacings past its edge
    centre = ((mx0 + mx1) / 2, (my0 + my1) / 2)
    reach = max(math.dist(centre, p) for p in main)
    assert all(math.dist(centre, p) <= reach + 10 * SPACING for p in points[1000:])
