"""What a study map shows: its notes (sized for their labels) and typed edges.

Pure Python (no Qt). Where the notes go is `export/maplayout.py`; choosing a
map for a concept, a book or a selection of a vault is `export/mapbuild.py`;
`export/draw.py` only paints. Text widths come from a `Measure` function, so
the drawing code can pass its real font metrics.
"""

from __future__ import annotations

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
    return smap


def concept_map(
    graph: nx.MultiDiGraph,
    centre: str,
    depth: int = 1,
    *,
    all_links: bool = False,
    measure: Measure = approximate_measure,
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
        centre_is_subject=False,
    )
    smap.hidden_nodes = hidden
    return smap


def _subtitle(what: str, count: int, vault_name: str) -> str:
    parts = [what, f"{count} note{'s' * (count != 1)}"]
    if vault_name:
        parts.append(f"vault: {vault_name}")
    return " · ".join(parts)
