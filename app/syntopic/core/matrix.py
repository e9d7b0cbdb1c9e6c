"""Which books speak to which concepts, counted from the graph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from syntopic.core.catalog import Book, Catalog


# -- which books speak to which concepts -----------------------------------------
@dataclass(frozen=True, slots=True)
class Matrix:
    """Concepts (rows, path order) x books (columns, path order): blocks per pair."""

    concepts: tuple[str, ...]
    books: tuple[Book, ...]
    counts: dict[tuple[str, str], int]

    def count(self, concept: str, book: str) -> int:
        return self.counts.get((concept, book), 0)

    def concepts_of(self, book: str) -> list[str]:
        """Every concept ``book`` has a perspective on, in path order."""
        return [c for c in self.concepts if (c, book) in self.counts]

    def books_of(self, concept: str) -> list[Book]:
        return [b for b in self.books if (concept, b.path) in self.counts]


def perspective_matrix(graph: Any, catalog: Catalog) -> Matrix:
    """The matrix from a vault graph's "perspective" edges (no re-reading of notes)."""
    counts: dict[tuple[str, str], int] = {}
    for book in catalog:
        if book.path not in graph:
            continue
        for _, concept, kind in graph.out_edges(book.path, data="kind"):
            if kind == "perspective":
                counts[(concept, book.path)] = counts.get((concept, book.path), 0) + 1
    concepts = tuple(sorted({c for c, _ in counts}))
    return Matrix(concepts, tuple(catalog), counts)


def by_coverage(matrix: Matrix) -> Matrix:
    """The same matrix with the concepts most books speak to first, and the books that
    speak to most concepts first (ties keep their order)."""
    books_per_concept: dict[str, int] = {}
    concepts_per_book: dict[str, int] = {}
    for concept, book in matrix.counts:
        books_per_concept[concept] = books_per_concept.get(concept, 0) + 1
        concepts_per_book[book] = concepts_per_book.get(book, 0) + 1
    concepts = sorted(matrix.concepts, key=lambda c: -books_per_concept.get(c, 0))
    books = sorted(matrix.books, key=lambda b: -concepts_per_book.get(b.path, 0))
    return Matrix(tuple(concepts), tuple(books), matrix.counts)
