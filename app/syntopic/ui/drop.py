"""Drop a vault folder or a note file on the window to open it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject

from syntopic.core.locate import locate_note

if TYPE_CHECKING:
    from syntopic.ui.window import MainWindow


def drop_target(mime: QMimeData) -> tuple[str, str | None] | None:
    """(vault folder, note path in it or None) for the first dropped folder or `.md` file."""
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            return os.path.abspath(path), None
        try:
            root, rel = locate_note(path)
        except ValueError:
            continue
        return str(root), rel
    return None


class DropOpener(QObject):
    """Accepts a dragged folder or note anywhere on ``window`` (where no child takes
    the drop itself) and opens it: a folder as the vault, a note in its vault."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending: str | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.vault_loaded.connect(self._open_pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            mime = event.mimeData()  # type: ignore[attr-defined]
            target = drop_target(mime) if isinstance(mime, QMimeData) else None
            if target is None:
                event.ignore()
                return True
            event.acceptProposedAction()  # type: ignore[attr-defined]
            if kind == QEvent.Type.Drop:
                self.open(*target)
            return True
        return super().eventFilter(watched, event)

    def open(self, root: str, note: str | None) -> None:
        vault = self.window.vault
        if vault is not None and os.path.samefile(vault.root, root):
            if note is not None:
                self.window.open_note(note)
            return
        if self.window.session.loading:
            self.window.statusBar().showMessage(
                "Still opening a vault; drop it again in a moment", 5000
            )
            return
        self._pending = note
        self.window.load_vault(root)

    def _open_pending(self) -> None:
        note, self._pending = self._pending, None
        if note is not None:
            self.window.open_note(note)
