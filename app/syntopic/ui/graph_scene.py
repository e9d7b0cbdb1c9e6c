"""What the graph canvas draws: a scene of nodes and edges, and its cached paths."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.layout.spatial import SpatialGrid

Point = tuple[float, float]
EDGE_TINTS = {"link": None, "framework": "#59a14f", "explore": "#4e79a7", "perspective": "#f28e2b"}


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
    index: dict[str, int] = field(init=False)
    outgoing: list[list[tuple[int, int]]] = field(init=False)
    by_size: list[int] = field(init=False)  # shown nodes, biggest first: label priority
    grid: SpatialGrid = field(init=False)

    def __post_init__(self) -> None:
        self.index = {n: i for i, n in enumerate(self.ids)}
        self.outgoing = [[] for _ in self.ids]
        for u, v, t in self.edges:
            self.outgoing[u].append((v, t))
        self.refresh()

    def refresh(self) -> None:
        """Recompute what depends on positions or the shown set."""
        self.by_size = sorted(self.shown, key=lambda i: (-self.radii[i], self.titles[i]))
        self.grid = SpatialGrid(self.points, self.radii, self.shown)

    def bounds(self, members: Collection[int] | None = None) -> tuple[float, float, float, float]:
        chosen = self.shown if members is None else members
        if not chosen:
            return (-100.0, -100.0, 100.0, 100.0)
        xs = [self.points[i][0] for i in chosen]
        ys = [self.points[i][1] for i in chosen]
        pad = max(self.radii[i] for i in chosen)
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


@dataclass(slots=True)
class Layers:
    """Cached world-space paths: one per edge type, one per node colour."""

    edges: list[QPainterPath]
    nodes: dict[int, QPainterPath]
    ghosts: QPainterPath
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
    edge_paths = [QPainterPath() for _ in EDGE_TYPES]
    for u, v, t in scene.edges:
        if u in reach and v in reach and (u in keep or v in keep):
            path = edge_paths[t]
            path.moveTo(*pts[u])
            path.lineTo(*pts[v])
    node_paths: dict[int, QPainterPath] = {}
    ghosts = QPainterPath()
    radii, groups, ghost = scene.radii, scene.groups, scene.ghost
    centres: dict[int, list[QPointF]] = {}
    for i in keep:
        r = radii[i]
        group = -1 if ghost[i] else groups[i]
        target = ghosts if group < 0 else node_paths.get(group)
        if target is None:
            target = node_paths[group] = QPainterPath()
        centre = QPointF(*pts[i])
        target.addEllipse(centre, r, r)
        centres.setdefault(group, []).append(centre)
    dots = {g: QPolygonF(c) for g, c in centres.items()}
    return Layers(edge_paths, node_paths, ghosts, dots, not keep)
