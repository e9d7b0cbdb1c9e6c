"""What the graph canvas draws over its cached layers: arrows, labels, the legend."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.ui.graph_scene import Scene

if TYPE_CHECKING:
    from syntopic.ui.graph_canvas import GraphCanvas

LABEL_MIN_PX = 4.5  # a node this big on screen starts to show its label...
LABEL_FULL_PX = 8.0  # ...fully opaque from this size
MAX_LABELS = 220
# while the view moves: a frame has ~16 ms, and each label is four painter calls that
# wait their turn for the GIL (labels were most of the slowest frames while panning)
MAX_LABELS_MOVING = 60
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


def paint_labels(canvas: GraphCanvas, p: QPainter, scene: Scene) -> None:
    """Labels for nodes big enough on screen, biggest first, never overlapping."""
    s = canvas.scale
    w, h = canvas.width(), canvas.height()
    forced = [i for i in (canvas.hover, canvas.current) if i is not None and i in scene.shown]
    near: list[int] = []
    if canvas.hover is not None:
        near = sorted(
            (j for j in scene.neighbours[canvas.hover] if j in scene.shown),
            key=lambda j: -scene.radii[j],
        )
    x0, y0 = canvas.to_world(QPointF(0, 0))
    x1, y1 = canvas.to_world(QPointF(w, h))
    if (x1 - x0) * (y1 - y0) < 0.25 * _area(scene.bounds()):
        candidates = sorted(scene.grid.in_rect(x0, y0, x1, y1), key=lambda i: -scene.radii[i])
    else:
        candidates = scene.by_size
    font = canvas.font()
    metrics = QFontMetricsF(font)
    text = canvas.palette().color(QPalette.ColorRole.Text)
    halo = canvas.palette().color(QPalette.ColorRole.Base)
    halo.setAlphaF(0.72)
    placed: dict[tuple[int, int], list[QRectF]] = {}
    seen: set[int] = set()
    count = 0
    limit = MAX_LABELS_MOVING if canvas.moving() else MAX_LABELS
    line_h = metrics.height()
    for i in forced + near + candidates:
        if i in seen:
            continue
        seen.add(i)
        r_px = scene.radii[i] * s
        is_forced = i in forced
        if i in near:
            r_px = max(r_px, LABEL_FULL_PX)
        elif not is_forced and r_px < LABEL_MIN_PX:
            if candidates is scene.by_size:
                break
            continue
        c = canvas.to_screen(*scene.points[i])
        if not (-50 < c.x() < w + 50 and -20 < c.y() < h + 20):
            continue
        title = scene.titles[i]
        if len(title) > 32:
            title = title[:30] + "…"
        tw = metrics.horizontalAdvance(title)
        rect = QRectF(c.x() - tw / 2 - 2, c.y() + r_px + 1, tw + 4, line_h)
        if not is_forced and _collides(placed, rect):
            continue
        _occupy(placed, rect)
        alpha = (
            1.0
            if is_forced
            else min(1.0, (r_px - LABEL_MIN_PX) / (LABEL_FULL_PX - LABEL_MIN_PX) + 0.15)
        )
        if canvas.hover is not None and not is_forced and i not in near:
            alpha *= 0.35
        p.setOpacity(alpha)
        p.fillRect(rect, halo)
        p.setPen(text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, title)
        count += 1
        if count >= limit:
            break
    p.setOpacity(1.0)


class Legend:
    """The legend, bottom left: drawn once into an image, then copied every frame
    (fifty-odd painter calls a frame otherwise, each waiting its turn for the GIL)."""

    def __init__(self) -> None:
        self._image: tuple[object, QImage] | None = None  # (what it shows, the image)

    def paint(self, canvas: GraphCanvas, p: QPainter) -> None:
        entries = tuple(e for e in canvas.legend if e[2] > 0)
        if not entries:
            return
        palette = canvas.palette()
        pens = tuple(canvas.colours.strong(t).rgba() if t else canvas.colours.edge_pens[0][0].rgba()
                     for t in range(len(EDGE_NAMES)))  # fmt: skip
        ratio = canvas.devicePixelRatioF()
        key = (entries, palette.cacheKey(), canvas.font().key(), pens, ratio)
        if self._image is None or self._image[0] != key:
            self._image = (key, _legend_image(canvas, entries, ratio))
        image = self._image[1]
        height = image.height() / ratio
        p.drawImage(QPointF(8, canvas.height() - height - 8), image)


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
            pen = QPen(canvas.colours.strong(t) if t else canvas.colours.edge_pens[0][0], 2)
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


def _cells(rect: QRectF) -> list[tuple[int, int]]:
    return [
        (gx, gy)
        for gx in range(int(rect.left() // 64), int(rect.right() // 64) + 1)
        for gy in range(int(rect.top() // 64), int(rect.bottom() // 64) + 1)
    ]


def _collides(placed: dict[tuple[int, int], list[QRectF]], rect: QRectF) -> bool:
    return any(rect.intersects(other) for cell in _cells(rect) for other in placed.get(cell, ()))


def _occupy(placed: dict[tuple[int, int], list[QRectF]], rect: QRectF) -> None:
    for cell in _cells(rect):
        placed.setdefault(cell, []).append(rect)
