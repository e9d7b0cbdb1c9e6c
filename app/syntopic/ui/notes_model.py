"""The navigator's list of notes as a Qt item model over the vault."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from syntopic.core.vault import Vault

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


class NotesModel(QAbstractListModel):
    """One row per note, sorted by title; books marked with their kind."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, str, str, str]] = []  # (title, path, kind, type)

    def set_vault(self, vault: Vault | None) -> None:
        self.beginResetModel()
        if vault is None:
            self._rows = []
        else:
            kinds = vault.graph.nodes
            self._rows = sorted(
                ((n.title, p, kinds[p]["kind"], n.type or "") for p, n in vault.notes.items()),
                key=lambda r: (r[0].lower(), r[1]),
            )
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        title, path, kind, note_type = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{path}\n{note_type or kind}"
        if role == PATH_ROLE:
            return path
        if role == KIND_ROLE:
            return kind
        return None

    def row_of(self, path: str) -> int:
        for i, row in enumerate(self._rows):
            if row[1] == path:
                return i
        return -1
