"""The quick switcher (Ctrl+O): jump to any note by typing part of its name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from syntopic.core.fuzzy import Match, rank
from syntopic.core.model import ParsedNote
from syntopic.core.vault import Vault
from syntopic.ui.workers import Latest, serve

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
RANK_HERE = 5000  # up to this many titles and aliases, ranking runs on the UI thread
SHOWN = 100


class Ranker:
    """One worker that ranks the latest query only: typing into 100,000 titles asks
    faster than they can be ranked (0.4 s a query), and only the last one counts.

    ``deliver(generation, matches)`` is called on the UI thread.
    """

    def __init__(
        self,
        make_entries: Callable[[], list[tuple[str, str]]],
        deliver: Callable[[int, list[Match]], None],
    ) -> None:
        self.make_entries: Callable[[], list[tuple[str, str]]] | None = make_entries
        self.entries: list[tuple[str, str]] = []
        self._mailbox: Latest[tuple[int, str]] = Latest()
        # bulk: short-lived or frozen after, no collector passes over 200,000 fresh tuples
        self.worker = serve(self._mailbox, self._rank, bulk=True, name="syntopic-switcher")
        self.worker.yielded.connect(lambda ranked: deliver(*ranked))
        self.worker.start()

    def ask(self, generation: int, text: str) -> None:
        self._mailbox.put((generation, text))

    def close(self) -> None:
        """Stop; a ranking under way finishes on its own and delivers nothing (no wait
        here: closing the switcher must not hang on 0.4 s of ranking)."""
        self.worker.quit()

    def running(self) -> bool:
        return self.worker.running

    def _rank(self, query: tuple[int, str]) -> tuple[int, list[Match]]:
        if self.make_entries is not None:  # what is ranked is made where it is ranked
            self.entries, self.make_entries = self.make_entries(), None
        generation, text = query
        return generation, rank(text, self.entries, limit=SHOWN)


def entries(notes: list[tuple[str, ParsedNote]]) -> list[tuple[str, str]]:
    """What the switcher ranks: every title and alias, with the note's path."""
    out = [(p, n.title) for p, n in notes]
    out += [(p, a) for p, n in notes for a in n.aliases]
    return out


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
        notes = list(vault.notes.items())  # a copy: live edits may change the vault
        # what is ranked is made where it is ranked: 0.15 s of lists at 100,000 notes
        self.entries: list[tuple[str, str]] = [] if len(notes) > RANK_HERE else entries(notes)
        self.notes = vault.notes  # titles and folders of the results shown
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
        self._generation = 0
        self._ranker: Ranker | None = None
        if len(notes) > RANK_HERE:
            self._ranker = Ranker(lambda: entries(notes), self._show)
            self.finished.connect(lambda _result: self.stop())
        self.refresh("")

    def stop(self) -> None:
        """End the ranker's thread (the dialog closes)."""
        if self._ranker is not None:
            self._ranker.close()
            self._ranker = None

    def refresh(self, text: str) -> None:
        self._generation += 1
        if self._ranker is None:
            self._show(self._generation, rank(text, self.entries, limit=SHOWN))
        else:
            self._ranker.ask(self._generation, text)

    def _show(self, generation: int, matches: list[Match]) -> None:
        if generation != self._generation:
            return  # the text changed since: its results are on their way
        self.results.clear()
        for match in matches:
            note = self.notes.get(match.path)
            if note is None:
                continue  # deleted meanwhile
            shown = note.title if match.label == note.title else f"{match.label}  →  {note.title}"
            item = QListWidgetItem(f"{shown}    {note.folder}" if note.folder else shown)
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
