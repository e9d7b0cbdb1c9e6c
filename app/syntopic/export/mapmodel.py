"""What a study map shows, and where: nodes, typed edges and a radial layout.

Pure Python (no Qt): the drawing code in `export/draw.py` only paints what
this module decides. The layout puts the centre concept in the middle and
each further step of links on its own ring, books grouped together on the
first ring and every deeper note near the note that led to it; then it
removes any overlap between label boxes. Text widths come from a `Measure`
function, so the drawing code can pass its real font metrics.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

NodeRole = Literal["centre", "concept", "framework", "book", "person", "note", "ghost"]
EdgeRole = Literal["perspective", "framework", "mention", "explore"]
Measure = Callable[[str, float, bool], float]
"""(text, font size, bold) -> width of the text in the same units as the size."""

MAX_DEPTH = 3
MAX_NODES = 90
"""More than this does not fit a printed page legibly; the rest is counted, not drawn."""

# the order groups take round the first ring (books together, as a sector)
ROLE_ORDER: dict[str, int] = {
    "concept": 0,
    "note": 1,
    "framework": 2,
    "person": 3,
    "book": 4,
    "ghost": 5,
    "centre": -1,
}
EDGE_PRIORITY: dict[str, int] = {"perspective": 0, "framework": 1, "mention": 2, "explore": 3}

NODE_LABELS: dict[str, str] = {
    "centre": "the concept mapped",
    "concept": "concept",
    "note": "note",
    "framework": "framework",
    "book": "book",
    "person": "person",
    "ghost": "not written yet",
}
EDGE_LABELS: dict[str, str] = {
    "perspective": "a book's perspective",
    "framework": "key framework",
    "mention": "linked in the text",
    "explore": "continue exploring",
}

_FRAMEWORK_SECTION = re.compile(r"\b(?:key\s+)?(?:frameworks?|models?|techniques?)\b", re.I)
_EXPLORE_SECTION = re.compile(
    r"\b(?:continue\s+exploring|see\s+also|related|further\s+reading|explore)\b", re.I
)

BASE_SIZE = 9.0
CENTRE_SIZE = 15.0
OUTER_SIZE = 8.0
LINE_HEIGHT = 1.25
WRAP_CHARS = 20


def approximate_measure(text: str, size: float, bold: bool) -> float:
    """A width estimate for a sans-serif font, for use without a real font."""
    return len(text) * size * (0.62 if bold else 0.57)


@dataclass(slots=True)
class MapNode:
    id: str
    title: str
    role: NodeRole
    depth: int
    lines: tuple[str, ...]
    size: float  # font size
    bold: bool
    w: float = 0.0
    h: float = 0.0
    x: float = 0.0
    y: float = 0.0
    angle: float = 0.0

    def box(self, gap: float = 0.0) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) grown by ``gap`` on every side."""
        return (
            self.x - self.w / 2 - gap,
            self.y - self.h / 2 - gap,
            self.x + self.w / 2 + gap,
            self.y + self.h / 2 + gap,
        )


@dataclass(slots=True)
class MapEdge:
    source: str  # the end nearer the centre
    target: str
    role: EdgeRole
    forward: bool  # a link source -> target exists
    backward: bool  # a link target -> source exists
    tree: bool  # joins a note to the one that brought it onto the map


@dataclass(slots=True)
class StudyMap:
    title: str
    subtitle: str
    centre: str | None
    depth: int
    nodes: dict[str, MapNode] = field(default_factory=dict)
    edges: list[MapEdge] = field(default_factory=list)
    hidden_nodes: int = 0  # past MAX_NODES
    hidden_links: int = 0  # links between drawn notes that are not drawn
    centre_label: str = NODE_LABELS["centre"]

    def bounds(self) -> tuple[float, float, float, float]:
        if not self.nodes:
            return (0.0, 0.0, 1.0, 1.0)
        boxes = [n.box() for n in self.nodes.values()]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def node_roles(self) -> list[str]:
        present = {n.role for n in self.nodes.values()}
        return [r for r in NODE_LABELS if r in present]

    def edge_roles(self) -> list[str]:
        present = {e.role for e in self.edges}
        return [r for r in EDGE_LABELS if r in present]


# -- what goes on the map ----------------------------------------------------------
def node_role(attrs: dict[str, Any]) -> NodeRole:
    kind = attrs.get("kind")
    if kind == "ghost":
        return "ghost"
    if kind == "book":
        return "book"
    kind_type = str(attrs.get("type") or "").lower()
    if kind_type in ("framework", "person", "concept"):
        return kind_type  # type: ignore[return-value]
    return "note"


def edge_role(attrs: dict[str, Any]) -> EdgeRole:
    if attrs.get("kind") == "perspective":
        return "perspective"
    section = str(attrs.get("section") or "")
    if _FRAMEWORK_SECTION.search(section):
        return "framework"
    if _EXPLORE_SECTION.search(section):
        return "explore"
    return "mention"


def _pair_role(graph: nx.MultiDiGraph, u: str, v: str) -> tuple[EdgeRole, bool, bool]:
    roles: list[EdgeRole] = []
    forward = backward = False
    if graph.has_edge(u, v):
        forward = True
        roles.extend(edge_role(a) for a in graph.get_edge_data(u, v).values())
    if graph.has_edge(v, u):
        backward = True
        roles.extend(edge_role(a) for a in graph.get_edge_data(v, u).values())
    best = min(roles, key=lambda r: EDGE_PRIORITY[r]) if roles else "mention"
    return best, forward, backward


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.successors(node)) | set(graph.predecessors(node))


def _sort_key(graph: nx.MultiDiGraph, node: str) -> tuple[int, str, str]:
    attrs = graph.nodes[node]
    return (ROLE_ORDER[node_role(attrs)], str(attrs.get("title") or node).lower(), node)


def _links_between(graph: nx.MultiDiGraph, a: str, b: str) -> int:
    return int(graph.number_of_edges(a, b) + graph.number_of_edges(b, a))


def _rings(
    graph: nx.MultiDiGraph,
    centre: str,
    depth: int,
    first_ring: Iterable[str] | None,
    allowed: set[str] | None,
) -> tuple[dict[str, int], dict[str, str], int]:
    """Breadth-first rings: depth of each node, its parent, and how many were cut."""
    depths = {centre: 0}
    parents: dict[str, str] = {}
    frontier = [centre]
    hidden = 0
    for d in range(1, depth + 1):
        candidates: dict[str, list[str]] = {}
        for node in frontier:
            found = (
                set(first_ring) if d == 1 and first_ring is not None else _neighbours(graph, node)
            )
            for other in found:
                if other in depths or other not in graph:
                    continue
                if allowed is not None and other not in allowed:
                    continue
                if d > 1 and graph.nodes[other].get("kind") == "ghost":
                    continue  # unwritten notes far from the centre are noise
                candidates.setdefault(other, []).append(node)
        room = MAX_NODES - len(depths)
        ranked = sorted(candidates, key=lambda n: (-len(candidates[n]), _sort_key(graph, n)))
        if len(ranked) > room:
            hidden += len(ranked) - max(room, 0)
            ranked = ranked[: max(room, 0)]
        for node in ranked:
            depths[node] = d
            # the parent: the linking node with most links to it, then the first by name
            parents[node] = min(
                candidates[node],
                key=lambda p: (
                    (
                        -graph.number_of_edges(p, node) - graph.number_of_edges(node, p),
                        *_sort_key(graph, p),
                    )
                ),
            )
        frontier = sorted(ranked, key=lambda n: _sort_key(graph, n))
        if not frontier:
            break
    return depths, parents, hidden


def wrap_label(title: str, width: int = WRAP_CHARS, max_lines: int = 3) -> tuple[str, ...]:
    lines = textwrap.wrap(title, width, break_long_words=False, break_on_hyphens=True) or [title]
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], rest[: width - 1].rstrip() + "…"]
    return tuple(lines)


def _make_node(
    graph: nx.MultiDiGraph, node: str, depth: int, is_centre: bool, measure: Measure
) -> MapNode:
    attrs = graph.nodes[node]
    title = str(attrs.get("title") or node)
    role: NodeRole = "centre" if is_centre else node_role(attrs)
    size = CENTRE_SIZE if is_centre else (BASE_SIZE if depth <= 1 else OUTER_SIZE)
    bold = is_centre or role == "book"
    lines = wrap_label(title, 16 if is_centre else WRAP_CHARS)
    width = max(measure(line, size, bold) for line in lines)
    pad_x, pad_y = size * 0.8, size * 0.45
    return MapNode(
        id=node,
        title=title,
        role=role,
        depth=depth,
        lines=lines,
        size=size,
        bold=bold,
        w=width + 2 * pad_x,
        h=len(lines) * size * LINE_HEIGHT + 2 * pad_y,
    )


def _build(
    graph: nx.MultiDiGraph,
    centre: str,
    depths: dict[str, int],
    parents: dict[str, str],
    *,
    title: str,
    subtitle: str,
    depth: int,
    all_links: bool,
    measure: Measure,
    aspect: float,
    centre_is_subject: bool = True,
) -> StudyMap:
    smap = StudyMap(title=title, subtitle=subtitle, centre=centre, depth=depth)
    for node, d in sorted(depths.items(), key=lambda kv: (kv[1], _sort_key(graph, kv[0]))):
        smap.nodes[node] = _make_node(graph, node, d, node == centre and centre_is_subject, measure)
    drawn: set[frozenset[str]] = set()
    for node, parent in parents.items():
        role, fwd, back = _pair_role(graph, parent, node)
        smap.edges.append(MapEdge(parent, node, role, fwd, back, True))
        drawn.add(frozenset((parent, node)))
    members = set(depths)
    pairs = sorted(
        {
            (u, v) if (depths[u], u) <= (depths[v], v) else (v, u)
            for u, v in graph.subgraph(members).edges()
            if u != v and frozenset((u, v)) not in drawn
        }
    )
    unique = list(dict.fromkeys(pairs))
    if all_links:
        for u, v in unique:
            if frozenset((u, v)) in drawn:
                continue
            drawn.add(frozenset((u, v)))
            role, fwd, back = _pair_role(graph, u, v)
            smap.edges.append(MapEdge(u, v, role, fwd, back, False))
    else:
        smap.hidden_links = len({frozenset(p) for p in unique})
    layout(smap, aspect)
    return smap


def concept_map(
    graph: nx.MultiDiGraph,
    centre: str,
    depth: int = 1,
    *,
    all_links: bool = False,
    measure: Measure = approximate_measure,
    aspect: float = 1.6,
    vault_name: str = "",
) -> StudyMap:
    """The neighbourhood of ``centre`` within ``depth`` links (1 to 3), either direction."""
    if centre not in graph:
        raise KeyError(centre)
    depth = max(1, min(MAX_DEPTH, depth))
    depths, parents, hidden = _rings(graph, centre, depth, None, None)
    title = str(graph.nodes[centre].get("title") or centre)
    steps = "1 link" if depth == 1 else f"{depth} links"
    smap = _build(
        graph,
        centre,
        depths,
        parents,
        title=title,
        subtitle=_subtitle(f"Study map · notes within {steps}", len(depths), vault_name),
        depth=depth,
        all_links=all_links,
        measure=measure,
        aspect=aspect,
    )
    smap.hidden_nodes = hidden
    return smap


def book_map(
    graph: nx.MultiDiGraph,
    book: str,
    depth: int = 1,
    *,
    all_links: bool = False,
    measure: Measure = approximate_measure,
    aspect: float = 1.6,
    vault_name: str = "",
) -> StudyMap:
    """A book in the middle and the concepts it speaks to (its perspectives and links)."""
    if book not in graph:
        raise KeyError(book)
    depth = max(1, min(MAX_DEPTH, depth))
    first = {v for _, v in graph.out_edges(book)}
    depths, parents, hidden = _rings(graph, book, depth, first, None)
    title = str(graph.nodes[book].get("title") or book)
    smap = _build(
        graph,
        book,
        depths,
        parents,
        title=title,
        subtitle=_subtitle(
            "Study map of a book · the concepts it speaks to", len(depths), vault_name
        ),
        depth=depth,
        all_links=all_links,
        measure=measure,
        aspect=aspect,
    )
    smap.hidden_nodes = hidden
    smap.centre_label = "the book mapped"
    return smap


def selection_map(
    graph: nx.MultiDiGraph,
    nodes: Sequence[str],
    title: str = "Selected notes",
    *,
    all_links: bool = True,
    measure: Measure = approximate_measure,
    aspect: float = 1.6,
    vault_name: str = "",
) -> StudyMap:
    """A map of a set of notes (the graph view's current filter).

    The most linked note of the set goes in the middle; the others sit on
    rings by how many links (inside the set) separate them from it, and notes
    not reachable that way form the outer ring.
    """
    members = [n for n in dict.fromkeys(nodes) if n in graph]
    if not members:
        raise ValueError("no notes to map")
    allowed = set(members)
    sub = graph.subgraph(allowed)
    centre = min(members, key=lambda n: (-len(_neighbours(sub, n)), *_sort_key(graph, n)))
    depths, parents, hidden = _rings(graph, centre, len(members), None, allowed)
    outer = max(depths.values()) + 1
    rest = sorted(allowed - set(depths), key=lambda n: _sort_key(graph, n))
    room = max(0, MAX_NODES - len(depths))
    hidden += max(0, len(rest) - room)
    for node in rest[:room]:
        depths[node] = outer
    smap = _build(
        graph,
        centre,
        depths,
        parents,
        title=title,
        subtitle=_subtitle("Study map of a selection", len(depths), vault_name),
        depth=max(depths.values()),
        all_links=all_links,
        measure=measure,
        aspect=aspect,
        centre_is_subject=False,
    )
    smap.hidden_nodes = hidden
    return smap


def _subtitle(what: str, count: int, vault_name: str) -> str:
    parts = [what, f"{count} note{'s' * (count != 1)}"]
    if vault_name:
        parts.append(f"vault: {vault_name}")
    return " · ".join(parts)


# -- layout ---------------------------------------------------------------------------
def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box_at(
    node: MapNode, angle: float, radius: float, aspect: float, gap: float
) -> tuple[float, float, float, float]:
    x = aspect * radius * math.cos(angle)
    y = radius * math.sin(angle)
    return (x - node.w / 2 - gap, y - node.h / 2 - gap, x + node.w / 2 + gap, y + node.h / 2 + gap)


def _min_step(
    a: MapNode, b: MapNode, angle: float, radius: float, aspect: float, gap: float
) -> float:
    """The smallest turn after ``a`` (at ``angle``) at which ``b`` clears it."""
    box_a = _box_at(a, angle, radius, aspect, gap / 2)
    step = 0.02
    hi = step
    while hi < 2 * math.pi and _overlaps(box_a, _box_at(b, angle + hi, radius, aspect, gap / 2)):
        hi += step
    lo = hi - step
    for _ in range(12):
        mid = (lo + hi) / 2
        if _overlaps(box_a, _box_at(b, angle + mid, radius, aspect, gap / 2)):
            lo = mid
        else:
            hi = mid
    return hi


def _walk(
    ring: list[MapNode],
    radius: float,
    aspect: float,
    gap: float,
    start: float,
    wanted: list[float] | None,
) -> tuple[list[float], float]:
    """Angles going round clockwise, each node as early as it may; and the total turn."""
    angles = [wanted[0] if wanted else start]
    for i in range(1, len(ring)):
        nxt = angles[-1] + _min_step(ring[i - 1], ring[i], angles[-1], radius, aspect, gap)
        if wanted is not None:
            nxt = max(nxt, wanted[i])
        angles.append(nxt)
    if len(ring) == 1:
        return angles, 0.0
    closing = _min_step(ring[-1], ring[0], angles[-1], radius, aspect, gap)
    return angles, angles[-1] - angles[0] + closing


def _clear_of(
    ring: list[MapNode],
    angles: list[float],
    radius: float,
    aspect: float,
    inner: list[MapNode],
    gap: float,
) -> bool:
    inner_boxes = [n.box(gap * (1.0 if n.depth == 0 else 2.5)) for n in inner]
    for node, angle in zip(ring, angles, strict=True):
        box = _box_at(node, angle, radius, aspect, 0.0)
        if any(_overlaps(box, other) for other in inner_boxes):
            return False
    return True


def _place_ring(
    ring: list[MapNode],
    inner: list[MapNode],
    radius: float,
    aspect: float,
    gap: float,
    wanted: list[float] | None,
) -> float:
    """Set x, y and angle of the nodes of one ring; return the radius used."""
    start = -math.pi / 2

    def fits(r: float) -> tuple[bool, list[float]]:
        angles, turn = _walk(ring, r, aspect, gap, start, wanted)
        if turn > 2 * math.pi:
            return False, angles
        if wanted is None and len(ring) > 1:
            slack = (2 * math.pi - turn) / len(ring)
            angles = [a + i * slack for i, a in enumerate(angles)]
        elif wanted is not None:
            # turn the whole ring so that nodes sit, on average, where they want to be
            shift = sum(w - a for w, a in zip(wanted, angles, strict=True)) / len(ring)
            angles = [a + shift for a in angles]
        return _clear_of(ring, angles, r, aspect, inner, gap), angles

    ok, angles = fits(radius)
    if not ok:
        lo, hi = radius, radius * 1.25
        ok, angles = fits(hi)
        while not ok:
            lo, hi = hi, hi * 1.25
            ok, angles = fits(hi)
        for _ in range(10):
            mid = (lo + hi) / 2
            good, mid_angles = fits(mid)
            if good:
                hi, angles = mid, mid_angles
            else:
                lo = mid
        radius = hi
    for node, angle in zip(ring, angles, strict=True):
        node.angle = angle
        node.x = aspect * radius * math.cos(angle)
        node.y = radius * math.sin(angle)
    return radius


def _remove_overlaps(nodes: list[MapNode], fixed: str | None, gap: float) -> None:
    """Push overlapping boxes apart; spread everything out if pushing does not settle."""
    for _ in range(50):
        for _ in range(60):
            moved = False
            for i, a in enumerate(nodes):
                for b in nodes[i + 1 :]:
                    ox = (a.w + b.w) / 2 + gap - abs(a.x - b.x)
                    oy = (a.h + b.h) / 2 + gap - abs(a.y - b.y)
                    if ox <= 0 or oy <= 0:
                        continue
                    moved = True
                    share_a = 0.0 if a.id == fixed else (1.0 if b.id == fixed else 0.5)
                    share_b = 1.0 - share_a
                    if ox < oy:
                        sign = 1.0 if (b.x, b.id) >= (a.x, a.id) else -1.0
                        a.x -= sign * ox * share_a
                        b.x += sign * ox * share_b
                    else:
                        sign = 1.0 if (b.y, b.id) >= (a.y, a.id) else -1.0
                        a.y -= sign * oy * share_a
                        b.y += sign * oy * share_b
            if not moved:
                return
        for n in nodes:
            if n.id != fixed:
                n.x *= 1.1
                n.y *= 1.1


def layout(smap: StudyMap, aspect: float = 1.6) -> None:
    """Radial by depth: the centre at (0, 0), one ring per depth, no two boxes overlapping."""
    if not smap.nodes:
        return
    gap = BASE_SIZE * 0.6
    centre = smap.nodes.get(smap.centre or "")
    by_depth: dict[int, list[MapNode]] = {}
    for node in smap.nodes.values():
        by_depth.setdefault(node.depth, []).append(node)
    parents = {e.target: e.source for e in smap.edges if e.tree}
    placed: list[MapNode] = []
    radius = 0.0
    if centre is not None:
        centre.x = centre.y = 0.0
        placed.append(centre)
        radius = centre.h / 2 + BASE_SIZE * 4
    for d in sorted(k for k in by_depth if k > 0):
        ring = by_depth[d]
        wanted: list[float] | None = None
        if d > 1:
            ring.sort(
                key=lambda n: (
                    _parent_angle(smap, parents.get(n.id)),
                    ROLE_ORDER[n.role],
                    n.title.lower(),
                )
            )
            known = [_parent_angle(smap, parents.get(n.id)) for n in ring]
            if all(math.isfinite(a) for a in known):
                wanted = known
        tallest = max(n.h for n in ring)
        widest = max(n.w for n in ring)
        if placed and d > 1:
            outer = max(math.hypot(n.x / aspect, n.y) for n in placed)
            radius = outer + tallest + BASE_SIZE * 5 + widest / (4 * aspect)
        radius = _place_ring(ring, placed, radius, aspect, gap, wanted)
        placed.extend(ring)
    _remove_overlaps(placed, smap.centre, gap)


def _parent_angle(smap: StudyMap, parent: str | None) -> float:
    node = smap.nodes.get(parent or "")
    if node is None:
        return math.inf
    return node.angle if node.depth > 0 else -math.pi / 2
