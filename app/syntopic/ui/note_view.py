"""The rendered note: a QTextBrowser that loads nothing from the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.ui.theme import note_css


class NoteView(QTextBrowser):
    """Shows note HTML; internal links become signals, external open on click.

    Signals:
        note_requested(str, str): vault path and heading (may be empty).
        ghost_requested(str): the target of an unresolved link.
    """

    note_requested = Signal(str, str)
    ghost_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(note_css(dark=False))
        self.document().setDocumentMargin(24)
        self.anchorClicked.connect(self._clicked)
        self.vault_root: str | None = None

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Only files inside the open vault are ever loaded: no network, ever."""
        qurl = QUrl(url) if isinstance(url, str) else url
        if kind == QTextDocument.ResourceType.ImageResource.value and qurl.isLocalFile():
            path = Path(qurl.toLocalFile()).resolve()
            root = Path(self.vault_root).resolve() if self.vault_root else None
            if root is not None and (root == path or root in path.parents):
                return super().loadResource(kind, qurl)
        return None

    def _clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "note":
            self.note_requested.emit(url.path(), url.fragment())
        elif scheme == "ghost":
            self.ghost_requested.emit(url.path())
        elif scheme in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif not scheme and url.fragment():
            self.scrollToAnchor(url.fragment())
