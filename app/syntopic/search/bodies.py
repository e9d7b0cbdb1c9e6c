"""A note's body as the index sees it: read from the file, after the front matter."""

from __future__ import annotations

import os
from typing import Any

from syntopic.core.files import read_note
from syntopic.search.analysis import SEPARATOR

Doc = dict[str, Any]
# (document fields without the body, where the body starts in the file)
Job = tuple[Doc, int]

# A bigger body is indexed up to here: a 20 MB note must not stall every
# rebuild and every edit of it (the rest stays in the file, unsearchable).
MAX_BODY_CHARS = 1_000_000


def read_body(root: str, path: str, body_start: int) -> str:
    """The text after the front matter, as the parser saw it ('' if unreadable)."""
    text, _ = read_note(os.path.join(root, path))
    if not text:
        return ""
    return text[body_start : body_start + MAX_BODY_CHARS]


def fill_body(doc: Doc, root: str, body_start: int) -> Doc:
    """Add the note's body, then the text indexed with it (headings, books, authors)."""
    body = read_body(root, doc["path"], body_start)
    extra = doc.pop("_extra", "")
    doc["body"] = f"{body}{SEPARATOR}{extra}" if extra else body
    return doc
