"""The Matrix tab: which books speak to which concepts, and how much."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from syntopic.core.books import Matrix, perspective_matrix
from syntopic.core.catalog import note_type
from syntopic.core.matrix import by_coverage
from syntopic.core.vault import Vault
from syntopic.render.lens import cell_html, lens_css
from syntopic.ui.gated_browser import GatedBrowser
from syntopic.ui.theme import note_css

Index = QModelIndex | QPersistentModelIndex
GAP_COLOUR = "#f3c96b"  # amber, as unwritten links are: something still to write
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def sorted_matrix(vault: Vault) -> tuple[Matrix, dict[str, str]]:
    """The matrix with concepts and books by title, as a reader looks them up, and the
    concepts' titles (a walk of every perspective edge: 0.4 s at 100,000 notes)."""
    matrix = perspective_matrix(vault.graph, vault.books)
    titles = {p: vault.notes[p].title for p in matrix.concepts if p in vault.notes}
    concepts = sorted(matrix.concepts, key=lambda p: (titles.get(p) or p).lower())
    books = sorted(matrix.books, key=lambda b: b.title.lower())
    return Matrix(tuple(concepts), tuple(books), matrix.counts), titles


class MatrixModel(QAbstractTableModel):
    """Concepts as rows, books as columns, blocks of perspective in each cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = Matrix((), (), {})
        self.by_title = self.matrix  # as `sorted_matrix` gave it
        self.titles: dict[str, str] = {}
        self.peak = 1
        self.coverage = False  # most-covered concepts and books first
        self.gaps = False  # empty cells marked as gaps to fill

    def show_matrix(self, shown: tuple[Matrix, dict[str, str]]) -> None:
        """Show a matrix from `sorted_matrix` (made off the UI thread for a big vault)."""
        self.beginResetModel()
        self.by_title, self.titles = shown
        self.matrix = by_coverage(self.by_title) if self.coverage else self.by_title
        self.peak = max(self.matrix.counts.values(), default=1)
        self.endResetModel()

    def set_coverage(self, on: bool) -> None:
        self.coverage = on
        self.show_matrix((self.by_title, self.titles))

    def set_gaps(self, on: bool) -> None:
        self.gaps = on
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix.concepts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix.books)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        concept = self.matrix.concepts[index.row()]
        book = self.matrix.books[index.column()]
        count = self.matrix.count(concept, book.path)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and count:
            highlight = QPalette().color(QPalette.ColorRole.Highlight)
            shade = QColor(highlight)
            shade.setAlphaF(0.25 + 0.5 * count / self.peak)
            return shade
        if role == Qt.ItemDataRole.BackgroundRole and self.gaps:
            return QColor(GAP_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self.titles.get(concept, concept)
            if not count:
                if self.gaps:
                    return f"Gap: {book.title} has not been brought to {title}"
                return f"{book.title} says nothing about {title}"
            blocks = "1 block" if count == 1 else f"{count} blocks"
            return f"{book.title} on {title}: {blocks}"
        if role == PATH_ROLE:
            return concept
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            if horizontal:  # short enough for ten columns at 1280 px; the tooltip has it all
                return short_title(self.matrix.books[section].title)
            concept = self.matrix.concepts[section]
            return self.titles.get(concept, concept)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            book = self.matrix.books[section]
            concepts = len(self.matrix.concepts_of(book.path))
            return f"{book.title} — {book.author or 'author unknown'}: {concepts} concepts"
        return None


def short_title(title: str, limit: int = 18) -> str:
    """A book title cut at a word to about ``limit`` characters ("Influence: The Psych…")."""
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0] if " " in title[:limit] else title[:limit]
    return cut.rstrip(" :,;—-") + "…"


def rows_summary(vault: Vault | None, rows: tuple[str, ...]) -> str:
    """The rows counted by kind, the navigator's and the legend's way: "17 concepts,
    3 frameworks" (a framework with a perspectives section is a row, not a concept)."""
    notes = vault.notes if vault is not None else {}
    kinds = Counter(note_type(notes[p]) if p in notes else "concept" for p in rows)
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds.most_common()]
    return ", ".join(parts) if parts else "0 concepts"


class MatrixView(QWidget):
    """The matrix with a one-line explanation above it.

    Signals:
        concept_requested(str): a concept's row or one of its cells was activated.
        book_requested(str): a book's column header was clicked.
    """

    concept_requested = Signal(str)
    book_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MatrixModel(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # fixed widths: sizing to contents would ask every cell (concepts x books) for its text
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(112)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._book_clicked)
        self.table.verticalHeader().sectionClicked.connect(self._concept_clicked)
        self.table.activated.connect(lambda index: self._concept_clicked(index.row()))
        self.table.doubleClicked.connect(lambda index: self._concept_clicked(index.row()))
        self.table.clicked.connect(self._cell_clicked)
        self.coverage = QCheckBox("Most covered first")
        self.coverage.setToolTip(
            "Concepts most books speak to, and books with most concepts, first"
        )
        self.coverage.toggled.connect(self.model.set_coverage)
        self.gaps = QCheckBox("Show gaps")
        self.gaps.setToolTip("Mark the concepts each book has not been brought to yet")
        self.gaps.toggled.connect(self.model.set_gaps)
        self.vault: Vault | None = None
        self.cell = GatedBrowser(lambda: self.vault.root if self.vault else None)
        self.cell.setOpenLinks(False)
        self.cell.anchorClicked.connect(self._link_clicked)
        self.set_dark(False)
        self.cell.setPlaceholderText("Click a cell to read what that book says about that concept.")
        toggles = QHBoxLayout()
        toggles.addWidget(self.coverage)
        toggles.addWidget(self.gaps)
        toggles.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.cell)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addLayout(toggles)
        layout.addWidget(split)

    def show_matrix(self, shown: tuple[Matrix, dict[str, str]], vault: Vault | None = None) -> None:
        """Show a matrix from `sorted_matrix` of ``vault`` (whose blocks a click shows)."""
        self.vault = vault
        self.cell.clear()
        self.model.show_matrix(shown)
        matrix = self.model.matrix
        if not matrix.books:
            self.summary.setText(
                "No books yet: give a note `type: book` (or put it in a Books/ folder) and "
                "name it in a concept's perspectives section."
            )
        else:
            self.summary.setText(
                f"{rows_summary(vault, matrix.concepts)} × {len(matrix.books)} books. "
                "Each cell counts the blocks in which a book speaks to a concept; "
                "click a cell for what the book says there, double-click a row for all "
                "its perspectives, click a book to open it."
            )

    def _concept_clicked(self, row: int) -> None:
        if 0 <= row < len(self.model.matrix.concepts):
            self.concept_requested.emit(self.model.matrix.concepts[row])

    def set_dark(self, dark: bool) -> None:
        self.cell.document().setDefaultStyleSheet(note_css(dark) + lens_css(dark))

    def _cell_clicked(self, index: QModelIndex) -> None:
        matrix, vault = self.model.matrix, self.vault
        if vault is None or not index.isValid():
            return
        concept, book = matrix.concepts[index.row()], matrix.books[index.column()]
        if concept in vault.notes:
            self.cell.setHtml(cell_html(vault, book, concept))

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "note":
            self.concept_requested.emit(url.path())

    def _book_clicked(self, column: int) -> None:
        if 0 <= column < len(self.model.matrix.books):
            self.book_requested.emit(self.model.matrix.books[column].path)
