"""The map's pens and brushes, and its layers painted onto any painter, on any thread."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.ui.graph_scene import EDGE_TINTS, Layers, Scene, mix

DOT_PX = 1.5  # below this mean radius on screen, nodes are drawn as dots
EDGE_ORDER = (3, 0, 2, 1)  # perspective edges underneath, typed sections on top
Pens = list[tuple[QColor, QColor]]  # (normal, dimmed) for each edge type or node group


class Colours:
    """Edge pens and node brushes for one palette, crowding and set of group colours."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] = ()
        self.crowd = 0.0
        self.edge_pens: Pens = []
        self.node_brushes: Pens = []
        self.text = QColor()

    def prepare(self, palette: QPalette, scene: Scene, scale: float) -> None:
        """Bring the pens up to date (cheap when nothing changed: every frame asks)."""
        bg = palette.color(QPalette.ColorRole.Base)
        fg = palette.color(QPalette.ColorRole.Text)
        self.text = fg
        # the more edges, the fainter each: a dense map stays a map, not a blot
        # (zoomed in, fewer edges share the screen, so they may be stronger)
        crowd = min(1.0, len(scene.edges) / 20_000) * min(1.0, 0.15 / max(scale, 1e-6))
        crowd = round(crowd * 4) / 4  # in steps, so zooming rarely changes colours
        key = (bg.rgb(), fg.rgb(), tuple(scene.colours), crowd)
        self.crowd = crowd
        if key == self.key:
            return
        self.key = key
        self.edge_pens = []
        for name in EDGE_TYPES:
            tint = EDGE_TINTS[name]
            base, t = (fg, 0.8 + 0.1 * crowd) if tint is None else (QColor(tint), 0.5 + 0.4 * crowd)
            self.edge_pens.append((mix(base, bg, t), mix(base, bg, 0.94)))
        self.node_brushes = [(QColor(c), mix(QColor(c), bg, 0.82)) for c in scene.colours]

    def strong(self, t: int) -> QColor:
        """Edge type ``t`` at full strength (hover, the legend)."""
        tint = EDGE_TINTS[EDGE_TYPES[t]]
        return QColor(tint) if tint else QColor(self.text)


def let_ui_in() -> None:
    time.sleep(0)  # hands the GIL over at once, not at the end of a switch interval


def paint_layers(
    p: QPainter,
    layers: Layers,
    pens: Pens,
    brushes: Pens,
    dim: int,
    dots: bool,
    between: Callable[[], None] | None = None,
) -> None:
    """Edges, then nodes (``dots``: far out, each a dot of a few pixels); no canvas state,
    so the cache worker can call it."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    for t in EDGE_ORDER:
        if layers.edges[t]:
            pen = QPen(pens[t][dim], 0)
            pen.setCosmetic(True)
            p.setPen(pen)
            for path in layers.edges[t]:
                p.drawPath(path)
                if between is not None:
                    between()
    ghost = brushes[-1][1] if dim else pens[0][0]
    if dots:
        for group, centres in layers.centres.items():
            pen = QPen(ghost if group < 0 else brushes[group][dim], DOT_PX * 2)
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
        p.setBrush(ghost)
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
        {g: [_copy_path(n) for n in pieces] for g, pieces in layers.nodes.items()},
        [_copy_path(g) for g in layers.ghosts],
        {g: QPolygonF(c) for g, c in layers.centres.items()},  # no lazy caches: sharing is safe
        layers.empty,
    )
