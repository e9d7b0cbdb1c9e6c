"""File > New Note: title, template and folder; written by `core.newnote`, never over a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from syntopic.core.newnote import NoteExists, create_note, safe_file_name
from syntopic.core.vault import Vault

TEMPLATES = (("concept", "Concept"), ("book", "Book"))


class NewNoteDialog(QDialog):
    """Asks, then writes the note; a refusal (name taken, unsafe folder) is shown in
    the dialog, which stays open so the title can be changed.

    Signals:
        created(str): the vault path of the note written.
    """

    created = Signal(str)

    def __init__(self, vault: Vault, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle("New Note")
        self.title = QLineEdit()
        self.title.setPlaceholderText("Title of the note")
        self.template = QComboBox()
        for key, label in TEMPLATES:
            self.template.addItem(label, key)
        self.folder = QComboBox()
        self.folder.setEditable(True)
        folders = sorted({n.folder for n in vault.notes.values()} | {""})
        self.folder.addItems(folders)
        self.folder.setCurrentText(folder)
        self.file_name = QLabel("")
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d1242f")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create")
        buttons.accepted.connect(self.write_note)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Template", self.template)
        form.addRow("Folder", self.folder)
        form.addRow("File", self.file_name)
        form.addRow(self.error)
        form.addRow(buttons)
        self.title.textChanged.connect(self._preview)
        self.folder.currentTextChanged.connect(self._preview)
        self._preview()
        self.resize(420, self.sizeHint().height())

    def _preview(self) -> None:
        self.error.setText("")
        text = self.title.text().strip()
        try:
            name = safe_file_name(text) if text else ""
        except ValueError:
            name = ""
        folder = self.folder.currentText().strip().strip("/")
        self.file_name.setText(
            f"{folder}/{name}.md" if folder and name else f"{name}.md" * bool(name)
        )
        self.ok.setEnabled(bool(name))

    def write_note(self) -> str | None:
        """Write the note; its vault path, or None (the reason shown in the dialog)."""
        title = self.title.text().strip()
        if not title:
            return None
        try:
            written = create_note(
                self.vault.root,
                title,
                str(self.template.currentData()),
                folder=self.folder.currentText().strip(),
                known=self.vault.notes,
            )
        except NoteExists as exc:
            self.error.setText(f"Not created: {exc}.")
            return None
        except (OSError, ValueError) as exc:
            self.error.setText(f"Cannot create the note: {exc}.")
            return None
        rel = written.relative_to(Path(self.vault.root).resolve()).as_posix()
        self.created.emit(rel)
        self.accept()
        return rel
