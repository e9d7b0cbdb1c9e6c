"""Colour schemes for nodes (kind, folder, tag, community) and their legend."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import igraph

from syntopic.layout.snapshot import GraphSnapshot

Scheme = Literal["kind", "folder", "tag", "community"]
SCHEMES: tuple[Scheme, ...] = ("kind", "folder", "tag", "community")
# readable on light and dark backgrounds alike
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#3f8f8f",
)
GREY = "#9a9a9a"
KIND_COLOURS = {
    "concept": "#4e79a7",
    "book": "#f28e2b",
    "framework": "#59a14f",
    "person": "#b07aa1",
    "note": "#8da0b3",
    "ghost": GREY,
}
MAX_GROUPS = len(PALETTE)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    colour: str  # "#rrggbb"
    count: int


@dataclass(frozen=True, slots=True)
class Colouring:
    """A legend entry index for every node, and the legend."""

    groups: list[int]
    legend: list[LegendEntry]


def colour_nodes(snapshot: GraphSnapshot, scheme: Scheme) -> Colouring:
    if scheme == "kind":
        return _by_kind(snapshot)
    if scheme == "folder":
        return _by_key(snapshot, lambda i: _top_folder(snapshot.nodes[i].folder), "(root)")
    if scheme == "tag":
        return _by_key(snapshot, lambda i: _first_tag(snapshot.nodes[i].tags), "untagged")
    return _by_community(snapshot)


def _top_folder(folder: str) -> str | None:
    return folder.split("/", 1)[0] or None


def _first_tag(tags: tuple[str, ...]) -> str | None:
    return "#" + tags[0].split("/", 1)[0] if tags else None


def _by_kind(snapshot: GraphSnapshot) -> Colouring:
    counts = Counter(n.kind for n in snapshot.nodes)
    order = sorted(counts, key=lambda k: (k == "ghost", k not in KIND_COLOURS, -counts[k], k))
    spare = iter(c for c in PALETTE if c not in KIND_COLOURS.values())
    legend = [LegendEntry(k, KIND_COLOURS.get(k) or next(spare, GREY), counts[k]) for k in order]
    slot = {k: i for i, k in enumerate(order)}
    return Colouring([slot[n.kind] for n in snapshot.nodes], legend)


def _by_key(snapshot: GraphSnapshot, key: Callable[[int], str | None], missing: str) -> Colouring:
    """The commonest keys get colours; ghosts, the rest and nodes with none are grey."""
    keys = [None if n.kind == "ghost" else key(i) for i, n in enumerate(snapshot.nodes)]
    counts = Counter(k for k in keys if k is not None)
    top = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_GROUPS]]
    return _grouped(snapshot, keys, top, missing)


def _grouped(
    snapshot: GraphSnapshot, keys: list[str | None], top: list[str], missing: str
) -> Colouring:
    slot = {k: i for i, k in enumerate(top)}
    other, none, ghost = len(top), len(top) + 1, len(top) + 2
    groups = [
        ghost if n.kind == "ghost" else none if k is None else slot.get(k, other)
        for k, n in zip(keys, snapshot.nodes, strict=True)
    ]
    counts = Counter(groups)
    legend = [LegendEntry(k, PALETTE[i], counts[i]) for i, k in enumerate(top)]
    legend += [
        LegendEntry("other", "#c3b7a6", counts[other]),
        LegendEntry(missing, "#b4b4b4", counts[none]),
        LegendEntry("ghost", GREY, counts[ghost]),
    ]
    return Colouring(groups, legend)


def communities(snapshot: GraphSnapshot) -> list[int]:
    """A community number for every node (Louvain, via igraph); -1 for loners."""
    pairs = sorted({(min(u, v), max(u, v)) for u, v, _ in snapshot.edges})
    graph = igraph.Graph(n=len(snapshot), edges=pairs)
    membership = graph.community_multilevel().membership if pairs else [0] * len(snapshot)
    return [m if snapshot.neighbours[i] else -1 for i, m in enumerate(membership)]


def _by_community(snapshot: GraphSnapshot) -> Colouring:
    """The largest communities, each named after its best-linked member."""
    member = communities(snapshot)
    sizes = Counter(m for m in member if m >= 0)
    top = [m for m, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_GROUPS]]
    hub: dict[int, int] = {}
    for i, m in enumerate(member):
        if m in sizes and snapshot.nodes[i].kind != "ghost":
            best = hub.get(m)
            if best is None or snapshot.degree(i) > snapshot.degree(best):
                hub[m] = i
    names = {m: f"around {snapshot.nodes[hub[m]].title}" if m in hub else f"group {m}" for m in top}
    keys = [None if m < 0 else names.get(m, f"~{m}") for m in member]
    return _grouped(snapshot, keys, [names[m] for m in top], "unlinked")
