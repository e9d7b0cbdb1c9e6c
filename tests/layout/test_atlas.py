"""Label placement, Fit framing and communities: what makes a big map read (no Qt)."""

from __future__ import annotations

import random

import pytest

from conftest import memory_vault
from syntopic.layout.communities import carried_over, detect, names, of_snapshot
from syntopic.layout.framing import frame, largest_component, main_share
from syntopic.layout.labels import LabelGrid, meet, overlaps, spots
from syntopic.layout.snapshot import GraphSnapshot


def test_labels_take_the_first_free_spot_and_never_overlap() -> None:
    grid = LabelGrid()
    rng = random.Random(3)
    # 400 labels crowded round 40 nodes: many are refused, none drawn over another
    for _ in range(400):
        x, y = rng.choice([(rng.uniform(0, 300), rng.uniform(0, 200)) for _ in range(40)])
        grid.place(spots(x, y, 4.0, rng.uniform(30, 120), 14.0))
    assert 10 < len(grid.boxes) < 400
    assert overlaps(grid.boxes) == 0
    first = spots(100.0, 100.0, 5.0, 60.0, 14.0)
    assert first[0][1] > 100.0  # below the node by default
    outward = spots(100.0, 100.0, 5.0, 60.0, 14.0, away=(1.0, 0.0))
    assert outward[0][0] > 100.0  # to the right when that points away from the graph


def test_overlaps_counts_pairs_that_share_area_only() -> None:
    a, b, c = (0.0, 0.0, 10.0, 10.0), (5.0, 5.0, 15.0, 15.0), (10.0, 0.0, 20.0, 10.0)
    assert meet(a, b) and not meet(a, c)  # touching edges are not an overlap
    assert overlaps([a, b, c]) == 2
    assert overlaps([a, c]) == 0


def test_fit_frames_the_main_component_not_a_far_outlier() -> None:
    # a 30-node ring near the origin and one lone node 20,000 units away
    neighbours = [[(i - 1) % 30, (i + 1) % 30] for i in range(30)] + [[]]
    main = largest_component(neighbours, set(range(31)))
    assert sorted(main) == list(range(30))
    ring = (-100.0, -100.0, 100.0, 100.0)
    whole = (-100.0, -100.0, 20_000.0, 100.0)
    scale, x, y = frame(whole, ring, 1600, 1000, biggest_radius=6.0)
    assert main_share(ring, scale, 1600, 1000) >= 0.5
    assert abs(x) < 1 and abs(y) < 1  # centred on the ring
    # with no far outlier the whole map is framed, the main mass still large
    near = (-100.0, -100.0, 160.0, 100.0)
    scale, x, y = frame(near, ring, 1600, 1000, biggest_radius=6.0)
    assert main_share(ring, scale, 1600, 1000) >= 0.5 and x > 0


def test_fit_zooms_in_on_a_small_set_but_not_onto_one_node() -> None:
    scale, _, _ = frame((-30.0, -30.0, 30.0, 30.0), (-30.0, -30.0, 30.0, 30.0), 900, 600, 6.0)
    assert scale > 3  # three linked notes fill a good part of the view
    alone = (-6.0, -6.0, 6.0, 6.0)
    scale, _, _ = frame(alone, alone, 900, 600, biggest_radius=6.0)
    assert 6.0 * scale <= 36.0  # one note is drawn large, not the size of the view


def two_groups() -> GraphSnapshot:
    left = [(f"Left/L{i}.md", " ".join(f"[[L{j}]]" for j in range(6) if j != i)) for i in range(6)]
    right = [(f"R{i}.md", " ".join(f"[[R{j}]]" for j in range(6) if j != i)) for i in range(6)]
    return GraphSnapshot.from_graph(
        memory_vault([*left, *right, ("L0b.md", "[[R0]] [[L0]]"), ("Alone.md", "")]).graph
    )


def test_communities_are_deterministic_with_the_seed_and_numbered_by_size() -> None:
    snap = two_groups()
    found = of_snapshot(snap)
    assert found == of_snapshot(snap) == of_snapshot(snap, seed=7)
    assert found[snap.index["Alone.md"]] == -1
    left = {found[snap.index[f"Left/L{i}.md"]] for i in range(6)}
    right = {found[snap.index[f"R{i}.md"]] for i in range(6)}
    assert len(left) == len(right) == 1 and left != right
    edges = [(u, v) for u, v, _ in snap.edges]
    shuffled = random.Random(1).sample(edges, len(edges))
    assert detect(len(snap), shuffled) == found  # the order links were read in does not matter
    assert sorted(set(found) - {-1}) == [0, 1]


def test_communities_are_named_by_shared_folder_or_hub_and_new_notes_join_neighbours() -> None:
    snap = two_groups()
    found = of_snapshot(snap)
    members: dict[int, list[int]] = {}
    for i, m in enumerate(found):
        if m >= 0:
            members.setdefault(m, []).append(i)
    label = names(snap, members)
    assert label[found[snap.index["Left/L1.md"]]] == "Left"  # most of it lives in Left/
    assert label[found[snap.index["R1.md"]]].startswith("R")  # no folder: its hubs
    known = {snap.ids[i]: m for i, m in enumerate(found) if snap.ids[i] != "R3.md"}
    again = carried_over(snap, known)
    assert again[snap.index["R3.md"]] == found[snap.index["R0.md"]]


def test_the_same_graph_is_laid_out_the_same_every_time() -> None:
    from syntopic.layout.engine import layout

    rng = random.Random(5)
    # 400 nodes: a grid layout, where igraph nudges coinciding nodes at random
    edges = [(rng.randrange(400), rng.randrange(400)) for _ in range(700)]
    assert layout(400, edges) == layout(400, edges)
    assert layout(400, edges, seed=8) != layout(400, edges)


def test_a_big_vault_finds_its_communities_in_the_child_process_and_the_same_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from syntopic.layout import engine
    from syntopic.layout.arrange import arrange

    snap = two_groups()
    here = of_snapshot(snap)
    monkeypatch.setattr(engine, "IN_PROCESS", 4)  # as with 100,000 nodes: Leiden holds the GIL
    laid = arrange(snap, {})
    assert laid.computed and laid.communities == here
    known = dict(zip(snap.ids, laid.positions, strict=True))
    again = arrange(snap, known, {})  # positions cached, communities not: found aside
    assert not again.computed and again.communities == here
