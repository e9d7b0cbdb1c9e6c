"""Books compared: the concepts they share side by side, then what only one covers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from syntopic.core.catalog import Book
from syntopic.core.lens import BookError, ConceptView, Lenses, blocks_json, tension_json


@dataclass(frozen=True, slots=True)
class Comparison:
    """Concepts two or more of the books speak to (most books first), then the rest."""

    books: tuple[Book, ...]
    shared: tuple[ConceptView, ...]  # tensions: those two or more of the books take part in
    single: tuple[ConceptView, ...]  # concepts only one of the books speaks to

    def to_json(self) -> dict[str, Any]:
        """The `syntopic compare --json` shape."""
        return {
            "books": [{"book": b.title, "author": b.author, "path": b.path} for b in self.books],
            "concepts": [
                {
                    "concept": c.title,
                    "path": c.path,
                    "by_book": {
                        b.title: blocks_json(c.by_book[b.path])
                        for b in self.books
                        if b.path in c.by_book
                    },
                    "tensions": [tension_json(t) for t in c.tensions],
                }
                for c in (*self.shared, *self.single)
            ],
        }


def check_books(books: Sequence[Book]) -> None:
    """Two or more different books with different titles, or BookError."""
    distinct = list(dict.fromkeys(books))
    if len(distinct) < 2:
        raise BookError("compare needs at least two different books")
    titles: dict[str, Book] = {}
    for book in distinct:
        seen = titles.setdefault(book.title.lower(), book)
        if seen is not book:
            raise BookError(
                f"two books are titled '{book.title}' ({seen.path}, {book.path}); "
                "rename one to compare them"
            )


def compare(lenses: Lenses, books: Sequence[Book], window: slice | None = None) -> Comparison:
    """The books side by side across the concepts they speak to; the tensions between
    them are read for the shared concepts in ``window`` (all when None)."""
    check_books(books)
    books = list(dict.fromkeys(books))
    lens = lenses.lens(books, window=slice(0))
    shared = [v for v in lens.concepts if len(v.by_book) >= 2]
    single = [v for v in lens.concepts if len(v.by_book) < 2]
    shared.sort(key=lambda c: -len(c.by_book))  # stable: titles stay in order within a count
    shared = lenses.with_tensions(shared, books, window, least=2)
    return Comparison(tuple(books), tuple(shared), tuple(single))
