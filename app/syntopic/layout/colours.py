"""Colour schemes for nodes (kind, folder, tag, community) and their legend."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from syntopic.layout.communities import names, of_snapshot
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
COMMUNITY_FROM = 2500  # notes: from this many, the map is coloured by community at first
REGION_SHARE = 0.01  # a community this share of the linked notes (and 12 or more) is named


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    colour: str  # "#rrggbb"
    count: int


@dataclass(frozen=True, slots=True)
class Region:
    """A named community, labelled on the map when zoomed out."""

    label: str
    members: list[int]
    group: int  # its legend entry


@dataclass(frozen=True, slots=True)
class Colouring:
    """A legend entry index for every node, the legend, and named regions (communities)."""

    groups: list[int]
    legend: list[LegendEntry]
    regions: list[Region] = field(default_factory=list)


def default_scheme(notes: int) -> Scheme:
    """Communities make a big vault's map an atlas; a small one reads best by kind."""
    return "community" if notes >= COMMUNITY_FROM else "kind"


def colour_nodes(
    snapshot: GraphSnapshot, scheme: Scheme, communities: Sequence[int] | None = None
) -> Colouring:
    """Legend groups for ``scheme``; ``communities`` (by node, as `detect` numbers them)
    saves detecting them again."""
    if scheme == "kind":
        return _by_kind(snapshot)
    if scheme == "folder":
        return _by_key(snapshot, lambda i: _top_folder(snapshot.nodes[i].folder), "(root)")
    if scheme == "tag":
        return _by_key(snapshot, lambda i: _first_tag(snapshot.nodes[i].tags), "untagged")
    return _by_community(snapshot, of_snapshot(snapshot) if communities is None else communities)


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


def _by_community(snapshot: GraphSnapshot, member: Sequence[int]) -> Colouring:
    """The largest communities coloured, named (folder or hubs) and, when big enough, regions."""
    members: dict[int, list[int]] = {}
    for i, m in enumerate(member):
        if m >= 0:
            members.setdefault(m, []).append(i)
    ranked = sorted(members, key=lambda m: (-len(members[m]), m))
    top = ranked[:MAX_GROUPS]
    label = names(snapshot, {m: members[m] for m in top})
    keys = [None if m < 0 else label.get(m, f"~{m}") for m in member]
    colouring = _grouped(snapshot, keys, [label[m] for m in top], "unlinked")
    linked = sum(len(v) for v in members.values())
    big = max(12, REGION_SHARE * linked)
    regions = [Region(label[m], members[m], k) for k, m in enumerate(top) if len(members[m]) >= big]
    return Colouring(colouring.groups, colouring.legend, regions)
