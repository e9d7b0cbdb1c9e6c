"""The Properties tab: a note's front matter as a table of names and values."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from syntopic.core.model import ParsedNote


def display(value: Any) -> str:
    """A property value as one line: lists joined, nested maps flattened."""
    if isinstance(value, list | tuple):
        return ", ".join(display(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {display(v)}" for k, v in value.items())
    if value is None:
        return ""
    return str(value)


def rows(note: ParsedNote) -> list[tuple[str, str]]:
    """What the panel lists: the fields Syntopic reads first, then every other property."""
    out = [("title", note.title), ("type", note.type or "")]
    out += [("aliases", ", ".join(note.aliases)), ("tags", ", ".join("#" + t for t in note.tags))]
    out = [(k, v) for k, v in out if v]
    known = {"title", "type", "aliases", "alias", "tags", "tag"}
    out += [(k, display(v)) for k, v in note.properties.items() if k not in known]
    out.append(("path", note.path))
    return out


class PropertiesPanel(QTableWidget):
    """Name / value rows for the open note; read-only (the vault is the author's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Property", "Value"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)

    def show_note(self, note: ParsedNote) -> None:
        listed = rows(note)
        self.setRowCount(len(listed))
        for i, (name, value) in enumerate(listed):
            self.setItem(i, 0, QTableWidgetItem(name))
            cell = QTableWidgetItem(value)
            cell.setToolTip(value)
            self.setItem(i, 1, cell)
        self.resizeRowsToContents()
