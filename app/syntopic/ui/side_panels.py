"""The right-hand panels of the open note: its links, outline and properties."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTabWidget, QWidget

from syntopic.search.mentions import Mention
from syntopic.ui.links_panel import LinksPanel
from syntopic.ui.navigator import PATH_ROLE
from syntopic.ui.properties_panel import PropertiesPanel
from syntopic.ui.session import VaultSession
from syntopic.ui.tab_fit import fit_tabs


class SidePanels(QTabWidget):
    """Links (with unlinked mentions once the index is ready), outline, properties.

    Signals:
        note_requested(str, str): a link was clicked; vault path and heading.
        line_requested(int): an outline entry was clicked; the heading's source line.
    """

    note_requested = Signal(str, str)
    line_requested = Signal(int)

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current: str | None = None
        self.setDocumentMode(True)
        fit_tabs(self)
        self.backlinks = LinksPanel()
        self.backlinks.note_requested.connect(self.note_requested)
        self.outline = QListWidget()
        self.outline.itemClicked.connect(self._outline_clicked)
        self.properties = PropertiesPanel()
        self.addTab(self.backlinks, "Links")
        self.addTab(self.outline, "Outline")
        self.addTab(self.properties, "Properties")
        # unlinked mentions need the index: look again once it is ready
        session.search.ready.connect(lambda _message: self.show_note(self.current))

    def show_note(self, path: str | None) -> None:
        """Fill the panels for ``path`` (None: keep what is shown, there is no note)."""
        vault, search = self.session.vault, self.session.search
        self.current = path
        if vault is None or path is None or path not in vault.notes:
            return
        if search.usable:
            self.backlinks.show_note(vault, path, None, "Looking for unlinked mentions…")
            search.find_mentions(path, self._mentions_found)
        else:
            self.backlinks.show_note(vault, path, None)
        self.setTabText(0, f"Links ({self.backlinks.backlink_count})")
        self.properties.show_note(vault.notes[path])
        self.outline.clear()
        for h in vault.notes[path].headings:
            item = QListWidgetItem("    " * (h.level - 1) + h.text)
            item.setData(PATH_ROLE, h.line)
            self.outline.addItem(item)

    def _mentions_found(self, found: tuple[str, list[Mention]]) -> None:
        path, mentions = found
        vault = self.session.vault
        if vault is not None and path == self.current and path in vault.notes:
            self.backlinks.show_note(vault, path, mentions)

    def _outline_clicked(self, item: QListWidgetItem) -> None:
        line = item.data(PATH_ROLE)
        if isinstance(line, int):
            self.line_requested.emit(line)
