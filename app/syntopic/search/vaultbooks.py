"""The books a note's perspectives cite, read from the vault graph, for `book:` and `author:`."""

from __future__ import annotations

from collections.abc import Sequence

from syntopic.core.model import ParsedNote
from syntopic.core.vault import Vault
from syntopic.search.schema import BooksFor


def vault_books_for(vault: Vault) -> BooksFor:
    """``books_for`` for a `SearchIndex`: (title, author) of each book with a perspective edge."""

    def books_for(note: ParsedNote) -> Sequence[tuple[str, str | None]]:
        pred = vault.graph.pred.get(note.path)
        if not pred:
            return []
        out: list[tuple[str, str | None]] = []
        for source, keyed in pred.items():
            book = vault.books.get(source)
            if book is not None and any(d.get("kind") == "perspective" for d in keyed.values()):
                out.append((book.title, book.author))
        return out

    return books_for
