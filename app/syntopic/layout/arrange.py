"""Where every node goes: cached positions first, a fresh layout only when needed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from syntopic.layout.engine import Point, layout, place_new
from syntopic.layout.snapshot import GraphSnapshot


@dataclass(frozen=True, slots=True)
class Arrangement:
    """Positions by node index, and whether a full layout was computed."""

    positions: list[Point]
    computed: bool


def arrange(snapshot: GraphSnapshot, known: Mapping[str, Point]) -> Arrangement:
    """Keep known positions and place the rest beside their neighbours.

    With nothing known, or when most of the map is new (a vault that changed a
    lot while closed), lay the whole graph out, starting from what is known.
    """
    ids = snapshot.ids
    have = sum(1 for i in ids if i in known)
    if have and have * 2 >= len(ids):
        return Arrangement(place_new(ids, snapshot.neighbours, known), False)
    start = place_new(ids, snapshot.neighbours, known) if have else None
    edges = [(u, v) for u, v, _ in snapshot.edges]
    return Arrangement(layout(len(ids), edges, start), True)


def by_id(snapshot: GraphSnapshot, positions: list[Point]) -> dict[str, Point]:
    return dict(zip(snapshot.ids, positions, strict=True))
