"""A book's lens in the Perspectives tab: everything a book (or a person's books) says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from syntopic.core.catalog import Book
from syntopic.core.lens import Lenses, concept_count, lens_books
from syntopic.core.vault import Vault
from syntopic.render.lens import byline, lens_html
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

    def cancel(self) -> None:
        """A lens still being made is not shown when it arrives."""
        self._wanted = None

    def show(self, vault: Vault, path: str, books: list[Book]) -> None:
        view = self.view
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
            return lens_html(lenses.lens(books), NoteRenderer(vault), title=title, meta=meta)

        def done(html: str) -> None:
            if self._wanted != (vault, path):
                return  # another note was opened meanwhile
            bar = view.verticalScrollBar()
            position = bar.value() if view.path == path else 0
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
