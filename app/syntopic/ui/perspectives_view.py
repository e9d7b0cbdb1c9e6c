"""The Perspectives tab: each book's view of the open concept, in columns."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.core.lens import lens_books
from syntopic.core.vault import Vault
from syntopic.render.lens import lens_css
from syntopic.render.perspectives import (
    MAX_COLUMNS,
    perspectives_css,
    vault_perspectives_html,
)
from syntopic.render.resources import ResourceGate
from syntopic.ui.book_lens_view import BookLens
from syntopic.ui.placeholder import gated_resource
from syntopic.ui.tasks import Background, run_here
from syntopic.ui.theme import note_css

COLUMN_MIN_PX = 240


class PerspectivesView(QTextBrowser):
    """Side-by-side columns, one per book, with the tensions underneath.

    Signals:
        note_requested(str, str): vault path and heading of a clicked link.
        count_changed(int): how many voices the shown concept has.
    """

    note_requested = Signal(str, str)
    count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, background: Background | None = None) -> None:
        super().__init__(parent)
        self.lens_view = BookLens(self, background or run_here)
        self.setOpenLinks(False)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self._clicked)
        self.dark = False
        self.path: str | None = None
        self.vault: Vault | None = None
        self.columns = MAX_COLUMNS
        self.set_dark(False)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """The note view's rule: only files inside the vault, never the network."""
        return gated_resource(ResourceGate(self.vault.root) if self.vault else None, kind, url)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.document().setDefaultStyleSheet(
            note_css(dark) + perspectives_css(dark) + lens_css(dark)
        )

    def show_concept(self, vault: Vault, path: str) -> None:
        """Render the concept at ``path``; keeps the scroll position on a re-render.

        A book note (or a person's) shows its lens instead: made off the UI
        thread, as a big book speaks to hundreds of concepts.
        """
        books = lens_books(vault, path)
        if books is not None:
            self.lens_view.show(vault, path, books)
            return
        self.lens_view.cancel()
        bar = self.verticalScrollBar()
        position = bar.value() if path == self.path else 0
        count = len(vault.perspectives(path).perspectives)
        self.columns = self._fitting_columns()
        self.vault = vault  # before the page: its images are read through the vault's gate
        self.setHtml(vault_perspectives_html(vault, path, max_columns=self.columns))
        self.path, self.vault = path, vault
        bar.setValue(position)
        self.count_changed.emit(count)

    def _fitting_columns(self) -> int:
        """As many columns in a row as leave each about 240 px (30-odd characters) of text."""
        return max(1, min(MAX_COLUMNS, self.viewport().width() // COLUMN_MIN_PX))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        vault, path = self.vault, self.path
        if self._fitting_columns() == self.columns or path is None or vault is None:
            return
        if path in vault.notes and lens_books(vault, path) is None:
            self.show_concept(vault, path)

    def clear_concept(self, message: str) -> None:
        self.lens_view.cancel()
        self.path = None
        self.setHtml(f'<p class="empty">{html.escape(message)}</p>')
        self.count_changed.emit(0)

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "note":
            self.note_requested.emit(url.path(), url.fragment())
        elif url.scheme() == "page":
            self.lens_view.turn(int(url.path()))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
