"""What a search returns: hits with highlighted snippets, and what to tell the user.

Named tuples and a plain class, not dataclasses: a command-line search
imports this, and `dataclasses` (with `inspect`) and the code each
dataclass generates were a tenth of its start.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Span(NamedTuple):
    """A piece of snippet text; ``hit`` marks the words the query matched."""

    text: str
    hit: bool


class Snippet(NamedTuple):
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


class SearchHit(NamedTuple):
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


class SearchResult:
    """Ranked hits; ``notice`` says when the query was read differently than
    typed, ``suggestion`` is a corrected query when a word matched nothing."""

    __slots__ = ("hits", "notice", "query", "suggestion", "total")

    def __init__(
        self,
        query: str,
        hits: list[SearchHit] | None = None,
        total: int = 0,
        notice: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.query = query
        self.hits: list[SearchHit] = [] if hits is None else hits
        self.total = total  # matching notes, beyond the ``limit`` returned
        self.notice = notice
        self.suggestion = suggestion

    def _fields(self) -> tuple[Any, ...]:
        return (self.query, self.hits, self.total, self.notice, self.suggestion)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchResult):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass would be

    def __repr__(self) -> str:
        return (
            f"SearchResult(query={self.query!r}, hits={self.hits!r}, total={self.total!r}, "
            f"notice={self.notice!r}, suggestion={self.suggestion!r})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "notice": self.notice,
            "suggestion": self.suggestion,
            "total": self.total,
            "results": [h.to_json() for h in self.hits],
        }
