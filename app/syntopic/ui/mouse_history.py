"""The mouse's back and forward buttons, taken from views that would keep them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView


class MouseHistoryButtons(QObject):
    """Calls ``back()`` or ``forward()`` for those mouse buttons pressed over an item view.

    Most widgets leave the two buttons alone and the press reaches the window;
    item views select on any button and keep it. Watching only those views'
    viewports matters: an application-wide filter calls into Python for every
    event of every widget, each call waiting for the GIL while a worker runs.
    """

    def __init__(
        self, back: Callable[[], None], forward: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.back = back
        self.forward = forward

    def watch(self, view: QAbstractItemView) -> None:
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        return False
