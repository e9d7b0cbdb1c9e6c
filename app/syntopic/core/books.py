"""The public face of books and perspectives: one import for commands, renderers and UI."""

from syntopic.core.attribution import (
    GENERAL,
    ConceptPerspectives,
    LinkResolver,
    Perspective,
    PerspectiveEdge,
    Tension,
    Voice,
    concept_perspectives,
    perspective_edges,
)
from syntopic.core.catalog import Book, Catalog, is_book, name_variants, note_type
from syntopic.core.matrix import Matrix, perspective_matrix
from syntopic.core.prose import EXCERPT_LIMIT, excerpt, plain_text

__all__ = [
    "EXCERPT_LIMIT",
    "GENERAL",
    "Book",
    "Catalog",
    "ConceptPerspectives",
    "LinkResolver",
    "Matrix",
    "Perspective",
    "PerspectiveEdge",
    "Tension",
    "Voice",
    "concept_perspectives",
    "excerpt",
    "is_book",
    "name_variants",
    "note_type",
    "perspective_edges",
    "perspective_matrix",
    "plain_text",
]
