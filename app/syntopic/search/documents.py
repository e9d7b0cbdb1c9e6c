"""How a parsed note becomes one index document."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from syntopic.core.books import is_book, note_type
from syntopic.core.model import ParsedNote
from syntopic.search.analysis import SEPARATOR, fold
from syntopic.search.schema import BooksFor

# A perspective block names its book or author up front ("Cialdini's
# *Influence* shows..."); later sentences only pass by other authors.
_LEAD = re.compile(r"^.{40,400}?[.!?](?=\s|$)", re.DOTALL)
_LEAD_MAX = 400


def tag_terms(tags: Sequence[str]) -> list[str]:
    """Each tag and its ancestors: `tag:principle` finds `principle/reciprocity`."""
    out: dict[str, None] = {}
    for tag in tags:
        parts = tag.lower().lstrip("#").split("/")
        for depth in range(1, len(parts) + 1):
            out["/".join(parts[:depth])] = None
    return list(out)


def lead(text: str) -> str:
    """A block's first sentence: where perspectives name their book and author."""
    found = _LEAD.match(text)
    return found.group() if found else text[:_LEAD_MAX]


def perspectives_text(note: ParsedNote) -> str:
    """What `book:` and `author:` search until book attribution is wired in."""
    parts: list[str] = []
    for block in note.perspectives:
        if block.subheading:
            parts.append(block.subheading)
        parts.append(lead(block.text))
    return SEPARATOR.join(parts)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def document(
    note: ParsedNote,
    body: str,
    size: int,
    mtime_ns: int,
    books_for: BooksFor | None = None,
) -> dict[str, Any]:
    """The fields of one note; ``body`` is the text after the front matter."""
    names = [note.title, *note.aliases]
    if note.name != note.title:
        names.append(note.name)
    books: list[str] = []
    authors = _strings(note.properties.get("author"))
    if is_book(note):
        books.extend([note.title, *note.aliases])
    if books_for is not None:
        for title, author in books_for(note):
            books.append(title)
            if author:
                authors.append(author)
    headings = SEPARATOR.join(h.text for h in note.headings)
    books_text = SEPARATOR.join(dict.fromkeys(books))
    authors_text = SEPARATOR.join(dict.fromkeys(authors))
    doc: dict[str, Any] = {
        "path": note.path,
        "size": size,
        "mtime": mtime_ns,
        "start": note.body_start,
        "title": SEPARATOR.join(names),
        "_stored_title": note.title,
        "headings": headings,
        "sections": headings,
        "body": body,
        # indexed after the body (see schema.TEXT_FIELDS); snippets never show it
        "_extra": SEPARATOR.join(p for p in (headings, books_text, authors_text) if p),
        "pathtext": note.path.removesuffix(".md"),
    }
    optional = {
        "perspectives": perspectives_text(note),
        "book": books_text,
        "author": authors_text,
        "tags": " ".join(tag_terms(note.tags)),
        # what the legend, navigator and stats call it: undeclared notes are "note"
        "type": fold(note_type(note)),
    }
    doc.update((k, v) for k, v in optional.items() if v)
    return doc
