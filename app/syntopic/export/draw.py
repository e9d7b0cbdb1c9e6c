"""Drawing a study map: one QPainter routine for SVG, PDF and PNG.

The page is laid out in points (1/72 inch): a title and subtitle at the top,
the map fitted to the space between, the legend and the date at the bottom.
Each output device gets a transform from points to its own units, so the
three formats show the same page. Text uses the bundled DejaVu Sans, so a map
looks the same on every machine (the PDF embeds it; an SVG names it).
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator

from syntopic.export import style
from syntopic.export.files import Progress, atomic_output, step
from syntopic.export.mapbuild import Fit
from syntopic.export.mapmodel import (
    EDGE_LABELS,
    LINE_HEIGHT,
    NODE_LABELS,
    MapEdge,
    MapNode,
    StudyMap,
)
from syntopic.export.page import MAP_FORMATS as MAP_FORMATS
from syntopic.export.page import MAX_DPI as MAX_DPI
from syntopic.export.page import MAX_PIXELS as MAX_PIXELS
from syntopic.export.page import MIN_DPI as MIN_DPI
from syntopic.export.page import PageOptions as PageOptions
from syntopic.export.page import check_options as check_options
from syntopic.paths import resource

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FALLBACK_FAMILY = "DejaVu Sans"
MARGIN = 30.0

_family: str | None = None


def ensure_app() -> None:
    """A Qt application for drawing text, offscreen when there is no display.

    A QApplication rather than a QGuiApplication, so that widgets (the app,
    or anything else in the same process) can still be made afterwards.
    """
    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    QApplication([])  # Qt keeps the instance; QApplication.instance() finds it


def font_family() -> str:
    """Register the bundled font once (needs a Q(Gui)Application) and return its family."""
    global _family
    if _family is None:
        family = ""
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            family = family or (families[0] if families else "")
        _family = family or FALLBACK_FAMILY
    return _family


def _font(size: float, bold: bool = False, italic: bool = False, dpi: float = 72.0) -> QFont:
    """A font ``size`` page units tall on a device of ``dpi`` whose painter maps points."""
    font = QFont(font_family())
    font.setPointSizeF(max(0.5, size * 72.0 / dpi))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    return font


class FontMeasure:
    """Text widths from the bundled font, for the Qt-free layout."""

    def __init__(self) -> None:
        self._image = QImage(1, 1, QImage.Format.Format_ARGB32)
        dpm = round(72 / 0.0254)
        self._image.setDotsPerMeterX(dpm)
        self._image.setDotsPerMeterY(dpm)
        self._metrics = {
            bold: QFontMetricsF(_font(100.0, bold, dpi=72.0), self._image) for bold in (False, True)
        }

    def __call__(self, text: str, size: float, bold: bool) -> float:
        return self._metrics[bold].horizontalAdvance(text) * size / 100.0


# -- painting -----------------------------------------------------------------------
class _Painter:
    def __init__(self, painter: QPainter, dpi: float) -> None:
        self.p = painter
        self.dpi = dpi

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        return _font(size, bold, italic, self.dpi)

    def text(
        self,
        rect: QRectF,
        text: str,
        size: float,
        color: str,
        *,
        bold: bool = False,
        italic: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        wrap: bool = False,
    ) -> None:
        self.p.setFont(self.font(size, bold, italic))
        self.p.setPen(QColor(color))
        flags = align | Qt.AlignmentFlag.AlignVCenter
        if wrap:
            flags |= Qt.TextFlag.TextWordWrap
        self.p.drawText(rect, int(flags), text)


def _node_path(node: MapNode, rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    shape = style.NODE_STYLES[node.role].shape
    if shape == "pill":
        radius = rect.height() / 2
    elif shape == "book":
        radius = 1.5
    else:
        radius = 3.5
    path.addRoundedRect(rect, radius, radius)
    return path


def _draw_node(painter: _Painter, node: MapNode) -> None:
    p = painter.p
    spec = style.NODE_STYLES[node.role]
    rect = QRectF(node.x - node.w / 2, node.y - node.h / 2, node.w, node.h)
    pen = QPen(QColor(spec.border), 1.8 if node.role == "centre" else 1.0)
    if spec.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(QBrush(QColor(spec.fill)))
    p.drawPath(_node_path(node, rect))
    if spec.shape == "book":  # a spine down the left edge
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(spec.border)))
        p.drawRect(QRectF(rect.left(), rect.top(), 3.2, rect.height()))
    line_h = node.size * LINE_HEIGHT
    top = node.y - len(node.lines) * line_h / 2
    shift = 1.6 if spec.shape == "book" else 0.0
    for i, line in enumerate(node.lines):
        box = QRectF(rect.left() + shift, top + i * line_h, rect.width(), line_h)
        painter.text(box, line, node.size, spec.text, bold=node.bold)


def _clip_to_box(inside: MapNode, toward: QPointF) -> QPointF:
    """Where the segment from ``inside``'s centre to ``toward`` leaves its box."""
    dx, dy = toward.x() - inside.x, toward.y() - inside.y
    if dx == 0 and dy == 0:
        return QPointF(inside.x, inside.y)
    tx = (inside.w / 2) / abs(dx) if dx else math.inf
    ty = (inside.h / 2) / abs(dy) if dy else math.inf
    t = min(tx, ty, 1.0)
    return QPointF(inside.x + dx * t, inside.y + dy * t)


def _arrow(p: QPainter, tip: QPointF, tail: QPointF, size: float, color: QColor) -> None:
    dx, dy = tip.x() - tail.x(), tip.y() - tail.y()
    length = math.hypot(dx, dy)
    if length < size * 1.5:
        return
    ux, uy = dx / length, dy / length
    base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    left = QPointF(base.x() - uy * size * 0.45, base.y() + ux * size * 0.45)
    right = QPointF(base.x() + uy * size * 0.45, base.y() - ux * size * 0.45)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(color))
    p.drawPolygon(QPolygonF([tip, left, right]))


def _draw_edge(painter: _Painter, smap: StudyMap, edge: MapEdge) -> None:
    p = painter.p
    a, b = smap.nodes[edge.source], smap.nodes[edge.target]
    spec = style.EDGE_STYLES[edge.role]
    color = QColor(spec.color)
    if not edge.tree:
        color.setAlphaF(0.45)
    start = _clip_to_box(a, QPointF(b.x, b.y))
    end = _clip_to_box(b, QPointF(a.x, a.y))
    pen = QPen(color, spec.width if edge.tree else spec.width * 0.6)
    if spec.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawLine(start, end)
    head = 5.0 if edge.tree else 3.5
    if edge.forward:
        _arrow(p, end, start, head, color)
    if edge.backward:
        _arrow(p, start, end, head, color)


def _legend_items(smap: StudyMap) -> list[tuple[str, str, str]]:
    items = [
        ("node", role, smap.centre_label if role == "centre" else NODE_LABELS[role])
        for role in smap.node_roles()
    ]
    items += [("edge", role, EDGE_LABELS[role]) for role in smap.edge_roles()]
    return items


def _draw_legend(
    painter: _Painter, items: list[tuple[str, str, str]], x: float, y: float, width: float
) -> float:
    """Draw legend entries in rows from (x, y); return the height used."""
    p = painter.p
    size = 8.0
    measure = FontMeasure()
    row_h = 15.0
    cx, cy = x, y
    for what, role, label in items:
        entry_w = 26.0 + measure(label, size, False) + 16.0
        if cx + entry_w > x + width and cx > x:
            cx, cy = x, cy + row_h
        if what == "node":
            spec = style.NODE_STYLES[role]
            swatch = MapNode("", "", role, 1, (), size, False, w=20.0, h=10.0, x=cx + 10, y=cy + 6)  # type: ignore[arg-type]
            pen = QPen(QColor(spec.border), 1.0)
            if spec.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(QBrush(QColor(spec.fill)))
            rect = QRectF(cx, cy + 1, 20.0, 10.0)
            p.drawPath(_node_path(swatch, rect))
            if spec.shape == "book":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(QColor(spec.border)))
                p.drawRect(QRectF(rect.left(), rect.top(), 2.5, rect.height()))
        else:
            spec_e = style.EDGE_STYLES[role]
            pen = QPen(QColor(spec_e.color), spec_e.width)
            if spec_e.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(cx, cy + 6), QPointF(cx + 16, cy + 6))
            _arrow(p, QPointF(cx + 21, cy + 6), QPointF(cx, cy + 6), 5.0, QColor(spec_e.color))
        painter.text(
            QRectF(cx + 26, cy, entry_w, 12.0),
            label,
            size,
            style.INK,
            align=Qt.AlignmentFlag.AlignLeft,
        )
        cx += entry_w
    return cy + row_h - y


def paint_map(painter: QPainter, smap: StudyMap, page: QSizeF, dpi: float, date: _dt.date) -> None:
    """Paint ``smap`` on a page of ``page`` points; the painter maps points already."""
    pp = _Painter(painter, dpi)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, page.width(), page.height()), QColor(style.PAPER))
    inner = QRectF(0, 0, page.width(), page.height()).marginsRemoved(
        QMarginsF(MARGIN, MARGIN, MARGIN, MARGIN)
    )
    # header
    pp.text(
        QRectF(inner.left(), inner.top(), inner.width(), 26.0),
        smap.title,
        20.0,
        style.INK,
        bold=True,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    pp.text(
        QRectF(inner.left(), inner.top() + 27.0, inner.width(), 13.0),
        smap.subtitle,
        9.5,
        style.MUTED,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    painter.setPen(QPen(QColor(style.RULE), 0.8))
    painter.drawLine(
        QPointF(inner.left(), inner.top() + 45.0), QPointF(inner.right(), inner.top() + 45.0)
    )
    # footer: legend, then the date and notes
    items = _legend_items(smap)
    rows_h = _legend_height(items, inner.width())
    footer_top = inner.bottom() - rows_h - 26.0
    painter.setPen(QPen(QColor(style.RULE), 0.8))
    painter.drawLine(
        QPointF(inner.left(), footer_top - 6.0), QPointF(inner.right(), footer_top - 6.0)
    )
    _draw_legend(pp, items, inner.left(), footer_top, inner.width())
    notes = [f"Made with Syntopic on {date.isoformat()}"]
    if any(e.forward or e.backward for e in smap.edges):
        notes.append("arrows point from the note that links to the note it names")
    if smap.hidden_links:
        count = smap.hidden_links
        notes.append(f"{count} link{'s' * (count != 1)} between outer notes not drawn")
    if smap.hidden_nodes:
        count = smap.hidden_nodes
        notes.append(f"{count} more note{'s' * (count != 1)} not shown")
    pp.text(
        QRectF(inner.left(), inner.bottom() - 20.0, inner.width(), 20.0),
        " · ".join(notes),
        7.5,
        style.MUTED,
        align=Qt.AlignmentFlag.AlignLeft,
        wrap=True,
    )
    # the map, fitted to the space left
    area = QRectF(
        inner.left(), inner.top() + 55.0, inner.width(), footer_top - 16.0 - (inner.top() + 55.0)
    )
    left, top, right, bottom = smap.bounds()
    bw, bh = max(right - left, 1.0), max(bottom - top, 1.0)
    scale = min(area.width() / bw, area.height() / bh, 1.8)
    painter.save()
    painter.translate(
        area.center().x() - (left + bw / 2) * scale, area.center().y() - (top + bh / 2) * scale
    )
    painter.scale(scale, scale)
    for edge in sorted(smap.edges, key=lambda e: (e.tree, -style.EDGE_ORDER[e.role])):
        _draw_edge(pp, smap, edge)
    for node in sorted(smap.nodes.values(), key=lambda n: -n.depth):
        _draw_node(pp, node)
    painter.restore()


def _legend_height(items: list[tuple[str, str, str]], width: float) -> float:
    measure = FontMeasure()
    rows, cx = 1, 0.0
    for _, _, label in items:
        entry_w = 26.0 + measure(label, 8.0, False) + 16.0
        if cx + entry_w > width and cx > 0:
            rows, cx = rows + 1, 0.0
        cx += entry_w
    return rows * 15.0


def map_area_aspect(options: PageOptions) -> float:
    """Width / height of the space the map gets on the page, for the layout."""
    w, h = options.points()
    area_w = w - 2 * MARGIN
    area_h = h - 2 * MARGIN - 55.0 - 16.0 - 26.0 - 30.0
    return max(0.6, min(2.2, area_w / area_h))


# -- output formats -------------------------------------------------------------------
def _paint_to(
    device: QPaintDevice, smap: StudyMap, options: PageOptions, units_per_point: float, dpi: float
) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start drawing (the output device refused)")
    try:
        painter.scale(units_per_point, units_per_point)
        w, h = options.points()
        paint_map(painter, smap, QSizeF(w, h), dpi, options.date or _dt.date.today())
    finally:
        painter.end()


def _write_svg(smap: StudyMap, path: Path, options: PageOptions) -> None:
    w, h = options.points()
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setResolution(72)
    gen.setSize(QSize(round(w), round(h)))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setTitle(smap.title)
    gen.setDescription(smap.subtitle)
    _paint_to(gen, smap, options, 1.0, 72.0)
    del gen  # flushes and closes the file
    _add_font_fallbacks(path)


_SVG_FAMILY = re.compile(r'font-family="([^"]*)"')


def _add_font_fallbacks(path: Path) -> None:
    """Name fallbacks after our font, for SVG viewers on machines without it."""
    text = path.read_text("utf-8")
    text = _SVG_FAMILY.sub(
        lambda m: f'font-family="{m.group(1)}, Verdana, Arial, sans-serif"', text
    )
    path.write_text(text, "utf-8")


def _write_pdf(smap: StudyMap, path: Path, options: PageOptions) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(smap.title)
    writer.setCreator("Syntopic")
    size = QPageSize(
        QPageSize.PageSizeId.A4 if options.page == "a4" else QPageSize.PageSizeId.Letter
    )
    orientation = (
        QPageLayout.Orientation.Landscape
        if options.orientation == "landscape"
        else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    resolution = 1200
    writer.setResolution(resolution)
    _paint_to(writer, smap, options, resolution / 72.0, float(resolution))
    del writer


def _write_png(smap: StudyMap, path: Path, options: PageOptions) -> None:
    size = QSize(*options.png_size())
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    dpm = round(options.dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor(style.PAPER))
    w_pt, _ = options.points()
    _paint_to(image, smap, options, size.width() / w_pt, float(image.logicalDpiY()))
    if not image.save(str(path)):  # the format follows the .png suffix
        raise OSError(f"cannot write {path}")


def write_map(
    smap: StudyMap,
    path: Path,
    options: PageOptions | None = None,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write ``smap`` as SVG, PDF or PNG (by suffix), atomically."""
    options = options or PageOptions()
    fmt = path.suffix.lower().lstrip(".")
    check_options(fmt, options)
    ensure_app()
    font_family()
    with atomic_output(path, overwrite) as tmp:
        step(progress, 1, 3, "Drawing the map")
        if fmt == "svg":
            _write_svg(smap, tmp, options)
        elif fmt == "pdf":
            _write_pdf(smap, tmp, options)
        else:
            _write_png(smap, tmp, options)
        step(progress, 2, 3, "Saving")
    if progress is not None:
        progress(3, 3, "Done")  # too late to cancel: the file is in place
    return path


def page_fit(options: PageOptions | None = None) -> Fit:
    """The bundled font's widths and the map area of the page, for `mapbuild.build_map`."""
    ensure_app()
    return Fit(FontMeasure(), map_area_aspect(options or PageOptions()))


def map_svg(smap: StudyMap, options: PageOptions | None = None) -> str:
    """The map as SVG markup to put inside an HTML page (scales to the page width)."""
    ensure_app()
    font_family()
    options = options or PageOptions()
    w, h = options.points()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setResolution(72)
    gen.setSize(QSize(round(w), round(h)))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setTitle(smap.title)
    _paint_to(gen, smap, options, 1.0, 72.0)
    del gen
    text = bytes(buffer.data().data()).decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)
    return _SVG_FAMILY.sub(
        lambda m: f'font-family="{m.group(1)}, Verdana, Arial, sans-serif"', text
    )
