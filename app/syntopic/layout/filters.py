"""Which nodes the view shows: filters, and a note's neighbourhood."""

from __future__ import annotations

from dataclasses import dataclass

from syntopic.layout.snapshot import GraphSnapshot


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """What to hide. ``kinds``/``tags`` empty means no restriction; ``paths``
    (node ids a search matched) None means no query."""

    kinds: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    hide_orphans: bool = False
    hide_ghosts: bool = False
    hide_books: bool = False
    paths: frozenset[str] | None = None


def _has_tag(tags: tuple[str, ...], wanted: frozenset[str]) -> bool:
    """True if a tag is wanted, or nested under one that is (``a`` takes ``a/b``)."""
    for tag in tags:
        parts = tag.lower().split("/")
        if any("/".join(parts[:k]) in wanted for k in range(1, len(parts) + 1)):
            return True
    return False


def visible_nodes(
    snapshot: GraphSnapshot, flt: GraphFilter, within: set[int] | None = None
) -> set[int]:
    """Indices of the nodes that pass ``flt`` (out of ``within`` when given).

    Orphans are judged after the other filters: a note whose only links go to
    hidden nodes stands alone on the map, so "hide orphans" hides it too.
    """
    tags = frozenset(t.lower().lstrip("#") for t in flt.tags)
    kinds = frozenset(k.lower() for k in flt.kinds)
    keep: set[int] = set()
    for i in within if within is not None else range(len(snapshot)):
        node = snapshot.nodes[i]
        if flt.hide_ghosts and node.kind == "ghost":
            continue
        if flt.hide_books and node.kind == "book":
            continue
        if kinds and node.kind not in kinds:
            continue
        if tags and not _has_tag(node.tags, tags):
            continue
        if flt.paths is not None and node.id not in flt.paths:
            continue
        keep.add(i)
    if flt.hide_orphans:
        near = snapshot.neighbours
        keep = {i for i in keep if any(j in keep for j in near[i])}
    return keep


def neighbourhood(snapshot: GraphSnapshot, centre: int, depth: int) -> set[int]:
    """``centre`` and every node within ``depth`` links of it, either direction."""
    seen = {centre}
    frontier = [centre]
    for _ in range(max(0, depth)):
        nxt: list[int] = []
        for i in frontier:
            for j in snapshot.neighbours[i]:
                if j not in seen:
                    seen.add(j)
                    nxt.append(j)
        frontier = nxt
    return seen


def title_matches(snapshot: GraphSnapshot, query: str) -> frozenset[str]:
    """Node ids whose title contains ``query``, ignoring case (the plain fallback)."""
    q = query.strip().casefold()
    return frozenset(n.id for n in snapshot.nodes if q in n.title.casefold())
