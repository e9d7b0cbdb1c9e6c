"""The rendered note: a QTextBrowser that loads nothing from the network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.render.resources import ResourceGate
from syntopic.ui.placeholder import gated_resource
from syntopic.ui.tasks import Background, run_here
from syntopic.ui.theme import note_css

# (page, callouts flipped from their default) -> the note's HTML; safe off the UI thread
PageRenderer = Callable[[int, frozenset[int]], str]


class NoteView(QTextBrowser):
    """Shows note HTML; internal links become signals, external open on click.

    Signals:
        note_requested(str, str): vault path and heading (may be empty).
        ghost_requested(str): the target of an unresolved link.
    """

    note_requested = Signal(str, str)
    ghost_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, background: Background | None = None) -> None:
        super().__init__(parent)
        self.background = background or run_here
        self._render: PageRenderer | None = None
        self._heavy = False
        self._page = 0
        self._flipped: frozenset[int] = frozenset()
        self._generation = 0  # a render finishing after another page was asked for is dropped
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(note_css(dark=False))
        self.document().setDocumentMargin(24)
        self.anchorClicked.connect(self._clicked)
        self.gate: ResourceGate | None = None

    @property
    def vault_root(self) -> str | None:
        return self.gate.root if self.gate else None

    @vault_root.setter
    def vault_root(self, root: str | None) -> None:
        self.gate = ResourceGate(root) if root else None

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Only files inside the open vault (or Syntopic's own) are ever read: no network."""
        return gated_resource(self.gate, kind, url)

    def setHtml(self, text: str) -> None:
        """Show ``text`` now; a render still running for an earlier page is dropped."""
        self._generation += 1
        self._render = None
        super().setHtml(text)

    def show_page(
        self,
        render: PageRenderer,
        *,
        heavy: bool = False,
        then: Callable[[], None] | None = None,
        keep_state: bool = False,
    ) -> None:
        """Show a note rendered by ``render(page, flipped)``; then call ``then``.

        A heavy note renders off the UI thread (a notice shows meanwhile), so a
        huge note never freezes the window; its page and callout links re-render
        it here without asking the window. ``keep_state`` keeps the page and
        the folded callouts (the same note, re-rendered after an edit).
        """
        if not keep_state:  # a live reload keeps the page and the folds
            self._page, self._flipped = 0, frozenset()
        self._render, self._heavy = render, heavy
        self._show(then)

    def _show(self, then: Callable[[], None] | None = None) -> None:
        render, page, flipped = self._render, self._page, self._flipped
        assert render is not None
        self._generation += 1
        generation = self._generation

        def done(text: object) -> None:
            if generation != self._generation:
                return  # the reader moved on while it rendered
            QTextBrowser.setHtml(self, str(text))
            if then is not None:
                then()

        if not self._heavy:
            done(render(page, flipped))
            return
        QTextBrowser.setHtml(self, '<p class="notice">Rendering a large note…</p>')
        self.background(lambda: render(page, flipped), done)

    def _rerender(self, *, keep_position: bool) -> None:
        bar = self.verticalScrollBar()
        position = bar.value() if keep_position else 0
        self._show(lambda: bar.setValue(position))

    def scrollToAnchor(self, name: str) -> None:
        """Scroll to a heading (``L<line>``) or block; in a large note, turn to its page first."""
        find = getattr(self._render, "page_of_anchor", None)
        page = find(name) if find is not None else None
        if page is None or page == self._page:
            super().scrollToAnchor(name)
            return
        self._page, self._flipped = page, frozenset()
        self._show(lambda: QTextBrowser.scrollToAnchor(self, name))

    def _clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "page" and self._render is not None and url.path().isdigit():
            self._page = int(url.path()) - 1
            self._flipped = frozenset()
            self._rerender(keep_position=False)
        elif scheme == "callout" and self._render is not None and url.path().isdigit():
            self._flipped ^= {int(url.path())}
            self._rerender(keep_position=True)
        elif scheme == "note":
            self.note_requested.emit(url.path(), url.fragment())
        elif scheme == "ghost":
            self.ghost_requested.emit(url.path())
        elif scheme in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif not scheme and url.fragment():
            self.scrollToAnchor(url.fragment())
