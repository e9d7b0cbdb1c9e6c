"""The query language: words, "phrases", OR, NOT/-word, prefix*, fuzzy~ and filters.

Plain words must all match (ranked by BM25F over the text fields). ``OR``
binds looser than the implicit AND: ``a b OR c`` is ``(a b) OR c``; use
parentheses for anything else. Filters: ``tag:`` (nested tags match their
parent, as in Obsidian), ``book:``, ``author:``, ``path:``, ``type:``,
``section:`` and ``title:``. A query that cannot be read is searched as its
plain words, with a notice saying so; parsing never raises.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from whoosh import query as wq

from syntopic.search.analysis import WORD, fold, normalize
from syntopic.search.schema import EXPANDED_FIELDS, STEMMED, TAG_BOOST, TEXT_FIELDS
from syntopic.search.whooshx.terms import SectionWords, StemPrefix, terms_of

FILTERS = ("tag", "book", "author", "path", "type", "section", "title")
KEYWORDS = {"OR": "or", "AND": "and", "NOT": "not"}
MAX_FUZZ = 2
# A fuzzy or prefix word stands for at most this many indexed terms, the ones
# most notes use (as Lucene caps fuzzy expansions): a two-letter prefix
# would otherwise OR together hundreds.
MAX_EXPANSIONS = 64
_FUZZY = re.compile(r"^(?P<word>.*?)~(?P<dist>\d?)$")
_FIELD = re.compile(r"^(?P<name>[A-Za-z]+):(?P<value>.*)$", re.DOTALL)


class QueryError(ValueError):
    """The query cannot be read; the message says why, in a few words."""


# -- tokens -------------------------------------------------------------------------
class Tok(NamedTuple):
    kind: Literal["(", ")", "or", "and", "not", "word", "phrase", "field"]
    text: str = ""
    start: int = 0
    name: str = ""  # the filter of a field token
    quoted: bool = False  # a field value given as a "phrase"


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(Tok(ch, ch, i))  # type: ignore[arg-type]
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError("a quote is not closed")
            out.append(Tok("phrase", text[i + 1 : end], i + 1))
            i = end + 1
        elif ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in ")-":
            out.append(Tok("not", "-", i))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"':
                j += 1
            word = text[i:j]
            found = _FIELD.match(word)
            if word in KEYWORDS:
                out.append(Tok(KEYWORDS[word], word, i))  # type: ignore[arg-type]
            elif found and found["name"].lower() in FILTERS:
                name = found["name"].lower()
                value, quoted = found["value"], False
                if not value and j < n and text[j] == '"':
                    end = text.find('"', j + 1)
                    if end < 0:
                        raise QueryError("a quote is not closed")
                    value, quoted = text[j + 1 : end], True
                    j = end + 1
                if not value.strip():
                    raise QueryError(f"{name}: needs a value")
                out.append(Tok("field", value, i, name, quoted))
            else:
                out.append(Tok("word", word, i))
            i = j
    return out


# -- syntax tree ----------------------------------------------------------------------
# plain classes, not dataclasses: see results.py
class Node:
    __slots__ = ("children", "kind", "tok")

    def __init__(
        self,
        kind: Literal["or", "and", "not", "leaf"],
        children: list[Node] | None = None,
        tok: Tok | None = None,
    ) -> None:
        self.kind = kind
        self.children: list[Node] = [] if children is None else children
        self.tok = tok


class _Parser:
    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i].kind if self.i < len(self.toks) else None

    def take(self) -> Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.parse_or()
        if self.peek() is not None:
            raise QueryError("a ')' has no '('")
        return node

    def parse_or(self) -> Node:
        parts = [self.parse_and()]
        while self.peek() == "or":
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Node("or", parts)

    def parse_and(self) -> Node:
        items: list[Node] = []
        while self.peek() not in (None, ")", "or"):
            if self.peek() == "and":
                self.take()
                if not items or self.peek() in (None, ")", "or"):
                    raise QueryError("AND needs words on both sides")
                continue
            items.append(self.parse_unary())
        if not items:
            after_or = self.i > 0 and self.toks[self.i - 1].kind == "or"
            if self.peek() == "or" or after_or:
                raise QueryError("OR needs words on both sides")
            raise QueryError("a ')' has no '('")
        return items[0] if len(items) == 1 else Node("and", items)

    def parse_unary(self) -> Node:
        if self.peek() == "not":
            self.take()
            if self.peek() in (None, ")", "or", "and"):
                raise QueryError("NOT needs a word after it")
            return Node("not", [self.parse_unary()])
        return self.parse_atom()

    def parse_atom(self) -> Node:
        kind = self.peek()
        if kind == "(":
            self.take()
            if self.peek() == ")":
                raise QueryError("nothing inside the parentheses")
            node = self.parse_or()
            if self.peek() != ")":
                raise QueryError("a '(' is not closed")
            self.take()
            return node
        if kind == ")":
            raise QueryError("a ')' has no '('")
        return Node("leaf", tok=self.take())


# -- from the tree to a whoosh query --------------------------------------------------
class Word(NamedTuple):
    """A word as typed, where it is in the query: what did-you-mean may replace."""

    text: str
    start: int
    term: str  # its stem


class Highlight:
    """What snippets mark: stems, and prefix or fuzzy words to expand per index."""

    __slots__ = ("expanders", "terms")

    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.expanders: list[wq.Query] = []

    def __repr__(self) -> str:
        return f"Highlight(terms={self.terms!r}, expanders={self.expanders!r})"


class ParsedQuery:
    __slots__ = ("highlight", "notice", "query", "text", "typing", "words")

    def __init__(
        self,
        text: str,
        query: wq.Query | None,  # None: nothing to search for (empty, or only stop words)
        notice: str | None = None,
        words: list[Word] | None = None,
        highlight: Highlight | None = None,
        # as you type: where the last word starts and the prefix nodes it also
        # stands for (a word that is a prefix of indexed words is no typo)
        typing: tuple[int, list[wq.Query]] | None = None,
    ) -> None:
        self.text = text
        self.query = query
        self.notice = notice
        self.words: list[Word] = [] if words is None else words
        self.highlight = Highlight() if highlight is None else highlight
        self.typing = typing

    def __repr__(self) -> str:
        return (
            f"ParsedQuery(text={self.text!r}, query={self.query!r}, notice={self.notice!r}, "
            f"words={self.words!r}, highlight={self.highlight!r}, typing={self.typing!r})"
        )


def _terms(text: str) -> list[str]:
    return [t for w in WORD.findall(text) if (t := _stem(w))]


def _stem(word: str) -> str | None:
    return STEMMED.term(word)


def _any_field(make: Any, fields: dict[str, float]) -> wq.Query:
    subs = [make(name, boost) for name, boost in fields.items()]
    return subs[0] if len(subs) == 1 else wq.Or(subs)


def _phrase_or_term(fieldname: str, terms: list[str], boost: float = 1.0) -> wq.Query:
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    return wq.Phrase(fieldname, terms, boost=boost)


def fuzzy_distance(word: str, typed: str) -> int:
    """``~N`` allows N edits (at most 2); ``~`` alone allows none in words of
    one or two letters, one up to five letters, two beyond (as Lucene's AUTO)."""
    if typed:
        return min(int(typed), MAX_FUZZ)
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


# the word being typed matches as a prefix too, scored below the whole word
TYPING_BOOST = 0.4


class _Compiler:
    def __init__(self, text: str, perspectives_fallback: bool, typing: Tok | None = None) -> None:
        self.text = text
        self.fallback = perspectives_fallback
        self.words: list[Word] = []
        self.highlight = Highlight()
        self.typing_tok = typing
        self.typing: tuple[int, list[wq.Query]] | None = None

    def compile(self, node: Node, negated: bool = False) -> wq.Query | None:
        if node.kind == "leaf":
            assert node.tok is not None
            return self.leaf(node.tok, negated)
        if node.kind == "not":
            inner = self.compile(node.children[0], not negated)
            return None if inner is None else wq.Not(inner)
        subs = [q for child in node.children if (q := self.compile(child, negated)) is not None]
        if not subs:
            return None
        if len(subs) == 1:
            return subs[0]
        if node.kind == "or":
            return wq.Or(subs)
        return _conjunction(subs)

    # leaves ----------------------------------------------------------------
    def leaf(self, tok: Tok, negated: bool) -> wq.Query | None:
        if tok.kind == "phrase":
            return self.phrase(tok, negated)
        if tok.kind == "field":
            return self.filter(tok)
        return self.word(tok, negated)

    def word(self, tok: Tok, negated: bool) -> wq.Query | None:
        raw = tok.text
        fuzzy = _FUZZY.match(raw)
        if fuzzy and fuzzy["word"] and "~" not in fuzzy["word"]:
            return self.fuzzy(fuzzy["word"], fuzzy["dist"], negated)
        if raw.endswith("*") and len(raw.rstrip("*")) >= 2:
            return self.prefix(raw.rstrip("*"), negated)
        terms = _terms(raw)
        if not terms:
            return None
        if not negated:
            self.highlight.terms.update(terms)
            if len(terms) == 1:
                self.words.append(Word(raw, tok.start, terms[0]))
        if len(terms) > 1:  # self-interest, e.g. "A/B": the words in a row
            return _any_field(lambda f, b: wq.Phrase(f, terms, boost=b), TEXT_FIELDS)
        subs: list[wq.Query] = [wq.Term(f, terms[0], boost=b) for f, b in TEXT_FIELDS.items()]
        subs.append(wq.Term("tags", fold(raw).lstrip("#"), boost=TAG_BOOST))
        if tok is self.typing_tok and not negated and len(fold(raw)) >= 2:
            typed = [
                StemPrefix(f, fold(raw), boost=b * TYPING_BOOST) for f, b in TEXT_FIELDS.items()
            ]
            self.highlight.expanders.extend(typed)
            self.typing = (tok.start, typed)
            subs.extend(typed)
        return wq.Or(subs)

    def phrase(self, tok: Tok, negated: bool) -> wq.Query | None:
        terms = _terms(tok.text)
        if not terms:
            return None
        if not negated:
            self.highlight.terms.update(terms)
            for m in WORD.finditer(tok.text):
                term = _stem(m.group())
                if term:
                    self.words.append(Word(m.group(), tok.start + m.start(), term))
        return _any_field(lambda f, b: _phrase_or_term(f, terms, b), TEXT_FIELDS)

    def fuzzy(self, raw: str, dist: str, negated: bool) -> wq.Query | None:
        words = WORD.findall(raw)
        if len(words) != 1:
            raise QueryError(f"'~' follows one word, not '{raw}'")
        term = _stem(words[0]) or fold(words[0])
        maxdist = fuzzy_distance(fold(words[0]), dist)
        subs = [
            wq.FuzzyTerm(f, term, boost=TEXT_FIELDS[f], maxdist=maxdist, prefixlength=1)
            for f in EXPANDED_FIELDS
        ]
        if not negated:
            self.highlight.terms.add(term)
            self.highlight.expanders.extend(subs)
        return wq.Or(subs)

    def prefix(self, raw: str, negated: bool) -> wq.Query | None:
        words = WORD.findall(raw)
        if len(words) != 1:
            raise QueryError(f"'*' ends one word, not '{raw}'")
        typed = fold(words[0])
        subs = [StemPrefix(f, typed, boost=b) for f, b in TEXT_FIELDS.items()]
        if not negated:
            self.highlight.expanders.extend(subs)
        return wq.Or(subs)

    def filter(self, tok: Tok) -> wq.Query:
        name, value = tok.name, tok.text.strip()
        star = value.endswith("*") and not tok.quoted
        if name in ("tag", "type"):
            fieldname = "tags" if name == "tag" else "type"
            key = fold(value.rstrip("*").lstrip("#"))
            if not key:
                raise QueryError(f"{name}: needs a value")
            return wq.Prefix(fieldname, key) if star else wq.Term(fieldname, key)
        if name == "path":
            parts = [fold(w) for w in WORD.findall(value)]
            if not parts:
                raise QueryError("path: needs a folder or file name")
            # one word matches as a prefix, like Obsidian's substring match
            if len(parts) == 1:
                return wq.Prefix("pathtext", parts[0])
            return wq.Phrase("pathtext", parts)
        if name == "section" and len(WORD.findall(value)) > 1 and not star:
            # whole section names: a phrase over every note's headings is slow
            return SectionWords("sections", normalize(value))
        fields = {
            "book": ["book"] + (["perspectives"] if self.fallback else []),
            "author": ["author"] + (["perspectives"] if self.fallback else []),
            "section": ["headings"],
            "title": ["title"],
        }[name]
        fuzzy = None if tok.quoted else _FUZZY.match(value)
        if star or (fuzzy and fuzzy["word"]):
            words = WORD.findall(value)
            if len(words) != 1:
                raise QueryError(f"'*' and '~' follow one word in {name}:")
            typed = fold(words[0])
            if star:
                subs: list[wq.Query] = [StemPrefix(f, typed) for f in fields]
            else:
                assert fuzzy is not None
                term = _stem(words[0]) or typed
                dist = fuzzy_distance(typed, fuzzy["dist"])
                subs = [wq.FuzzyTerm(f, term, maxdist=dist, prefixlength=1) for f in fields]
            return subs[0] if len(subs) == 1 else wq.Or(subs)
        terms = _terms(value)
        if not terms:
            raise QueryError(f"{name}: has only common words")
        subs = [_phrase_or_term(f, terms) for f in fields]
        return subs[0] if len(subs) == 1 else wq.Or(subs)


def _expansions(node: Any, reader: Any, cap: int | None) -> list[str]:
    freq: dict[str, int] = {}
    for leaf, _ in reader.leaf_readers():
        if node.fieldname not in leaf.indexed_field_names():
            continue
        for term in terms_of(node, leaf):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            freq[text] = freq.get(text, 0) + leaf.doc_frequency(node.fieldname, text)
    ranked = sorted(freq, key=lambda t: (-freq[t], t))
    return ranked[:cap]


def expand(q: wq.Query, reader: Any) -> tuple[wq.Query, dict[int, list[str]]]:
    """Fuzzy and prefix words replaced by the terms they stand for in the index.

    Whoosh would look the terms up once per segment while matching, and again
    for highlighting, and would score them as a constant or not depending on
    how many a segment has; here they are found once, scored as words, and
    returned by ``id`` of the node they replace so snippets can mark them.
    Words of text fields stand for at most `MAX_EXPANSIONS` terms; filters
    (tags, paths, sections) for all of theirs.
    """
    found: dict[int, list[str]] = {}

    def visit(node: wq.Query) -> wq.Query:
        if isinstance(node, (wq.FuzzyTerm, wq.Prefix)):
            cap = MAX_EXPANSIONS if node.fieldname in TEXT_FIELDS else None
            terms = found[id(node)] = _expansions(node, reader, cap)
            subs = [wq.Term(node.fieldname, t, boost=node.boost) for t in terms]
            return wq.NullQuery if not subs else subs[0] if len(subs) == 1 else wq.Or(subs)
        return node

    return q.accept(visit), found


def _conjunction(subs: list[wq.Query]) -> wq.Query:
    """AND of the parts; negated parts subtract (all notes when nothing is positive)."""
    positive = [q for q in subs if not isinstance(q, wq.Not)]
    negative = [q.query for q in subs if isinstance(q, wq.Not)]
    if not negative:
        return wq.And(positive)
    base = wq.Every() if not positive else positive[0] if len(positive) == 1 else wq.And(positive)
    return wq.AndNot(base, negative[0] if len(negative) == 1 else wq.Or(negative))


_FIELD_PREFIX = re.compile(r"\b(?:" + "|".join(FILTERS) + "):", re.IGNORECASE)


def plain_words(text: str, perspectives_fallback: bool = True) -> ParsedQuery:
    """Every word of the text must match: the reading of a query that has no other."""
    stripped = _FIELD_PREFIX.sub(" ", text)
    compiler = _Compiler(text, perspectives_fallback)
    subs: list[wq.Query] = []
    for m in WORD.finditer(stripped):
        q = compiler.word(Tok("word", m.group(), m.start()), negated=False)
        if q is not None:
            subs.append(q)
    query = None if not subs else subs[0] if len(subs) == 1 else wq.And(subs)
    return ParsedQuery(text, query, None, compiler.words, compiler.highlight)


def _typing_token(toks: list[Tok], text: str) -> Tok | None:
    """The last token when it is a plain word still being typed (no space after it)."""
    last = toks[-1] if toks else None
    if last is None or last.kind != "word" or text[last.start + len(last.text) :]:
        return None
    if last.text.endswith(("*", "~")) or len(WORD.findall(last.text)) != 1:
        return None
    return last


def parse(
    text: str, perspectives_fallback: bool = True, *, as_you_type: bool = False
) -> ParsedQuery:
    """Read a query; a malformed one becomes a plain-words search with a notice.

    ``as_you_type``: the last word, when nothing follows it, also matches as the
    start of longer words ("reci" finds Reciprocity), ranked below whole words.
    """
    try:
        toks = tokenize(text)
        if not toks:
            return ParsedQuery(text, None)
        tree = _Parser(toks).parse()
        typing = _typing_token(toks, text) if as_you_type else None
        compiler = _Compiler(text, perspectives_fallback, typing)
        q = compiler.compile(tree)
        if isinstance(q, wq.Not):
            q = wq.AndNot(wq.Every(), q.query)
        return ParsedQuery(text, q, None, compiler.words, compiler.highlight, compiler.typing)
    except QueryError as exc:
        parsed = plain_words(text, perspectives_fallback)
        parsed.notice = f"Could not read the query ({exc}); searched for its words instead."
        return parsed
