"""A rich-text pane showing note text that loads images only through the vault's gate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.render.resources import ResourceGate
from syntopic.ui.placeholder import gated_resource


class GatedBrowser(QTextBrowser):
    """A QTextBrowser for panes that show what notes say (compare, a matrix cell).

    A plain QTextBrowser reads any file a note names (``<img src="/etc/passwd">``);
    this one asks the note view's gate, for the vault ``root()`` names (None: no
    vault, so nothing is read), and draws a placeholder where it may not read.
    """

    def __init__(self, root: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._root = root

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        root = self._root()
        return gated_resource(ResourceGate(root) if root else None, kind, url)
