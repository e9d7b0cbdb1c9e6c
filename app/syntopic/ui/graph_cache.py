"""The graph's still layers rendered once into an image larger than the view."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

MARGIN = 0.5  # of the view's width and height, on every side
ZOOM_RANGE = (0.6, 1.7)  # the image may be stretched this far before it is redrawn


class BaseCache:
    """Panning blits the image; zooming stretches it until the view settles.

    Redrawing 20,000 edges costs tens of milliseconds; copying an image costs
    one or two, so a frame while panning is nearly free.
    """

    def __init__(self) -> None:
        self.image: QImage | None = None
        self.scale = 1.0
        self.offset = QPointF()
        self.key: Hashable = None
        self.renders = 0

    def invalidate(self) -> None:
        self.image = None

    def fits(self, scale: float, offset: QPointF, size: QSize, key: Hashable) -> bool:
        """True if the image can show this view: same content, close zoom, covers it."""
        image = self.image
        if image is None or key != self.key:
            return False
        k = scale / self.scale
        if not ZOOM_RANGE[0] <= k <= ZOOM_RANGE[1]:
            return False
        mx, my = size.width() * MARGIN, size.height() * MARGIN
        left = (0 - offset.x()) / k + self.offset.x() + mx
        top = (0 - offset.y()) / k + self.offset.y() + my
        right = left + size.width() / k
        bottom = top + size.height() / k
        return left >= 0 and top >= 0 and right <= image.width() and bottom <= image.height()

    def exact(self, scale: float) -> bool:
        return self.image is not None and scale == self.scale

    def draw(self, p: QPainter, scale: float, offset: QPointF, size: QSize) -> None:
        assert self.image is not None
        k = scale / self.scale
        mx, my = size.width() * MARGIN, size.height() * MARGIN
        p.save()
        p.setTransform(
            QTransform(
                k,
                0,
                0,
                k,
                offset.x() - (self.offset.x() + mx) * k,
                offset.y() - (self.offset.y() + my) * k,
            )
        )
        p.drawImage(0, 0, self.image)
        p.restore()

    def render(
        self,
        size: QSize,
        scale: float,
        offset: QPointF,
        key: Hashable,
        background: QColor,
        paint: Callable[[QPainter], None],
    ) -> None:
        """Draw with ``paint`` (given a painter in world coordinates) into a new image."""
        mx, my = round(size.width() * MARGIN), round(size.height() * MARGIN)
        image = QImage(
            size.width() + 2 * mx, size.height() + 2 * my, QImage.Format.Format_ARGB32_Premultiplied
        )
        image.fill(background)
        p = QPainter(image)
        try:
            p.setTransform(QTransform(scale, 0, 0, scale, offset.x() + mx, offset.y() + my))
            paint(p)
        finally:
            p.end()
        self.image, self.scale, self.offset, self.key = image, scale, QPointF(offset), key
        self.renders += 1
