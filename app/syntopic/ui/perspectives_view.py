"""The Perspectives tab: each book's view of the open concept, in columns."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.core.vault import Vault
from syntopic.render.perspectives import (
    MAX_COLUMNS,
    perspectives_css,
    vault_perspectives_html,
)
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self._clicked)
        self.dark = False
        self.path: str | None = None
        self.vault: Vault | None = None
        self.columns = MAX_COLUMNS
        self.set_dark(False)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.document().setDefaultStyleSheet(note_css(dark) + perspectives_css(dark))

    def show_concept(self, vault: Vault, path: str) -> None:
        """Render the concept at ``path``; keeps the scroll position on a re-render."""
        bar = self.verticalScrollBar()
        position = bar.value() if path == self.path else 0
        count = len(vault.perspectives(path).perspectives)
        self.columns = self._fitting_columns()
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
        if path in vault.notes:
            self.show_concept(vault, path)

    def clear_concept(self, message: str) -> None:
        self.path = None
        self.setHtml(f'<p class="empty">{html.escape(message)}</p>')
        self.count_changed.emit(0)

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "note":
            self.note_requested.emit(url.path(), url.fragment())
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
