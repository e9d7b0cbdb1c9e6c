"""What one or more books say, concept by concept: a book's lens, a person's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from syntopic.core.attribution import Tension, catalog_tensions
from syntopic.core.catalog import Book, Catalog, name_variants, names_in, word_pattern
from syntopic.core.model import Block, ParsedNote

if TYPE_CHECKING:
    from syntopic.core.vault import Vault


class BookError(ValueError):
    """A book named on the command line or in the window that cannot be used."""


@dataclass(frozen=True, slots=True)
class ConceptView:
    """One concept seen through some books: each book's blocks, and their tensions."""

    path: str
    title: str
    by_book: dict[str, tuple[Block, ...]]  # book path -> its blocks, in the lens's book order
    tensions: tuple[Tension, ...]


@dataclass(frozen=True, slots=True)
class Lens:
    """Every concept some books speak to, by concept title."""

    books: tuple[Book, ...]
    concepts: tuple[ConceptView, ...]

    def to_json(self) -> dict[str, Any]:
        """The `syntopic book --json` shape (the lens of its first book)."""
        book = self.books[0]
        return {
            "book": book.title,
            "author": book.author,
            "year": book.year,
            "path": book.path,
            "concepts": [
                {
                    "concept": c.title,
                    "path": c.path,
                    "blocks": blocks_json(c.by_book.get(book.path, ())),
                    "tensions": [tension_json(t) for t in c.tensions],
                }
                for c in self.concepts
            ],
        }


def blocks_json(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    return [{"text": b.text, "line": b.line} for b in blocks]


def tension_json(t: Tension) -> dict[str, Any]:
    return {
        "text": t.text,
        "line": t.line,
        "people": list(t.authors),
        "books": [b.title for b in t.books],
    }


def involves(tension: Tension, book: Book) -> bool:
    """Does ``book`` take part: named, or its author named with none of their books?"""
    if book in tension.books:
        return True
    return any(
        author in tension.authors and not any(author in b.authors for b in tension.books)
        for author in book.authors
    )


def other_side(tension: Tension, books: Sequence[Book]) -> list[str]:
    """Who a tension sets against ``books``: the other books and people it names."""
    ours = {a for b in books for a in b.authors}
    theirs = [b for b in tension.books if b not in books and not ours.intersection(b.authors)]
    names = [b.title for b in theirs]
    taken = {a for b in theirs for a in b.authors}
    names += [a for a in tension.authors if a not in ours and a not in taken]
    return names


# -- finding books ------------------------------------------------------------------
def find_book(catalog: Catalog, query: str) -> Book:
    """A book by title, alias, file name or path, case aside; BookError names the fault."""
    hits = catalog.find_all(query)
    if len(hits) == 1:
        return hits[0]
    if hits:
        paths = ", ".join(b.path for b in hits)
        raise BookError(f"'{query}' names {len(hits)} books ({paths}); give the path")
    import difflib

    names = sorted({n for b in catalog for n in (b.title, b.name, *b.aliases)})
    close = difflib.get_close_matches(query, names, n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise BookError(f"no book '{query}' among the {len(catalog)} books of this vault{hint}")


def books_of_person(catalog: Catalog, note: ParsedNote) -> list[Book]:
    """The catalog's books by the person a note is about (its title, file name or aliases)."""
    names = {n.lower() for n in (note.title, note.name, *note.aliases)}
    person = (note.type or "").lower() == "person"
    return [
        book
        for author in catalog.authors
        # a surname alone ("Cialdini") names the person only on a person note
        if author.lower() in names or (person and name_variants(author)[-1].lower() in names)
        for book in catalog.by_author(author)
    ]


# -- building a lens ------------------------------------------------------------------
class Lenses:
    """Lenses over one vault, remembering each concept's attribution while its note,
    the catalog and the graph stay the same objects (an edit replaces them)."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._memo: dict[str, tuple[ParsedNote, Catalog, tuple[Tension, ...]]] = {}

    def tensions(self, path: str) -> tuple[Tension, ...]:
        """The concept's tensions, as `Vault.perspectives` finds them."""
        vault = self.vault
        note, catalog = vault.notes[path], vault.books
        hit = self._memo.get(path)
        if hit is not None and hit[0] is note and hit[1] is catalog:
            return hit[2]
        # here, not at the top: every command imports this module, and most of them
        # answer without networkx (which adjacency imports)
        from syntopic.core.adjacency import kind_into

        lines: set[int] = set()
        sources: dict[str, None] = {}
        for u, attrs in kind_into(vault.graph, path, "perspective"):
            sources[u] = None
            lines.add(attrs["line"])
        if all(b.line in lines for b in note.perspectives):
            # every block speaks for a book: no author-only voice to find first
            speaking = [b for b in map(catalog.get, sources) if b is not None]
            found = catalog_tensions(note, catalog, speaking, vault._link_resolver(path))
        else:
            found = vault.perspectives(path).tensions
        self._memo[path] = (note, catalog, found)
        return found

    def lens(self, books: Sequence[Book], window: slice | None = None) -> Lens:
        """Every concept any of ``books`` speaks to (by title), with each one's blocks.

        The blocks come from the graph's perspective edges (their lines). The
        tensions, which take reading the concept again, are read for the
        concepts in ``window`` only (all of them when None): a page in the window.
        """
        vault = self.vault
        graph = vault.graph
        lines: dict[str, dict[str, set[int]]] = {}  # concept -> book -> lines
        for book in books:
            if book.path not in graph:
                continue
            for _, concept, attrs in graph.out_edges(book.path, data=True):
                if attrs.get("kind") == "perspective":
                    lines.setdefault(concept, {}).setdefault(book.path, set()).add(attrs["line"])
        views: list[ConceptView] = []
        for concept, by_line in lines.items():
            note = vault.notes.get(concept)
            if note is None:
                continue
            by_book: dict[str, tuple[Block, ...]] = {}
            for book in books:
                wanted = by_line.get(book.path)
                if wanted:
                    by_book[book.path] = tuple(b for b in note.perspectives if b.line in wanted)
            views.append(ConceptView(concept, note.title, by_book, ()))
        views.sort(key=lambda c: (c.title.lower(), c.path))
        return Lens(tuple(books), tuple(self.with_tensions(views, books, window)))

    def with_tensions(
        self,
        views: Sequence[ConceptView],
        books: Sequence[Book],
        window: slice | None = None,
        least: int = 1,
    ) -> list[ConceptView]:
        """``views`` with, for those in ``window``, the tensions ``least`` of the books
        take part in (only concepts whose tensions may name one of them are read)."""
        pattern = _names_pattern(books)
        out = list(views)
        if pattern is None:
            return out
        for i in range(len(out))[window or slice(None)]:
            view = out[i]
            note = self.vault.notes[view.path]
            if note.tensions and _may_name(note, pattern):
                found = tuple(
                    t
                    for t in self.tensions(view.path)
                    if sum(involves(t, b) for b in books) >= least
                )
                out[i] = ConceptView(view.path, view.title, view.by_book, found)
        return out


def _names_pattern(books: Sequence[Book]) -> re.Pattern[str] | None:
    names = {n for b in books for n in b.names()}
    names.update(v for b in books for a in b.authors for v in name_variants(a))
    return word_pattern(names)


def _may_name(note: ParsedNote, pattern: re.Pattern[str]) -> bool:
    """Could a tension of ``note`` name one of the books (by title, alias or author)?"""
    for block in note.tensions:
        for text in (block.text, block.subheading or ""):
            if next(names_in(pattern, text), None) is not None or "[" in text:
                return True
    return False


def book_lens(vault: Vault, book: Book) -> Lens:
    """Everything one book says, concept by concept."""
    return Lenses(vault).lens([book])


def lens_books(vault: Vault, path: str) -> list[Book] | None:
    """The books a note's lens looks through: a book note's own, a person's books
    (`type: person`, or named like an author); None for any other note."""
    book = vault.books.get(path)
    if book is not None:
        return [book]
    note = vault.notes.get(path)
    if note is None or note.perspectives:
        return None  # a concept with its own perspectives shows those
    books = books_of_person(vault.books, note)
    return books or ([] if (note.type or "").lower() == "person" else None)


def concept_count(vault: Vault, books: Sequence[Book]) -> int:
    """How many concepts the books speak to (from the graph's edges; cheap)."""
    graph = vault.graph
    return len(
        {
            concept
            for book in books
            if book.path in graph
            for _, concept, kind in graph.out_edges(book.path, data="kind")
            if kind == "perspective"
        }
    )


def book_blocks(vault: Vault, book: str, concept: str) -> tuple[Block, ...]:
    """The blocks of ``concept``'s perspectives that speak for ``book`` (by path)."""
    graph, note = vault.graph, vault.notes.get(concept)
    if note is None or book not in graph or concept not in graph[book]:
        return ()
    lines = {a.get("line") for a in graph[book][concept].values() if a.get("kind") == "perspective"}
    return tuple(b for b in note.perspectives if b.line in lines)
