"""The centre tabs: the note, its perspectives, the matrix and the graph, each built when seen."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from syntopic.core.books import Matrix
from syntopic.core.overview import Overview
from syntopic.core.vault import Vault, VaultEvent
from syntopic.ui.book_lens_view import perspectives_count
from syntopic.ui.compare_view import CompareView
from syntopic.ui.graph_view import GraphPanel
from syntopic.ui.matrix_view import MatrixView, sorted_matrix
from syntopic.ui.note_view import NoteView
from syntopic.ui.perspectives_view import PerspectivesView
from syntopic.ui.session import VaultSession
from syntopic.ui.tab_fit import fit_tabs

VIEWS = ("note", "perspectives", "matrix", "graph", "compare")


class CentreTabs(QTabWidget):
    """Follows the session; the matrix, the graph and the perspectives are built (or
    rebuilt) only while on view, not on every load or edit.

    The note tab is the window's to fill; this widget only holds it.
    """

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setDocumentMode(True)
        fit_tabs(self)
        self.note_view = NoteView(background=session.in_background)
        self.perspectives_view = PerspectivesView(background=session.in_background)
        self.matrix_view = MatrixView()
        self.graph = GraphPanel(background=session.in_background)
        self.addTab(self.note_view, "Note")
        self.addTab(self.perspectives_view, "Perspectives")
        self.addTab(self.matrix_view, "Matrix")
        self.addTab(self.graph, "Graph")
        self.compare_view = CompareView(session)
        self.addTab(self.compare_view, "Compare")
        self.current: str | None = None
        self._matrix_stale = True
        self._perspectives_stale = True
        self._graph_shown: Vault | None = None  # the vault the graph tab was last given
        self.currentChanged.connect(self._tab_changed)
        session.loading_started.connect(self._loading)
        session.load_failed.connect(self._load_failed)
        session.opened.connect(self._opened)
        session.loaded.connect(self.refresh)
        session.changed.connect(self._changed)

    def show_view(self, view: str) -> bool:
        """Bring a tab forward by its name (note, perspectives, ...)."""
        for i in range(self.count()):
            # the label may carry a count: "Perspectives (7)"
            if self.tabText(i).split(" (")[0].lower() == view:
                self.setCurrentIndex(i)
                return True
        return False

    def show_note(self, path: str | None) -> None:
        """The note now open (None: none is); the tabs that follow it are brought up to date."""
        self.current = path
        self._perspectives_stale = True
        self._refresh_perspectives()
        if path is not None and self._graph_shown is self.session.vault:
            self.graph.set_current(path)

    def note_rerendered(self) -> None:
        """The open note changed on disk: its perspectives may have too."""
        self._perspectives_stale = True
        self._refresh_perspectives()

    def _loading(self, root: str) -> None:
        """The graph drops the vault on its way out: no figures of it while another loads."""
        self._graph_shown = None
        self.graph.forget(f"Opening {root}…")

    def _load_failed(self, _message: str) -> None:
        self.refresh()  # the vault still shown gets its map back

    def _opened(self, _vault: Vault, _summary: Overview) -> None:
        self._matrix_stale = True
        self._graph_shown = None

    def _changed(self, event: VaultEvent) -> None:
        vault = self.session.vault
        assert vault is not None
        if event.books_changed or event.removed or any(map(vault.books.get, event.relinked)):
            self._matrix_stale = True
        if self._graph_shown is vault:
            self.graph.vault_changed(event)
        self.refresh()

    def _tab_changed(self, _index: int) -> None:
        if self.currentWidget() is self.compare_view and self.current is not None:
            self.compare_view.start_from(self.current)
        self._refresh_perspectives()
        self.refresh()

    def refresh(self) -> None:
        """Build the matrix or the graph if it is on view and out of date."""
        vault, shown = self.session.vault, self.currentWidget()
        if vault is None:
            return
        if shown is self.matrix_view and self._matrix_stale:
            self._matrix_stale = False

            def show_matrix(matrix: tuple[Matrix, dict[str, str]]) -> None:
                if vault is self.session.vault:
                    self.matrix_view.show_matrix(matrix, vault)

            self.session.in_background(lambda: sorted_matrix(vault), show_matrix)
        if shown is self.graph and self._graph_shown is not vault and not self.session.loading:
            self._graph_shown = vault
            self.graph.set_vault(vault)
            self.graph.set_current(self.current)

    def _refresh_perspectives(self) -> None:
        """Attribute and render the open note's perspectives, only while they are on view."""
        vault, view = self.session.vault, self.perspectives_view
        if vault is None or self.current is None:
            return
        count = perspectives_count(vault, self.current)
        index = self.indexOf(view)
        self.setTabText(index, f"Perspectives ({count})" if count else "Perspectives")
        if self.currentWidget() is view and self._perspectives_stale:
            self._perspectives_stale = False
            view.show_concept(vault, self.current)
