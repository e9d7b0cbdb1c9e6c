"""The Compare tab: two to four books side by side across the concepts they share."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from syntopic.core.compare import compare
from syntopic.core.lens import Lenses
from syntopic.core.vault import VaultEvent
from syntopic.render.lens import COMPARE_PAGE, byline, comparison_html, lens_css, page_window
from syntopic.render.note import NoteRenderer
from syntopic.render.perspectives import perspectives_css
from syntopic.ui.gated_browser import GatedBrowser
from syntopic.ui.session import VaultSession
from syntopic.ui.theme import note_css

MAX_BOOKS = 4  # past four, columns get too narrow to read prose
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class CompareView(QSplitter):
    """A checkable list of books on the left, the comparison of those ticked on the right.

    Signals:
        note_requested(str, str): vault path and heading of a clicked link.
    """

    note_requested = Signal(str, str)

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lenses: Lenses | None = None
        self._asked: tuple[str, ...] = ()  # the latest comparison asked for
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(6, 6, 6, 6)
        self.hint = QLabel(f"Tick 2 to {MAX_BOOKS} books to compare.")
        self.hint.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter books…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.books = QListWidget()
        self.books.itemChanged.connect(self._ticked)
        layout.addWidget(self.hint)
        layout.addWidget(self.filter)
        layout.addWidget(self.books)
        self.browser = GatedBrowser(lambda: session.vault.root if session.vault else None)
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(18)
        self.browser.anchorClicked.connect(self._clicked)
        self.addWidget(side)
        self.addWidget(self.browser)
        self.setStretchFactor(1, 1)
        self.setSizes([220, 800])
        self.set_dark(False)
        self._empty()
        session.loaded.connect(self._fill)
        session.changed.connect(self._changed)

    def set_dark(self, dark: bool) -> None:
        css = note_css(dark) + perspectives_css(dark) + lens_css(dark)
        self.browser.document().setDefaultStyleSheet(css)

    # -- the list of books ----------------------------------------------------------
    def _fill(self) -> None:
        vault = self.session.vault
        if vault is None:
            return
        ticked = set(self.chosen())
        self.books.blockSignals(True)
        self.books.clear()
        for book in sorted(vault.books, key=lambda b: b.title.lower()):
            item = QListWidgetItem(book.title)
            item.setToolTip(f"{book.title} — {byline(book)}" if byline(book) else book.title)
            item.setData(PATH_ROLE, book.path)
            item.setCheckState(_state(book.path in ticked))
            self.books.addItem(item)
        self.books.blockSignals(False)
        self._filter(self.filter.text())
        self._compare()

    def _changed(self, event: VaultEvent) -> None:
        if event.books_changed or event.relinked or event.removed:
            self._fill()

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.books.count()):
            item = self.books.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def chosen(self) -> list[str]:
        """The paths of the ticked books, in list order."""
        return [
            str(item.data(PATH_ROLE))
            for item in map(self.books.item, range(self.books.count()))
            if item.checkState() == _state(True)
        ]

    def choose(self, paths: list[str]) -> None:
        """Tick exactly these books (a command or another view asks to compare them)."""
        wanted = set(paths[:MAX_BOOKS])
        self.books.blockSignals(True)
        for item in map(self.books.item, range(self.books.count())):
            item.setCheckState(_state(item.data(PATH_ROLE) in wanted))
        self.books.blockSignals(False)
        self._compare()

    def start_from(self, path: str) -> None:
        """Coming to this tab from a book: tick it, if nothing is ticked yet."""
        vault = self.session.vault
        if vault is not None and path in vault.books and not self.chosen():
            self.choose([path])

    def _ticked(self, item: QListWidgetItem) -> None:
        if item.checkState() == _state(True) and len(self.chosen()) > MAX_BOOKS:
            self.books.blockSignals(True)
            item.setCheckState(_state(False))  # a fifth column would be too narrow to read
            self.books.blockSignals(False)
            self.hint.setText(f"At most {MAX_BOOKS} books side by side: untick one first.")
            return
        self.hint.setText(f"Tick 2 to {MAX_BOOKS} books to compare.")
        self._compare()

    # -- the comparison -------------------------------------------------------------
    def _compare(self, page: int = 0) -> None:
        vault = self.session.vault
        paths = tuple(self.chosen())
        self._asked = paths
        if vault is None or len(paths) < 2:
            self._empty()
            return
        books = [b for b in map(vault.books.get, paths) if b is not None]
        if self.lenses is None or self.lenses.vault is not vault:
            self.lenses = Lenses(vault)
        lenses = self.lenses

        def make() -> str:
            comparison = compare(lenses, books, page_window(page, COMPARE_PAGE))
            return comparison_html(comparison, NoteRenderer(vault), page)

        def done(html: str) -> None:
            if self._asked == paths and self.session.vault is vault:
                self.browser.setHtml(html)

        self.session.in_background(make, done)

    def _empty(self) -> None:
        self.browser.setHtml(
            '<p class="lens-empty">Choose two to four books on the left: each gets a column, '
            "each concept two or more of them speak to gets a row, with where they disagree "
            "under it; the concepts only one of them covers come last.</p>"
        )

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "note":
            self.note_requested.emit(url.path(), url.fragment())
        elif url.scheme() == "page":
            self._compare(int(url.path()))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def _state(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
