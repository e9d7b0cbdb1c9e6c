"""The status bar's progress: the vault being opened, then its search index being built."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from syntopic.ui.session import VaultSession

WIDTH = 220


class SessionProgress(QProgressBar):
    """Follows the session's load and index build; hidden while neither runs."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setMaximumWidth(WIDTH)
        self.setTextVisible(True)
        self.hide()
        session.progress.connect(self._loading)
        session.opened.connect(lambda _vault, _summary: self.hide())
        session.load_failed.connect(lambda _message: self.hide())
        session.search.progress.connect(self._indexing)
        session.search.ready.connect(lambda _message: self.hide())

    def busy(self) -> None:
        """A load has begun: no count yet."""
        self.setRange(0, 0)
        self.show()

    def _loading(self, phase: str, done: int, total: int) -> None:
        if total:
            self.setRange(0, total)
            self.setValue(done)
            self.setFormat(f"{phase} %v/%m")
        else:
            self.setRange(0, 0)

    def _indexing(self, done: int, total: int) -> None:
        if self.session.vault is None:
            return
        self.setRange(0, max(total, 1))
        self.setValue(done)
        self.setFormat("Indexing %v/%m")
        self.show()
