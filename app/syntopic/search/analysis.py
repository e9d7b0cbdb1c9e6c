"""Text analysis for the index: words folded, stop words dropped, English stems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# Words with inner dots stay whole ("e.g"), as in whoosh's default tokenizer;
# an apostrophe ends a word, so "Cialdini's" is found as "Cialdini".
WORD = re.compile(r"\w+(?:\.\w+)*")
# Separates the values of a many-valued field (aliases, headings, books); a
# phrase never matches across it.
SEPARATOR = "\x1e"
_GAP = 100
_STEM_CACHE_LIMIT = 200_000

_stems: dict[str, str] = {}
_UNSEEN = ""  # no word's term: the cache's answer for a word it has not seen
_FOLD: dict[int, Any] = dict(accent_map)


def fold(word: str) -> str:
    """Lower-case without accents: how every word is compared."""
    word = word.lower()
    return word if word.isascii() else word.translate(_FOLD)


def stem(word: str) -> str:
    """The Porter stem of a folded word, cached: a vault has a bounded vocabulary."""
    got = _stems.get(word)
    if got is None:
        if len(_stems) >= _STEM_CACHE_LIMIT:
            _stems.clear()
        got = _stems[word] = porter_stem(word)
    return got


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included, in order."""
    return [fold(m) for m in WORD.findall(text)]


class TextAnalyzer(Analyzer):  # type: ignore[misc]
    """Tokenize, fold, drop stop words and stem in one pass.

    Equivalent to whoosh's ``StemmingAnalyzer() | CharsetFilter(accent_map)``
    (positions renumbered over the words kept), but about five times faster,
    which is most of what a full build costs. ``stemming=False`` gives the
    folded words alone (paths, names).
    """

    def __init__(self, stemming: bool = True, stoplist: frozenset[str] = STOP_WORDS) -> None:
        self.stemming = stemming
        self.stoplist = stoplist
        self.is_morph = stemming
        self._terms: dict[str, str | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        # the index's table of contents pickles the schema: not the cache
        return {"stemming": self.stemming, "stoplist": self.stoplist, "is_morph": self.is_morph}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._terms = {}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TextAnalyzer)
            and self.stemming == other.stemming
            and self.stoplist == other.stoplist
        )

    def __hash__(self) -> int:
        return hash((TextAnalyzer, self.stemming))

    def __repr__(self) -> str:
        return f"TextAnalyzer(stemming={self.stemming})"

    def term(self, word: str) -> str | None:
        """The indexed form of one word as written, None for a stop word (cached)."""
        try:
            return self._terms[word]
        except KeyError:
            pass
        folded = fold(word)
        if len(folded) < 2 or folded in self.stoplist:
            got = None
        else:
            got = stem(folded) if self.stemming else folded
        if len(self._terms) >= _STEM_CACHE_LIMIT:
            self._terms.clear()
        self._terms[word] = got
        return got

    def positions(self, value: str) -> dict[str, list[int]]:
        """Indexed term -> its positions: what a posting stores, without Tokens.

        Each word as written is looked up once in the `term` cache (folding,
        stop words and stemming in one dict lookup): a vault repeats its words.
        """
        out: dict[str, list[int]] = {}
        cache = self._terms
        pos = 0
        for part_no, part in enumerate(value.split(SEPARATOR)):
            if part_no:
                pos += _GAP
            for word in WORD.findall(part):
                term = cache.get(word, _UNSEEN)
                if term is _UNSEEN:
                    term = self.term(word)
                if term is None:
                    continue
                found = out.get(term)
                if found is None:
                    out[term] = [pos]
                else:
                    found.append(pos)
                pos += 1
        return out

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stemming = self.stemming and not kwargs.get("nomorph")
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        stops = self.stoplist
        pos = start_pos
        offset = 0
        for part_no, part in enumerate(value.split(SEPARATOR)):
            if part_no:
                pos += _GAP
            for match in WORD.finditer(part):
                raw = match.group()
                word = fold(raw)
                stopped = len(word) < 2 or word in stops
                if stopped and removestops:
                    continue
                if keeporiginal:
                    token.original = raw
                token.text = stem(word) if stemming and not stopped else word
                token.stopped = stopped
                token.boost = 1.0
                if positions:
                    token.pos = pos
                    pos += 1
                if chars:
                    token.startchar = start_char + offset + match.start()
                    token.endchar = start_char + offset + match.end()
                yield token
            offset += len(part) + 1


class LineAnalyzer(Analyzer):  # type: ignore[misc]
    """One term per value of a many-valued field: its folded words, space-joined.

    Section names are matched whole ("key frameworks"), not word by word.
    """

    is_morph = False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LineAnalyzer)

    def __hash__(self) -> int:
        return hash(LineAnalyzer)

    def __repr__(self) -> str:
        return "LineAnalyzer()"

    def positions(self, value: str) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for pos, part in enumerate(value.split(SEPARATOR)):
            line = normalize(part)
            if line:
                out.setdefault(line, []).append(pos)
        return out

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, **kwargs: Any
    ) -> Iterator[Token]:
        token = Token(positions, chars, **kwargs)
        for pos, part in enumerate(value.split(SEPARATOR)):
            line = normalize(part)
            if not line:
                continue
            token.text = line
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            yield token


def normalize(text: str) -> str:
    """Folded words joined by single spaces: how section names are compared."""
    return " ".join(words(text))
