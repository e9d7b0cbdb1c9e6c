"""The window's three columns: left panel, centre tabs, right panel; the sides fold away."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtWidgets import QSplitter, QWidget

PANEL_MIN = 200  # px: names of 25-odd characters stay whole in a side panel
RIGHT_MIN = 240  # px: and its three tabs ("Links (47)", "Outline", "Properties") whole
START = (260, 720, 300)  # at the 1280 px a new window opens with
STRETCH = (1, 3, 1)  # a narrower window takes from every column, the centre most
LEFT, CENTRE, RIGHT = 0, 1, 2


class PanelSplitter(QSplitter):
    """Either side panel keeps its minimum width or folds away entirely (dragged to the edge,
    or by `set_shown`); the centre never folds.

    Signals:
        panels_changed(): a side panel was folded away or brought back.
    """

    panels_changed = Signal()

    def __init__(self, left: QWidget, centre: QWidget, right: QWidget) -> None:
        super().__init__()
        for index, widget in enumerate((left, centre, right)):
            self.addWidget(widget)
            self.setStretchFactor(index, STRETCH[index])
        left.setMinimumWidth(PANEL_MIN)
        right.setMinimumWidth(RIGHT_MIN)
        self.setCollapsible(CENTRE, False)
        self.setSizes(list(START))
        self._width = {LEFT: START[LEFT], RIGHT: START[RIGHT]}  # to come back at
        self._least = {LEFT: PANEL_MIN, RIGHT: RIGHT_MIN}
        self._was = (True, True)
        self.splitterMoved.connect(lambda _pos, _index: self._note_change())

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        """Widths from a last run; a panel folded away then stays so, and says so."""
        done = super().restoreState(state)
        self._note_change()
        return done

    def is_shown(self, index: int) -> bool:
        return self.sizes()[index] > 0

    def set_shown(self, index: int, show: bool) -> None:
        """Fold the side panel ``index`` (LEFT or RIGHT) away, or bring it back as wide as
        it was."""
        sizes = self.sizes()
        if show == (sizes[index] > 0):
            return
        if show:
            width = max(self._least[index], self._width[index])
            sizes[CENTRE] -= width
            sizes[index] = width
        else:
            self._width[index] = sizes[index]
            sizes[CENTRE] += sizes[index]
            sizes[index] = 0
        self.setSizes(sizes)
        self._note_change()

    def toggle(self, index: int) -> None:
        self.set_shown(index, not self.is_shown(index))

    def _note_change(self) -> None:
        sizes = self.sizes()
        for index in (LEFT, RIGHT):
            if sizes[index] > 0:
                self._width[index] = sizes[index]
        now = (sizes[LEFT] > 0, sizes[RIGHT] > 0)
        if now != self._was:
            self._was = now
            self.panels_changed.emit()
