"""A book's lens in the Perspectives tab: everything a book (or a person's books) says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from syntopic.core.catalog import Book
from syntopic.core.lens import Lenses, concept_count, lens_books
from syntopic.core.vault import Vault
from syntopic.render.lens import byline, lens_html, page_window
from syntopic.render.note import NoteRenderer
from syntopic.ui.tasks import Background

if TYPE_CHECKING:
    from syntopic.ui.perspectives_view import PerspectivesView


class BookLens:
    """Fills a PerspectivesView with a lens, made in the background; the latest request wins."""

    def __init__(self, view: PerspectivesView, background: Background) -> None:
        self.view = view
        self.background = background
        self.lenses: Lenses | None = None
        self._wanted: tuple[Vault, str] | None = None
        self._books: list[Book] = []
        self.page = 0

    def cancel(self) -> None:
        """A lens still being made is not shown when it arrives."""
        self._wanted = None

    def turn(self, page: int) -> None:
        """Show another page of the lens on view."""
        if self._wanted is not None:
            vault, path = self._wanted
            if path in vault.notes:
                self.show(vault, path, self._books, page)

    def show(self, vault: Vault, path: str, books: list[Book], page: int | None = None) -> None:
        """The lens of ``books`` on the note at ``path``; the same note keeps its page."""
        view = self.view
        if page is None:
            page = self.page if self._wanted == (vault, path) or view.path == path else 0
        self.page = page
        self._books = books
        if self.lenses is None or self.lenses.vault is not vault:
            self.lenses = Lenses(vault)
        lenses = self.lenses
        self._wanted = (vault, path)
        view.count_changed.emit(concept_count(vault, books))
        note = vault.notes[path]
        if len(books) == 1 and books[0].path == path:
            title, meta = books[0].title, byline(books[0])
        else:
            title = note.title
            meta = ", ".join(b.title for b in books) if books else "no book of theirs in the vault"

        def make() -> str:
            lens = lenses.lens(books, page_window(page))
            return lens_html(lens, NoteRenderer(vault), title=title, meta=meta, page=page)

        def done(html: str) -> None:
            if self._wanted != (vault, path):
                return  # another note was opened meanwhile
            bar = view.verticalScrollBar()
            same = view.path == path and self.page == page
            position = bar.value() if same else 0
            view.setHtml(html)
            view.path, view.vault = path, vault
            bar.setValue(position)

        self.background(make, done)


def perspectives_count(vault: Vault, path: str) -> int:
    """The Perspectives tab's count: concepts of a book's (or person's) lens, else voices."""
    books = lens_books(vault, path)
    if books is not None:
        return concept_count(vault, books)
    return len(vault.perspectives(path).perspectives)
