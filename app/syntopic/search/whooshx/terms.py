"""Query nodes that expand to index terms, and how they find them in a segment.

They override whoosh's private term-listing hook (``_btexts``) and use
`vocab`'s cached vocabularies for the big text fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whoosh import query as wq
from whoosh.codec.base import Automata

from syntopic.search.schema import TEXT_FIELDS
from syntopic.search.whooshx import vocab


class StemPrefix(wq.Prefix):  # type: ignore[misc]
    """Words starting with what was typed, in a field of stems.

    The index holds "negoti" for "negotiation", so ``negotiat*`` cannot be a
    plain prefix of it: candidates start with a shorter prefix and are kept
    when they extend the typed text, or it extends them (a stem cut short),
    or they differ in the last letter only (happy -> happi).
    """

    def __init__(self, fieldname: str, text: str, boost: float = 1.0) -> None:
        base = text[: max(2, len(text) - 2)]
        super().__init__(fieldname, base, boost=boost)
        self.typed = text

    def keeps(self, term: str) -> bool:
        typed = self.typed
        common = 0
        for a, b in zip(term, typed, strict=False):
            if a != b:
                break
            common += 1
        return (
            common == len(typed)
            or common == len(term)
            or (common >= len(term) - 1 and common >= len(typed) - 1)
        )

    def _btexts(self, ixreader: Any) -> Iterator[bytes]:
        for btext in ixreader.expand_prefix(self.fieldname, self.text):
            if self.keeps(btext.decode("utf-8")):
                yield btext


class SectionWords(wq.Prefix):  # type: ignore[misc]
    """Section names with these words in a row, each word a prefix of the name's
    ("key frame" finds "Key Frameworks"; "multi-book view" finds "The Multi-Book View")."""

    def keeps(self, term: str) -> bool:
        wanted = self.text.split()
        if wanted and wanted[0] not in term:  # most names: rejected without splitting
            return False
        have = term.split()
        return any(
            all(h.startswith(w) for h, w in zip(have[i:], wanted, strict=False))
            for i in range(len(have) - len(wanted) + 1)
        )

    def _btexts(self, ixreader: Any) -> Iterator[bytes]:
        for btext in ixreader.lexicon(self.fieldname):
            if self.keeps(btext.decode("utf-8")):
                yield btext


@lru_cache(maxsize=256)
def levenshtein(text: str, maxdist: int, prefix: int) -> Any:
    """Whoosh's automaton of the words within ``maxdist`` edits of ``text``.

    Building it is most of what a fuzzy lookup costs: once per word, not once
    per field and segment (and typing repeats words).
    """
    return Automata.levenshtein_dfa(text, maxdist, prefix)


def terms_of(node: Any, leaf: Any) -> Iterable[bytes | str]:
    """The terms a fuzzy or prefix node stands for in one segment."""
    field = node.fieldname
    if field not in TEXT_FIELDS and not isinstance(node, SectionWords):
        # small vocabularies: whoosh's own lookups
        if isinstance(node, wq.FuzzyTerm):
            dfa = levenshtein(node.text, node.maxdist, node.prefixlength)
            return Automata.find_matches(dfa, leaf.cursor(field))  # type: ignore[no-any-return]
        return node._btexts(leaf)  # type: ignore[no-any-return]
    if isinstance(node, wq.FuzzyTerm):
        return vocab.within(leaf, field, levenshtein(node.text, node.maxdist, node.prefixlength))
    if isinstance(node, SectionWords):
        return [t for t in vocab.terms(leaf, field) if node.keeps(t)]
    found = vocab.starting(leaf, field, node.text)
    return [t for t in found if node.keeps(t)] if isinstance(node, StemPrefix) else found
