"""The index schema: its fields, their analysis and their weights."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from whoosh import fields

from syntopic.core.cachedir import SEARCH_SCHEMA_VERSION
from syntopic.search.analysis import LineAnalyzer, TextAnalyzer
from syntopic.search.whooshx.formats import FastFrequency, FastPositions

if TYPE_CHECKING:
    from syntopic.core.model import ParsedNote

# bumped in core/cachedir.py, which names the index's folder after it (read
# before whoosh is imported)
SCHEMA_VERSION = SEARCH_SCHEMA_VERSION

# Book attribution: a note -> the (title, author) of each book its
# perspectives cite (author may be None).
BooksFor = Callable[["ParsedNote"], Sequence[tuple[str, str | None]]]

# Where plain words, phrases, prefixes and fuzzy words are looked for, and
# how much a match in each counts. "body" also holds the note's headings,
# book titles and authors once more (so a word there counts twice), which
# makes one posting list per word to score instead of a union of five: the
# difference between 60 ms and 15 ms for a common word over 6,500 notes.
# The separate headings, book and author fields serve the filters.
TEXT_FIELDS: dict[str, float] = {"title": 6.0, "body": 1.0}
TAG_BOOST = 2.0
EXPANDED_FIELDS = tuple(TEXT_FIELDS)

STEMMED = TextAnalyzer()
PLAIN = TextAnalyzer(stemming=False, stoplist=frozenset())
LINES = LineAnalyzer()


def _text(boost: float = 1.0, *, stored: bool = False, phrase: bool = True) -> fields.TEXT:
    field = fields.TEXT(analyzer=STEMMED, stored=stored)
    field.format = FastPositions(field_boost=boost) if phrase else FastFrequency(field_boost=boost)
    return field


def make_schema() -> fields.Schema:
    """Lean on purpose: only path and title are stored; snippets re-read the file."""
    pathtext = fields.TEXT(analyzer=PLAIN)
    pathtext.format = FastPositions()
    sections = fields.TEXT(analyzer=LINES)
    sections.format = FastFrequency()
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        size=fields.STORED(),
        mtime=fields.STORED(),
        start=fields.STORED(),  # where the body starts: snippets read it without parsing
        title=_text(stored=True),
        headings=_text(),
        body=_text(),
        perspectives=_text(),
        book=_text(),
        author=_text(),
        tags=fields.KEYWORD(lowercase=True, scorable=True),
        type=fields.ID(),
        pathtext=pathtext,
        sections=sections,
    )
