"""The picture drawn where the note view refuses to load an image."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from syntopic.render.resources import Blocked


def blocked_image(blocked: Blocked) -> QImage:
    """A framed label naming what was not loaded and why."""
    text = "⛔ " + blocked.label()
    if len(text) > 120:
        text = text[:117] + "…"
    font = QFont()
    font.setPointSize(9)
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(text) + 16, metrics.height() + 10
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#fff4e5"))
    painter = QPainter(image)
    painter.setPen(QPen(QColor("#d9822b")))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.setFont(font)
    painter.setPen(QColor("#5c3c00"))
    painter.drawText(QRect(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image
