"""What the graph canvas draws: a scene of nodes and edges, and its cached paths."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from syntopic.layout.colours import Region
from syntopic.layout.framing import largest_component
from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.layout.spatial import SpatialGrid

Point = tuple[float, float]
EDGE_TINTS = {"link": None, "framework": "#59a14f", "explore": "#4e79a7", "perspective": "#f28e2b"}


PIECE = 400  # edges or nodes a path holds: one QPainter call (see `Layers`)
DENSITY_CELL = 160.0  # world units a side: edges are classed by how many share their cell
REGION_SPREAD = 0.85  # a community spread this much of the map's own spread is not a region
DENSITIES = 4  # classes: 1-3 edges a cell, 4-15, 16-63, 64 and more


def node_radius(links: int) -> float:
    """World radius by degree (or backlinks): hubs stand out, leaves stay visible."""
    return min(24.0, 3.5 + 1.8 * math.sqrt(links))


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way to ``b``; opaque, so painting needs no blending."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass(slots=True)
class Scene:
    """Everything drawn, indexed like the snapshot it came from.

    ``edges`` are (source, target, type index into EDGE_TYPES); ``shown`` is the
    set of node indices on the map; ``points`` holds a position for every node.
    """

    ids: list[str]
    titles: list[str]
    points: list[Point]
    radii: list[float]
    groups: list[int]
    colours: list[str]
    ghost: list[bool]
    edges: list[tuple[int, int, int]]
    neighbours: list[list[int]]
    shown: set[int]
    regions: list[Region] = field(default_factory=list)  # named communities
    index: dict[str, int] = field(init=False)
    outgoing: list[list[tuple[int, int]]] = field(init=False)
    by_size: list[int] = field(init=False)  # shown nodes, biggest first: label priority
    grid: SpatialGrid = field(init=False)
    main: list[int] = field(init=False)  # the largest connected part of what is shown
    ink: float = field(init=False)  # total length of the shown edges, in world units
    density: list[int] = field(init=False)  # by edge: its class, 0 (sparse) to DENSITIES - 1
    # by region: its centre and how many of its nodes are shown (0: not a region on this
    # map, its nodes strewn all over it)
    places: list[tuple[float, float, int]] = field(init=False)
    _bounds: tuple[float, float, float, float] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.index = {n: i for i, n in enumerate(self.ids)}
        self.outgoing = [[] for _ in self.ids]
        for u, v, t in self.edges:
            self.outgoing[u].append((v, t))
        self.refresh()

    def refresh(self) -> None:
        """Recompute what depends on positions or the shown set."""
        # biggest first, ties by title: two sorts of plain keys, not one of 100,000
        # tuples (one C call that held the GIL for ~120 ms)
        by_title = sorted(self.shown, key=self.titles.__getitem__)
        self.by_size = sorted(by_title, key=self.radii.__getitem__, reverse=True)
        self.grid = SpatialGrid(self.points, self.radii, self.shown)
        self.main = largest_component(self.neighbours, self.shown)
        shown, pts = self.shown, self.points
        self.ink = 0.0
        # an edge's cell is where its middle lies; opaque pens drawn darker where
        # many edges share a cell show the map's structure as overlapping
        # translucent ones would (those cost Qt eight times as much to draw)
        cells: list[tuple[int, int] | None] = []
        counts: dict[tuple[int, int], int] = {}
        for u, v, _ in self.edges:
            if u in shown and v in shown:
                (x0, y0), (x1, y1) = pts[u], pts[v]
                self.ink += math.hypot(x1 - x0, y1 - y0)
                key = (math.floor((x0 + x1) / (2 * DENSITY_CELL)),
                       math.floor((y0 + y1) / (2 * DENSITY_CELL)))  # fmt: skip
                counts[key] = counts.get(key, 0) + 1
                cells.append(key)
            else:
                cells.append(None)
        top = DENSITIES - 1
        self.density = [
            0 if key is None else min(top, (counts[key].bit_length() - 1) // 2) for key in cells
        ]
        self.places = []
        if self.regions:
            spread = _spread([pts[i] for i in shown])
            for region in self.regions:
                inside = [pts[i] for i in region.members if i in shown]
                n = max(1, len(inside))
                x, y = sum(p[0] for p in inside) / n, sum(p[1] for p in inside) / n
                strewn = _spread(inside) > REGION_SPREAD * spread
                self.places.append((x, y, 0 if strewn else len(inside)))
        self._bounds = None

    def bounds(self, members: Collection[int] | None = None) -> tuple[float, float, float, float]:
        """The box around ``members`` (the shown nodes by default, kept: labels ask each frame)."""
        if members is None:
            if self._bounds is None:
                self._bounds = self._box(self.shown)
            return self._bounds
        return self._box(members)

    def _box(self, chosen: Collection[int]) -> tuple[float, float, float, float]:
        if not chosen:
            return (-100.0, -100.0, 100.0, 100.0)
        xs = [self.points[i][0] for i in chosen]
        ys = [self.points[i][1] for i in chosen]
        pad = max(self.radii[i] for i in chosen)
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def _spread(points: list[Point]) -> float:
    """The mean distance of ``points`` from their centre."""
    if not points:
        return 0.0
    n = len(points)
    x, y = sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    return sum(math.hypot(p[0] - x, p[1] - y) for p in points) / n


@dataclass(slots=True)
class Layers:
    """Cached world-space paths by edge type and by node colour, each in pieces.

    PySide holds the GIL through every QPainter call, so one path of 20,000
    edges drawn on the cache worker would lock the UI thread out for its whole
    draw; pieces of `PIECE` shapes let it back in between calls.
    """

    edges: list[list[QPainterPath]]
    classes: list[list[int]]  # by edge type, the density class of each piece of ``edges``
    nodes: dict[int, list[QPainterPath]]
    ghosts: list[QPainterPath]
    centres: dict[int, QPolygonF]  # by colour, ghosts under -1: zoomed far out, dots
    empty: bool


def build_layers(
    scene: Scene,
    members: Collection[int],
    skip: Collection[int] = (),
    context: Collection[int] = (),
) -> Layers:
    """Paths for the ``members`` nodes, their edges among themselves and to
    ``context`` nodes, leaving out ``skip`` and its edges (nodes being dragged
    are drawn on their own)."""
    keep = set(members) - set(skip)
    reach = keep | (set(context) - set(skip))
    pts = scene.points
    edge_paths: list[list[QPainterPath]] = [[] for _ in EDGE_TYPES]
    classes: list[list[int]] = [[] for _ in EDGE_TYPES]
    open_paths: dict[tuple[int, int], tuple[QPainterPath, list[int]]] = {}
    density = scene.density
    for e, (u, v, t) in enumerate(scene.edges):
        if u in reach and v in reach and (u in keep or v in keep):
            k = density[e]
            slot = open_paths.get((t, k))
            if slot is None or slot[1][0] == PIECE:
                slot = (QPainterPath(), [0])
                open_paths[(t, k)] = slot
                edge_paths[t].append(slot[0])
                classes[t].append(k)
            slot[1][0] += 1
            slot[0].moveTo(*pts[u])
            slot[0].lineTo(*pts[v])
    shapes: dict[int, list[QPainterPath]] = {}  # by colour, ghosts under -1
    sizes: dict[int, int] = {}
    radii, groups, ghost = scene.radii, scene.groups, scene.ghost
    centres: dict[int, list[QPointF]] = {}
    for i in keep:
        r = radii[i]
        group = -1 if ghost[i] else groups[i]
        pieces = shapes.setdefault(group, [])
        if sizes.get(group, 0) % PIECE == 0:
            pieces.append(QPainterPath())
        sizes[group] = sizes.get(group, 0) + 1
        centre = QPointF(*pts[i])
        pieces[-1].addEllipse(centre, r, r)
        centres.setdefault(group, []).append(centre)
    dots = {g: QPolygonF(c) for g, c in centres.items()}
    ghosts = shapes.pop(-1, [])
    for t, pieces in enumerate(edge_paths):  # sparse first: the dense, darker ones on top
        order = sorted(range(len(pieces)), key=classes[t].__getitem__)
        edge_paths[t] = [pieces[k] for k in order]
        classes[t] = [classes[t][k] for k in order]
    return Layers(edge_paths, classes, shapes, ghosts, dots, not keep)
