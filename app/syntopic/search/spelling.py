"""Did you mean: the indexed word nearest to one that matched nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh.spelling import Corrector
from whoosh.support.levenshtein import distance

from syntopic.search.analysis import WORD, fold
from syntopic.search.schema import EXPANDED_FIELDS, STEMMED
from syntopic.search.whooshx import vocab
from syntopic.search.whooshx.terms import levenshtein


class StemCorrector(Corrector):  # type: ignore[misc]
    """Whoosh's corrector over the stems of the title and body vocabularies.

    The index holds stems, not words (no second, unstemmed copy of every
    body: that would cost a third more build time), so it suggests the stem
    nearest the typed word's stem, by edit distance and then by how many
    notes use it; `surface` turns that stem back into a word as written.
    """

    def __init__(self, reader: Any, fields: tuple[str, ...] = EXPANDED_FIELDS) -> None:
        self.reader = reader
        self.fields = fields

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        found: dict[str, int] = {}
        # one automaton for every field and segment (whoosh builds one per call)
        dfa = levenshtein(text, maxdist, prefix)
        for leaf, _ in self.reader.leaf_readers():
            for name in self.fields:
                if name not in leaf.indexed_field_names():
                    continue
                for word in vocab.within(leaf, name, dfa):
                    if word != text:
                        found[word] = found.get(word, 0) + leaf.doc_frequency(name, word)
        for word, freq in found.items():
            # distance first; among equals, the stem more notes use
            yield -distance(word, text) + freq / (freq + 1.0), word


def surface(
    term: str, typed: str, reader: Any, read_body: Callable[[str], str], docs: int = 3
) -> str | None:
    """A word of the notes whose stem is ``term``, the one closest to ``typed``.

    Looks at the titles and bodies of the first few notes that use the stem.
    """
    typed = fold(typed)
    words: set[str] = set()
    for name in EXPANDED_FIELDS:
        for leaf, _ in reader.leaf_readers():
            if not leaf.doc_frequency(name, term):
                continue
            postings = leaf.postings(name, term)
            for _ in range(docs):
                if not postings.is_active():
                    break
                stored = leaf.stored_fields(postings.id())
                text = stored.get("title", "") if name == "title" else read_body(stored["path"])
                words.update(fold(w) for w in WORD.findall(text) if STEMMED.term(w) == term)
                postings.next()
            break
    if not words:
        return None
    return min(words, key=lambda w: (distance(w, typed), w))
