"""Fuzzy matching of note titles and aliases for the quick switcher."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Match(NamedTuple):
    score: float
    path: str
    label: str  # the title or alias that matched
    positions: tuple[int, ...]  # indexes into label, for highlighting


def _subsequence(query: str, text: str) -> tuple[int, ...] | None:
    """Greedy left-to-right positions of query's characters in text, or None."""
    positions: list[int] = []
    start = 0
    for ch in query:
        found = text.find(ch, start)
        if found < 0:
            return None
        positions.append(found)
        start = found + 1
    return tuple(positions)


def score(query: str, label: str) -> tuple[float, tuple[int, ...]] | None:
    """How well ``query`` matches ``label``; None when it does not match.

    Prefix beats word-start beats substring beats scattered letters, and
    shorter labels win ties, which is what people expect of a switcher.
    """
    q = query.lower().strip()
    text = label.lower()
    if not q:
        return 0.0, ()
    if text.startswith(q):
        return 100.0 - len(text) * 0.1, tuple(range(len(q)))
    at = text.find(q)
    if at >= 0:
        word_start = at == 0 or not text[at - 1].isalnum()
        return (80.0 if word_start else 60.0) - len(text) * 0.1, tuple(range(at, at + len(q)))
    positions = _subsequence(q.replace(" ", ""), text)
    if positions is None:
        return None
    gaps = positions[-1] - positions[0] + 1 - len(positions)
    starts = sum(1 for p in positions if p == 0 or not text[p - 1].isalnum())
    return 40.0 + starts * 3 - gaps * 0.5 - len(text) * 0.1, positions


def rank(query: str, entries: Iterable[tuple[str, str]], limit: int = 50) -> list[Match]:
    """Best matches over (path, label) pairs, one per path."""
    best: dict[str, Match] = {}
    for path, label in entries:
        found = score(query, label)
        if found is None:
            continue
        match = Match(found[0], path, label, found[1])
        if path not in best or match.score > best[path].score:
            best[path] = match
    return sorted(best.values(), key=lambda m: (-m.score, m.label.lower()))[:limit]
