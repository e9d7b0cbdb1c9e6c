"""Where every node goes: cached positions first, a fresh layout only when needed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from syntopic.layout.communities import carried_over
from syntopic.layout.engine import Point, communities_aside, layout_and_communities, place_new
from syntopic.layout.snapshot import GraphSnapshot


@dataclass(frozen=True, slots=True)
class Arrangement:
    """Positions and communities by node index, and whether a full layout was computed."""

    positions: list[Point]
    computed: bool
    communities: list[int] = field(default_factory=list)


def arrange(
    snapshot: GraphSnapshot,
    known: Mapping[str, Point],
    groups: Mapping[str, int] | None = None,
) -> Arrangement:
    """Keep known positions and place the rest beside their neighbours.

    With nothing known, or when most of the map is new (a vault that changed a
    lot while closed), lay the whole graph out, starting from what is known,
    and find its communities again; otherwise known communities (``groups``)
    stand and new notes join their neighbours'.
    """
    ids = snapshot.ids
    have = sum(1 for i in ids if i in known)
    if have and have * 2 >= len(ids):
        placed = place_new(ids, snapshot.neighbours, known)
        linked = [n for n, near in zip(ids, snapshot.neighbours, strict=True) if near]
        if groups and sum(1 for n in linked if n in groups) * 2 >= len(linked):
            found = carried_over(snapshot, groups)
        else:
            found = communities_aside(len(ids), [(u, v) for u, v, _ in snapshot.edges])
        return Arrangement(placed, False, found)
    start = place_new(ids, snapshot.neighbours, known) if have else None
    edges = [(u, v) for u, v, _ in snapshot.edges]
    return Arrangement(*_full(len(ids), edges, start))


def _full(
    count: int, edges: list[tuple[int, int]], start: list[Point] | None
) -> tuple[list[Point], bool, list[int]]:
    positions, found = layout_and_communities(count, edges, start)
    return positions, True, found


def communities_by_id(snapshot: GraphSnapshot, arranged: Arrangement) -> dict[str, int]:
    """The communities worth keeping with the positions (loners have none)."""
    return {n: m for n, m in zip(snapshot.ids, arranged.communities, strict=True) if m >= 0}


def by_id(snapshot: GraphSnapshot, positions: list[Point]) -> dict[str, Point]:
    return dict(zip(snapshot.ids, positions, strict=True))
