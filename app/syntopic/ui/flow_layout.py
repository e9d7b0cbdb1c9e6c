"""A layout that lays widgets out in rows and wraps them when the width runs out."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping onto as many rows as the width needs.

    `add_break` ends a row even when the next item would fit, so related
    controls start together on a wide window. Items whose widget expands
    horizontally share the room left over on their row. The minimum width is
    the widest single item: a toolbar made of this never holds a window wide.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._breaks: set[int] = set()  # an item index that starts a new row
        self._spacing = spacing
        self._row_spacing = 2

    # -- QLayout's part ------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._breaks = {b - (b > index) for b in self._breaks if b != index}
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Every row side by side at its natural size (what a wide window shows)."""
        rows = self._rows(None)
        width = max((self._row_width(r, hint=True) for r in rows), default=0)
        height = sum(self._row_height(r) for r in rows) + self._row_spacing * max(0, len(rows) - 1)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # -- ours --------------------------------------------------------------------------
    def add_widget(self, widget: QWidget) -> None:
        self.addWidget(widget)

    def add_break(self) -> None:
        """The next item starts a row of its own."""
        self._breaks.add(len(self._items))

    def set_row_spacing(self, spacing: int) -> None:
        self._row_spacing = spacing

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _rows(self, width: int | None) -> list[list[QLayoutItem]]:
        """Items by row: a new row at each break, and (given a width) wherever the next
        item would not fit."""
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            need = item.sizeHint().width()
            row = rows[-1]
            start_new = index in self._breaks or (
                width is not None and row and used + self._spacing + need > width
            )
            if row and start_new:
                rows.append([])
                used = 0
            if rows[-1]:
                used += self._spacing
            rows[-1].append(item)
            used += need
        return [r for r in rows if r]

    def _row_width(self, row: list[QLayoutItem], *, hint: bool) -> int:
        sizes = [(i.sizeHint() if hint else i.minimumSize()).width() for i in row]
        return sum(sizes) + self._spacing * max(0, len(row) - 1)

    @staticmethod
    def _row_height(row: list[QLayoutItem]) -> int:
        return max(i.sizeHint().height() for i in row)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (``move``: else only measure); the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        y = area.y()
        rows = self._rows(max(1, area.width()))
        for n, row in enumerate(rows):
            height = self._row_height(row)
            if move:
                self._place_row(row, area.x(), y, area.width(), height)
            y += height + (self._row_spacing if n < len(rows) - 1 else 0)
        margins: QMargins = self.contentsMargins()
        return y - rect.y() + margins.bottom()

    def _place_row(self, row: list[QLayoutItem], x: int, y: int, width: int, height: int) -> None:
        widths = [max(i.minimumSize().width(), i.sizeHint().width()) for i in row]
        spare = width - sum(widths) - self._spacing * (len(row) - 1)
        growing = [k for k, i in enumerate(row) if _expands(i)]
        if spare > 0 and growing:
            share, extra = divmod(spare, len(growing))
            for n, k in enumerate(growing):
                widths[k] += share + (1 if n < extra else 0)
        elif spare < 0:  # one item wider than the row: it gets what there is
            widths = [
                max(i.minimumSize().width(), w + spare) for i, w in zip(row, widths, strict=True)
            ]
        for item, w in zip(row, widths, strict=True):
            h = min(height, item.sizeHint().height())
            item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
            x += w + self._spacing


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    horizontal = Qt.Orientation.Horizontal
    return widget is not None and bool(widget.sizePolicy().expandingDirections() & horizontal)
