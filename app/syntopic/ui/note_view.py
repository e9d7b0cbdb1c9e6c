"""The rendered note: a QTextBrowser that loads nothing from the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.render.resources import OUTSIDE, Blocked, Inline, ResourceGate, inline_bytes
from syntopic.ui.placeholder import blocked_image
from syntopic.ui.theme import note_css


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


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
        self.gate: ResourceGate | None = None

    @property
    def vault_root(self) -> str | None:
        return self.gate.root if self.gate else None

    @vault_root.setter
    def vault_root(self, root: str | None) -> None:
        self.gate = ResourceGate(root) if root else None

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Only files inside the open vault (or Syntopic's own) are ever read: no network.

        Never returns None: Qt would then read the address itself.
        """
        address = url if isinstance(url, str) else url.toString()
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return ""  # style sheets, pages: notes bring none of their own
        if self.gate is None:
            return blocked_image(Blocked(address, OUTSIDE))
        decision = self.gate.check(address)
        if isinstance(decision, Blocked):
            return blocked_image(decision)
        data = inline_bytes(decision.url) if isinstance(decision, Inline) else _read(decision.path)
        image = QImage.fromData(data) if data else QImage()
        return image if not image.isNull() else blocked_image(Blocked(address, "not an image"))

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
