"""What the graph canvas draws over its cached layers: arrows, labels, the legend."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from syntopic.layout.labels import Box, LabelGrid, spots
from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.ui.graph_paint import GHOST_RIM_PX
from syntopic.ui.graph_scene import Scene, mix

if TYPE_CHECKING:
    from syntopic.ui.graph_canvas import GraphCanvas

LABEL_MIN_PX = 4.5  # a node this big on screen starts to show its label...
LABEL_FULL_PX = 8.0  # ...fully opaque from this size
MAX_LABELS = 220
# while the view moves: a frame has ~16 ms, and each label is four painter calls that
# wait their turn for the GIL (labels were most of the slowest frames while panning)
MAX_LABELS_MOVING = 60
TRIES_MOVING = 240  # nodes tried for a label while moving (each tries eight spots)
HUBS = 40  # the biggest nodes are labelled even zoomed out, while they show as more than dots
HUB_MIN_PX = 2.0
AVOID_NODES = 1500  # up to this many nodes in view, labels are kept off them
SMALL_GRAPH = 60  # nodes: a map this small labels every one
REGION_NODE_PX = 4.0  # community names show while nodes are drawn this small (zoomed out)
REGION_FONT = 1.3  # times the canvas font
REGION_MIN_NODES = 12  # shown nodes a community needs for its name
EDGE_NAMES = ("link", "Key Frameworks", "Continue Exploring", "perspective")


def paint_arrows(canvas: GraphCanvas, p: QPainter, scene: Scene) -> None:
    """Arrowheads at the target's rim, for edges in view and long enough to read."""
    x0, y0 = canvas.to_world(QPointF(0, 0))
    x1, y1 = canvas.to_world(QPointF(canvas.width(), canvas.height()))
    heads = [QPainterPath() for _ in EDGE_TYPES]
    size = 7.0 / canvas.scale
    drawn = 0
    for u in scene.grid.in_rect(x0, y0, x1, y1):
        ux, uy = scene.points[u]
        for v, t in scene.outgoing[u]:
            if v not in scene.shown:
                continue
            vx, vy = scene.points[v]
            length = math.hypot(vx - ux, vy - uy)
            if length * canvas.scale < 28:
                continue
            dx, dy = (vx - ux) / length, (vy - uy) / length
            tip = QPointF(vx - dx * scene.radii[v], vy - dy * scene.radii[v])
            back = QPointF(tip.x() - dx * size, tip.y() - dy * size)
            side = QPointF(-dy * size * 0.45, dx * size * 0.45)
            heads[t].addPolygon(QPolygonF([tip, back + side, back - side, tip]))
            drawn += 1
        if drawn > 4000:
            break
    p.setPen(Qt.PenStyle.NoPen)
    for t, path in enumerate(heads):
        p.setBrush(canvas.colours.edge_pens[t][0])
        p.drawPath(path)


def paint_labels(canvas: GraphCanvas, p: QPainter, scene: Scene) -> list[Box]:
    """Labels for nodes big enough on screen (every node of a small graph), most
    important first, each in the first free spot beside its node: none overlap.
    Returns the boxes drawn (also kept as ``canvas.drawn_labels``)."""
    s = canvas.scale
    w, h = canvas.width(), canvas.height()
    forced = [i for i in (canvas.hover, canvas.current) if i is not None and i in scene.shown]
    near: list[int] = []
    if canvas.hover is not None:
        near = sorted(
            (j for j in scene.neighbours[canvas.hover] if j in scene.shown),
            key=lambda j: -scene.radii[j],
        )
    small = len(scene.shown) <= SMALL_GRAPH
    x0, y0 = canvas.to_world(QPointF(0, 0))
    x1, y1 = canvas.to_world(QPointF(w, h))
    if small or (x1 - x0) * (y1 - y0) < 0.25 * _area(scene.bounds()):
        candidates = sorted(scene.grid.in_rect(x0, y0, x1, y1), key=lambda i: -scene.radii[i])
    else:
        candidates = scene.by_size
    centre = None
    if small and scene.shown:
        centre = canvas.to_screen(
            sum(scene.points[i][0] for i in scene.shown) / len(scene.shown),
            sum(scene.points[i][1] for i in scene.shown) / len(scene.shown),
        )
    font = canvas.font()
    metrics = QFontMetricsF(font)
    text = canvas.palette().color(QPalette.ColorRole.Text)
    halo = canvas.palette().color(QPalette.ColorRole.Base)
    halo.setAlphaF(0.72)
    grid = LabelGrid()
    legend = canvas.legend_box()
    if legend is not None:
        grid.block(legend)
    paint_regions(canvas, p, scene, grid)
    moving = canvas.moving()
    if not moving and len(candidates) <= AVOID_NODES:
        for i in candidates:  # labels keep off the nodes when there is room elsewhere
            r = scene.radii[i] * s
            if r < 2.0:
                break  # biggest first: the rest are dots a label may cover
            c = canvas.to_screen(*scene.points[i])
            grid.avoid((c.x() - r, c.y() - r, c.x() + r, c.y() + r))
    drawn: list[Box] = []
    seen: set[int] = set()
    limit = MAX_LABELS_MOVING if moving else MAX_LABELS
    line_h = metrics.height()
    hubs = set(scene.by_size[:HUBS])
    around = set(near)
    tries = TRIES_MOVING if moving else len(scene.shown)
    for i in forced + near + candidates:
        if i in seen:
            continue
        seen.add(i)
        tries -= 1
        if tries < 0:
            break
        r_px = scene.radii[i] * s
        is_forced = i in forced
        if i in around or small:
            r_px = max(r_px, LABEL_FULL_PX)
        elif i in hubs and r_px >= HUB_MIN_PX:
            r_px = max(r_px, (LABEL_MIN_PX + LABEL_FULL_PX) / 2)
        elif not is_forced and r_px < LABEL_MIN_PX:
            break  # the candidates come biggest first: the rest are smaller still
        c = canvas.to_screen(*scene.points[i])
        if not (-50 < c.x() < w + 50 and -20 < c.y() < h + 20):
            continue
        title = shown_title(scene.titles[i])
        tw = metrics.horizontalAdvance(title) + 4
        away = (0.0, 1.0)
        if centre is not None:
            dx, dy = c.x() - centre.x(), c.y() - centre.y()
            length = math.hypot(dx, dy)
            if length > 1:
                away = (dx / length, dy / length)
        r_shown = scene.radii[i] * s
        around_node = spots(c.x(), c.y(), r_shown, tw, line_h, away)
        # a label cut by the view's edge reads as another name: slid into view instead
        in_view = [_slid(b, w) for b in around_node if b[1] >= 0 and b[3] <= h]
        box = grid.place(in_view) or grid.place(around_node)
        if box is None:
            continue
        alpha = (
            1.0
            if is_forced or small
            else min(1.0, (r_px - LABEL_MIN_PX) / (LABEL_FULL_PX - LABEL_MIN_PX) + 0.15)
        )
        if canvas.hover is not None and not is_forced and i not in around:
            alpha *= 0.35
        rect = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])
        p.setOpacity(alpha)
        p.fillRect(rect, halo)
        p.setPen(text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, title)
        drawn.append(box)
        if len(drawn) >= limit:
            break
    p.setOpacity(1.0)
    canvas.drawn_labels = grid.boxes
    return grid.boxes


def _slid(box: Box, width: float) -> Box:
    """``box`` moved sideways just enough to lie within 0..``width`` (when it can)."""
    shift = max(0.0, -box[0]) or min(0.0, width - box[2])
    if box[2] - box[0] > width:
        shift = 0.0
    return (box[0] + shift, box[1], box[2] + shift, box[3])


def shown_title(title: str) -> str:
    """A node's label: its title, long ones cut."""
    return title if len(title) <= 32 else title[:30] + "…"


def label_room(font: QFont, titles: Iterable[str]) -> float:
    """The widest label of ``titles`` in pixels (with its padding)."""
    metrics = QFontMetricsF(font)
    return max((metrics.horizontalAdvance(shown_title(t)) + 4 for t in titles), default=0.0)


def paint_regions(canvas: GraphCanvas, p: QPainter, scene: Scene, grid: LabelGrid) -> None:
    """Zoomed out, each big community's name over its middle, in its colour: the atlas.
    Bigger communities first; a name that would cover another's is left out."""
    if not scene.regions or canvas.scale * canvas.mean_radius > REGION_NODE_PX:
        return
    font = QFont(canvas.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * REGION_FONT)
    metrics = QFontMetricsF(font)
    p.setFont(font)
    text = canvas.palette().color(QPalette.ColorRole.Text)
    halo = canvas.palette().color(QPalette.ColorRole.Base)
    halo.setAlphaF(0.8)
    w, h = canvas.width(), canvas.height()
    order = sorted(range(len(scene.regions)), key=lambda k: -scene.places[k][2])
    for k in order:
        x, y, count = scene.places[k]
        if count < REGION_MIN_NODES:
            continue
        c = canvas.to_screen(x, y)
        tw, th = metrics.horizontalAdvance(scene.regions[k].label) + 10, metrics.height() + 2
        box = (c.x() - tw / 2, c.y() - th / 2, c.x() + tw / 2, c.y() + th / 2)
        if box[2] < 0 or box[0] > w or box[3] < 0 or box[1] > h or grid.place([box]) is None:
            continue
        rect = QRectF(box[0], box[1], tw, th)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(halo)
        p.drawRoundedRect(rect, th / 2, th / 2)
        # the community's colour, pulled towards the text colour so it reads on the halo
        p.setPen(mix(QColor(scene.colours[scene.regions[k].group]), text, 0.35))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, scene.regions[k].label)
    p.setFont(canvas.font())


class Legend:
    """The legend, bottom left: drawn once into an image, then copied every frame
    (fifty-odd painter calls a frame otherwise, each waiting its turn for the GIL)."""

    def __init__(self) -> None:
        self._image: tuple[object, QImage] | None = None  # (what it shows, the image)

    def image(self, canvas: GraphCanvas) -> QImage | None:
        """The legend as it must look now (drawn again only when that changed)."""
        entries = tuple(e for e in canvas.legend if e[2] > 0)
        if not entries:
            return None
        palette = canvas.palette()
        pens = tuple(canvas.colours.strong(t).rgba() for t in range(len(EDGE_NAMES)))
        pens += tuple(c.rgba() for pair in canvas.colours.ghost for c in pair)
        ratio = canvas.devicePixelRatioF()
        key = (entries, palette.cacheKey(), canvas.font().key(), pens, ratio)
        if self._image is None or self._image[0] != key:
            self._image = (key, _legend_image(canvas, entries, ratio))
        return self._image[1]

    def box(self, canvas: GraphCanvas) -> Box | None:
        """Where the legend goes on the canvas (labels keep out of it)."""
        image = self.image(canvas)
        if image is None:
            return None
        ratio = image.devicePixelRatio()
        w, h = image.width() / ratio, image.height() / ratio
        top = canvas.height() - h - 8
        return (8.0, top, 8.0 + w, top + h)

    def paint(self, canvas: GraphCanvas, p: QPainter) -> None:
        image = self.image(canvas)
        box = self.box(canvas)
        if image is not None and box is not None:
            p.drawImage(QPointF(box[0], box[1]), image)


def _legend_image(
    canvas: GraphCanvas, entries: tuple[tuple[str, str, int], ...], ratio: float
) -> QImage:
    metrics = QFontMetricsF(canvas.font())
    line = metrics.height() + 2
    rows = len(entries) + len(EDGE_NAMES)
    width = max(metrics.horizontalAdvance(f"{label}  {n}") for label, _, n in entries)
    width = max(width, metrics.horizontalAdvance("Continue Exploring")) + 34
    box = QRectF(0.5, 0.5, width, rows * line + 8)
    image = QImage(
        int((width + 2) * ratio),
        int((rows * line + 10) * ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    try:
        p.setFont(canvas.font())
        panel = canvas.palette().color(QPalette.ColorRole.Window)
        panel.setAlphaF(0.88)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(canvas.palette().color(QPalette.ColorRole.Mid))
        p.setBrush(panel)
        p.drawRoundedRect(box, 6, 6)
        y = box.top() + 4
        text = canvas.palette().color(QPalette.ColorRole.WindowText)
        for label, colour, n in entries:
            if label == "ghost" and canvas.colours.ghost:  # a ring, as on the map
                p.setPen(QPen(canvas.colours.ghost[0][0], GHOST_RIM_PX))
                p.setBrush(canvas.colours.ghost[1][0])
            else:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(colour))
            p.drawEllipse(QPointF(box.left() + 12, y + line / 2), 5, 5)
            p.setPen(text)
            p.drawText(
                QRectF(box.left() + 24, y, width, line),
                Qt.AlignmentFlag.AlignVCenter,
                f"{label}  {n}",
            )
            y += line
        for t, name in enumerate(EDGE_NAMES):
            pen = QPen(canvas.colours.strong(t), 2)
            p.setPen(pen)
            p.drawLine(QLineF(box.left() + 6, y + line / 2, box.left() + 18, y + line / 2))
            p.setPen(text)
            p.drawText(QRectF(box.left() + 24, y, width, line), Qt.AlignmentFlag.AlignVCenter, name)
            y += line
    finally:
        p.end()
    return image


def _area(bounds: tuple[float, float, float, float]) -> float:
    return max(1.0, (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
