"""The quick switcher (Ctrl+O): jump to any note by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from syntopic.core.fuzzy import rank
from syntopic.core.vault import Vault

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class QuickSwitcher(QDialog):
    """A popup over titles and aliases, ranked as you type.

    Signals:
        chosen(str): the vault path of the note picked.
    """

    chosen = Signal(str)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Note")
        self.setModal(True)
        self.resize(560, 420)
        self.entries = [(p, n.title) for p, n in vault.notes.items()]
        self.entries += [(p, a) for p, n in vault.notes.items() for a in n.aliases]
        self.folders = {p: n.folder for p, n in vault.notes.items()}
        self.titles = {p: n.title for p, n in vault.notes.items()}
        self.edit = QLineEdit(placeholderText="Type a title or alias…")
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self.accept_current)
        self.results.itemActivated.connect(lambda _item: self.accept_current())
        self.edit.installEventFilter(self)
        self.refresh("")

    def refresh(self, text: str) -> None:
        self.results.clear()
        for match in rank(text, self.entries, limit=100):
            title = self.titles[match.path]
            shown = title if match.label == title else f"{match.label}  →  {title}"
            folder = self.folders[match.path]
            item = QListWidgetItem(f"{shown}    {folder}" if folder else shown)
            item.setData(PATH_ROLE, match.path)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def accept_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self.chosen.emit(item.data(PATH_ROLE))
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # arrow keys move through results while typing stays in the box
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = (self.results.currentRow() + step) % self.results.count()
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)
