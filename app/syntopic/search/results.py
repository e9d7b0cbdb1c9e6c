"""What a search returns: hits with highlighted snippets, and what to tell the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Span(NamedTuple):
    """A piece of snippet text; ``hit`` marks the words the query matched."""

    text: str
    hit: bool


@dataclass(frozen=True, slots=True)
class Snippet:
    """A fragment of a note's body around its hits."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def hits(self) -> list[str]:
        return [s.text for s in self.spans if s.hit]

    def marked(self, before: str, after: str) -> str:
        """The text with each hit wrapped, e.g. ``marked("«", "»")``."""
        return "".join(f"{before}{s.text}{after}" if s.hit else s.text for s in self.spans)

    def to_json(self) -> dict[str, Any]:
        """``{"text": ..., "hits": [[start, end], ...]}`` (offsets into text)."""
        hits: list[list[int]] = []
        offset = 0
        for span in self.spans:
            if span.hit:
                hits.append([offset, offset + len(span.text)])
            offset += len(span.text)
        return {"text": self.text, "hits": hits}


@dataclass(frozen=True, slots=True)
class SearchHit:
    path: str
    title: str
    score: float
    snippets: tuple[Snippet, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "score": round(self.score, 4),
            "snippets": [s.to_json() for s in self.snippets],
        }


@dataclass(slots=True)
class SearchResult:
    """Ranked hits; ``notice`` says when the query was read differently than
    typed, ``suggestion`` is a corrected query when a word matched nothing."""

    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0  # matching notes, beyond the ``limit`` returned
    notice: str | None = None
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "notice": self.notice,
            "suggestion": self.suggestion,
            "total": self.total,
            "results": [h.to_json() for h in self.hits],
        }
