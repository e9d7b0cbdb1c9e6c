"""The map's pens and brushes, and its layers painted onto any painter, on any thread."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.ui.graph_scene import DENSITIES, DENSITY_CELL, EDGE_TINTS, Layers, Scene, mix

DOT_PX = 1.5  # below this mean radius on screen, nodes are drawn as dots
EDGE_ORDER = (3, 0, 2, 1)  # perspective edges underneath, typed sections on top
Pens = list[tuple[QColor, QColor]]  # (normal, dimmed) for each edge type or node group
# edges: each pixel of the map is crossed by this much edge at full strength on
# average; so dense maps draw faint edges, darker where many share a cell
EDGE_INK = 0.25
CLASS_EDGES = (2, 8, 32, 128)  # a typical count of edges sharing a cell, by density class
INSIDE = 0.7  # of a cell's side, the length of an edge within it, about
DARKEST = 0.6  # the most an edge's shade goes from the background towards its colour
EDGE_ALPHA = (0.03, 0.6)  # the fewest and most an edge's colour covers
GHOST_CONTRAST = 3.0  # unwritten notes' rims against the background (WCAG, graphics)
GHOST_RIM_PX = 1.4


def luminance(c: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def edge_alpha(ink: float, bounds: tuple[float, float, float, float], scale: float) -> float:
    """How opaque edges are drawn: the denser the map on screen, the fainter each edge.

    ``ink`` is the edges' total length (world units); spread over the map's box
    at ``scale``, that is how many edges cross its average pixel. Rounded to
    half-octaves, so zooming changes it rarely (each change redraws the map).
    """
    area = max(1.0, (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
    cover = ink / (area * max(scale, 1e-6))
    alpha = EDGE_INK / max(cover, 1e-9)
    alpha = 2 ** (round(math.log2(max(alpha, 1e-6)) * 2) / 2)
    return min(EDGE_ALPHA[1], max(EDGE_ALPHA[0], alpha))


def half_octave(value: float) -> float:
    return float(2 ** (round(math.log2(max(value, 1e-9)) * 2) / 2))


def edge_shades(alpha: float, scale: float) -> list[float]:
    """By density class, how far an edge's colour goes from the background towards its own.

    Where ``n`` edges share a cell, a pixel on one is crossed by about
    1 + n·INSIDE/(cell·scale) of them; each covering ``alpha`` of what is under
    it, together they cover 1 - (1 - alpha)^that. Drawn opaque in that shade, an
    edge looks as translucent edges overlapping there would.
    """
    crossing = [1 + n * INSIDE / (DENSITY_CELL * max(scale, 1e-6)) for n in CLASS_EDGES[:DENSITIES]]
    # no darker than DARKEST where edges crowd most, so hubs' spokes stay apart
    alpha = min(alpha, 1 - (1 - DARKEST) ** (1 / crossing[-1]))
    return [1 - (1 - alpha) ** c for c in crossing]


def ghost_colour(fg: QColor, bg: QColor) -> QColor:
    """The rim of an unwritten note: as faint as it may be and still stand out."""
    for t in (0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.1, 0.0):
        colour = mix(fg, bg, t)
        if contrast(colour, bg) >= GHOST_CONTRAST:
            return colour
    return QColor(fg)


class Colours:
    """Edge pens and node brushes for one palette, crowding and set of group colours."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] = ()
        self.look: tuple[float, float] = (0.0, 0.0)  # edge alpha and zoom, both stepped
        self.edge_pens: Pens = []  # by type: one edge on its own (arrows, a drag)
        self.layer_pens: list[Pens] = []  # by type, then density class: the map's edges
        self.node_brushes: Pens = []
        self.ghost: Pens = []  # (rim, fill), each (normal, dimmed)
        self.text = QColor()

    def prepare(self, palette: QPalette, scene: Scene, scale: float) -> None:
        """Bring the pens up to date (cheap when nothing changed: every frame asks)."""
        bg = palette.color(QPalette.ColorRole.Base)
        fg = palette.color(QPalette.ColorRole.Text)
        self.text = fg
        # the denser the map on screen, the fainter each edge, so that where many
        # cross they add up: a dense map shows its structure, not a blot
        alpha = edge_alpha(scene.ink, scene.bounds(), scale)
        zoom = half_octave(scale)  # stepped, so zooming rarely changes colours
        key = (bg.rgb(), fg.rgb(), tuple(scene.colours), alpha, zoom)
        self.look = (alpha, zoom)
        if key == self.key:
            return
        self.key = key
        self.edge_pens, self.layer_pens = [], []
        for name in EDGE_TYPES:
            tint = EDGE_TINTS[name]
            base = QColor(fg if tint is None else tint)
            # tinted edges are few and say more: a little stronger than plain links
            strength = min(1.0, alpha * (1.0 if tint is None else 1.6))
            shades = edge_shades(strength, zoom)
            pens = [(mix(bg, base, t), mix(bg, base, t * 0.15)) for t in shades]
            self.layer_pens.append(pens)
            self.edge_pens.append(pens[0])
        self.node_brushes = [(QColor(c), mix(QColor(c), bg, 0.82)) for c in scene.colours]
        rim = ghost_colour(fg, bg)
        self.ghost = [(rim, mix(rim, bg, 0.82)), (QColor(bg), QColor(bg))]

    def strong(self, t: int) -> QColor:
        """Edge type ``t`` at full strength (hover, the legend)."""
        tint = EDGE_TINTS[EDGE_TYPES[t]]
        return QColor(tint) if tint else QColor(self.text)


def let_ui_in() -> None:
    time.sleep(0)  # hands the GIL over at once, not at the end of a switch interval


def paint_layers(
    p: QPainter,
    layers: Layers,
    pens: list[Pens],
    brushes: Pens,
    dim: int,
    dots: bool,
    ghost: Pens,
    between: Callable[[], None] | None = None,
) -> None:
    """Edges, then nodes (``dots``: far out, each a dot of a few pixels), unwritten ones
    as rings (``ghost``: rim and fill pens); no canvas state, so the cache worker can call it."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    for t in EDGE_ORDER:
        if layers.edges[t]:
            for path, k in zip(layers.edges[t], layers.classes[t], strict=True):
                pen = QPen(pens[t][k][dim], 0)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.drawPath(path)
                if between is not None:
                    between()
    if dots:
        for group, centres in layers.centres.items():
            pen = QPen(ghost[0][dim] if group < 0 else brushes[group][dim], DOT_PX * 2)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            p.setPen(pen)
            p.drawPoints(centres)
        return
    p.setPen(Qt.PenStyle.NoPen)
    for group, pieces in layers.nodes.items():
        p.setBrush(brushes[group][dim])
        for path in pieces:
            p.drawPath(path)
            if between is not None:
                between()
    if layers.ghosts:
        rim = QPen(ghost[0][dim], GHOST_RIM_PX)
        rim.setCosmetic(True)
        p.setPen(rim)
        p.setBrush(ghost[1][dim])
        for path in layers.ghosts:
            p.drawPath(path)


def _copy_path(path: QPainterPath) -> QPainterPath:
    """A deep copy: QPainterPath fills lazy caches on first draw, so sharing one
    between the UI thread and the worker would race on them."""
    copy = QPainterPath()
    copy.setFillRule(path.fillRule())
    copy.addPath(path)
    return copy


def detach(layers: Layers) -> Layers:
    """``layers`` with nothing shared with the UI thread's copy."""
    return Layers(
        [[_copy_path(e) for e in pieces] for pieces in layers.edges],
        [list(k) for k in layers.classes],
        {g: [_copy_path(n) for n in pieces] for g, pieces in layers.nodes.items()},
        [_copy_path(g) for g in layers.ghosts],
        {g: QPolygonF(c) for g, c in layers.centres.items()},  # no lazy caches: sharing is safe
        layers.empty,
    )
