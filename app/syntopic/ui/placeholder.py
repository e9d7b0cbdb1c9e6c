"""What a note's rich text may load, and the picture drawn where it may not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QTextDocument

from syntopic.render.resources import OUTSIDE, Blocked, Inline, ResourceGate, inline_bytes

_IMAGE = QTextDocument.ResourceType.ImageResource.value


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def gated_resource(gate: ResourceGate | None, kind: int, url: QUrl | str) -> Any:
    """A QTextBrowser's `loadResource`: images only through the gate, else a placeholder.

    Never returns None, or Qt would read the address itself; style sheets and
    pages named by a note load as nothing.
    """
    address = url if isinstance(url, str) else url.toString()
    if kind != _IMAGE:
        return ""
    if gate is None:
        return blocked_image(Blocked(address, OUTSIDE))
    decision = gate.check(address)
    if isinstance(decision, Blocked):
        return blocked_image(decision)
    data = inline_bytes(decision.url) if isinstance(decision, Inline) else _read(decision.path)
    image = QImage.fromData(data) if data else QImage()
    return image if not image.isNull() else blocked_image(Blocked(address, "not an image"))


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
