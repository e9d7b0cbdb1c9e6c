"""Query evaluation over whole posting blocks: sets and dicts instead of matchers.

Whoosh evaluates a query by stepping a tree of matcher objects document by
document, several Python calls per posting: 15-20 ms for one common word
over 6,500 notes, 80 ms for three OR-ed together, whatever the top-N pruning
does (scores in notes are flat). Reading a posting list block by block costs
a few microseconds per block of 128, and set and dict operations run in C,
so here each term becomes a {docnum: score} dict read in bulk and the tree is
evaluated with set algebra. Scores are whoosh's BM25F, computed with
whoosh's own scorer parameters, so results equal a whoosh search (a test
holds them to it); every match is counted on the way.

Query nodes it does not know are evaluated by their whoosh matcher.
"""

from __future__ import annotations

import heapq
import struct
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

Scores = dict[int, float]  # docnum in the segment -> score
_POSITION = struct.Struct("=I")


def _single_position(value: bytes) -> int:
    """The position in a value holding one (`FastPositions`: a count, then positions)."""
    return int(_POSITION.unpack_from(value, 4)[0])


def _blocks(matcher: Any, values: bool) -> tuple[list[int], list[float], list[bytes]]:
    """Every posting of a term: ids, weights and (if asked) values."""
    ids: list[int] = []
    weights: list[float] = []
    vals: list[bytes] = []
    if isinstance(matcher, W3LeafMatcher):
        # whole blocks at a time: whoosh's own block readers, no per-posting calls
        while True:
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if values:
                matcher._read_values()
                vals.extend(matcher._values)
            if matcher._lastblock:
                break
            matcher._next_block()
        return ids, weights, vals
    while matcher.is_active():  # inlined postings of a rare term, and the like
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if values:
            vals.append(matcher.value())
        matcher.next()
    return ids, weights, vals


class SegmentEvaluator:
    """Evaluates queries over one segment of a searcher's index."""

    def __init__(self, searcher: Any, leaf: Any, context: Any) -> None:
        self.top = searcher
        self.leaf = leaf  # the segment's sub-searcher
        self.reader = leaf.reader()
        self.context = context
        self.weighting = searcher.weighting
        self.deleted: frozenset[int] = frozenset(self.reader.deleted_docs_set or ())
        self._lengths: dict[str, Any] = {}

    # -- terms -------------------------------------------------------------------
    def _lengths_of(self, fieldname: str) -> Any:
        table = self._lengths.get(fieldname)
        if table is None:
            perdoc = getattr(self.reader, "_perdoc", None)
            lengths = getattr(perdoc, "length_table", None)  # a segment of ours
            table = lengths(fieldname) if lengths is not None else None
            if table is None:
                length = self.reader.doc_field_length
                table = [length(d, fieldname, 0) for d in range(self.reader.doc_count_all())]
            self._lengths[fieldname] = table
        return table

    def postings(self, fieldname: str, text: str, values: bool = False) -> Any:
        """(ids, weights, values) of a term in this segment, deleted notes included."""
        try:
            matcher = self.reader.postings(fieldname, text)
        except TermNotFound:
            return [], [], []
        if isinstance(matcher, FilterMatcher):  # deletions: handled by the caller
            matcher = matcher.child
        return _blocks(matcher, values)

    def term_scores(
        self, fieldname: str, text: str, ids: list[int], weights: list[float], boost: float
    ) -> list[float]:
        if not self.top.schema[fieldname].scorable or self.weighting is None:
            return [boost] * len(ids)
        scorer = self.weighting.scorer(self.top, fieldname, text)
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        lengths = self._lengths_of(fieldname)
        factor = idf * (k1 + 1) * boost
        norm = k1 * (1 - b)
        per_length = k1 * b / avgfl
        # whoosh's bm25(), unrolled: idf * tf(k1+1) / (tf + k1((1-b) + b*fl/avgfl))
        return [
            factor * w / (w + norm + per_length * (lengths[d] or 1))
            for d, w in zip(ids, weights, strict=True)
        ]

    def term(self, q: Any) -> Scores:
        ids, weights, _ = self.postings(q.fieldname, q.text)
        if not ids:
            return {}
        scores = dict(
            zip(ids, self.term_scores(q.fieldname, q.text, ids, weights, q.boost), strict=True)
        )
        if self.deleted:
            for d in self.deleted.intersection(scores):
                del scores[d]
        return scores

    def phrase(self, q: Any) -> Scores:
        """Notes with the words in a row, scored as the sum of the words' scores
        (as whoosh scores the intersection its phrase matcher filters)."""
        words = list(q.words)
        if len(words) == 1:
            return self.term(wq.Term(q.fieldname, words[0], boost=q.boost))
        lists = [self.postings(q.fieldname, w, values=True) for w in words]
        if any(not ids for ids, _, _ in lists):
            return {}
        common = set(lists[0][0]).intersection(*(ids for ids, _, _ in lists[1:])) - self.deleted
        if not common:
            return {}
        values = [
            {d: v for d, v in zip(ids, vals, strict=True) if d in common} for ids, _, vals in lists
        ]
        decode = self.top.schema[q.fieldname].format.decode_positions
        single = _single_position
        found: Scores = {}
        for d in common:
            first = values[0][d]
            starts = {single(first)} if len(first) == 8 else set(decode(first))
            for offset in range(1, len(words)):
                value = values[offset][d]
                if len(value) == 8:  # once in the note, as most words are: no decoding
                    starts &= {single(value) - offset}
                else:
                    starts &= {p - offset for p in decode(value)}
                if not starts:
                    break
            else:
                found[d] = 0.0
        for word, (ids, weights, _) in zip(words, lists, strict=True):
            scores = self.term_scores(q.fieldname, word, ids, weights, q.boost)
            for d, score in zip(ids, scores, strict=True):
                if d in found:
                    found[d] += score
        return found

    # -- the tree ------------------------------------------------------------------
    def all_docs(self, score: float) -> Scores:
        return {d: score for d in range(self.reader.doc_count_all()) if d not in self.deleted}

    def run(self, q: Any) -> Scores:
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return {}
        if isinstance(q, wq.Term):
            return self.term(q)
        if isinstance(q, wq.Phrase):
            return self.phrase(q)
        if isinstance(q, wq.AndNot):
            left = self.run(q.a)
            if left:
                for d in self.run(q.b).keys() & left.keys():
                    del left[d]
            return _boosted(left, q.boost)
        if isinstance(q, wq.Not):
            excluded = self.run(q.query)
            return {d: s for d, s in self.all_docs(0.0).items() if d not in excluded}
        if isinstance(q, wq.Every):
            return self.all_docs(1.0)
        if isinstance(q, wq.And):
            return _boosted(self._and(q.subqueries), q.boost)
        if isinstance(q, wq.Or):
            return _boosted(_union(self.run(s) for s in q.subqueries), q.boost)
        return self.fallback(q)

    def _and(self, subs: list[Any]) -> Scores:
        parts = sorted((self.run(s) for s in subs), key=len)
        if not parts or not parts[0]:
            return {}
        keys: set[int] = set(parts[0])
        for part in parts[1:]:
            keys.intersection_update(part)
            if not keys:
                return {}
        return {d: sum(part[d] for part in parts) for d in keys}

    def fallback(self, q: Any) -> Scores:
        """Any other query, evaluated the way whoosh does."""
        matcher = q.matcher(self.leaf, self.context)
        out: Scores = {}
        while matcher.is_active():
            out[matcher.id()] = float(matcher.score())
            matcher.next()
        return out


def _union(parts: Iterable[Scores]) -> Scores:
    out: Scores = {}
    for part in parts:
        if not out:
            out = dict(part)
            continue
        get = out.get
        for d, s in part.items():
            out[d] = get(d, 0.0) + s
    return out


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost != 1.0:
        for d in scores:
            scores[d] *= boost
    return scores


def evaluate(searcher: Any, q: wq.Query, limit: int) -> tuple[list[tuple[float, int]], int]:
    """The best ``limit`` (score, docnum) pairs, best first, and how many notes match.

    Ties go to the lower docnum, as in whoosh.
    """
    context = searcher.context()
    best: list[tuple[float, int]] = []
    total = 0
    for leaf, offset in searcher.leaf_searchers():
        scores = SegmentEvaluator(searcher, leaf, context).run(q)
        total += len(scores)
        top = heapq.nsmallest(limit, ((-s, d + offset) for d, s in scores.items()))
        best.extend((-neg, d) for neg, d in top)
    best.sort(key=lambda p: (-p[0], p[1]))
    return best[:limit], total
