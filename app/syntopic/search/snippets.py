"""Snippets: the fragments of a note's body around the words a query matched."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from syntopic.search.analysis import WORD, fold
from syntopic.search.results import Snippet, Span
from syntopic.search.schema import STEMMED

WIDTH = 180  # characters a fragment aims for
LEAD = 50  # characters shown before a fragment's first hit
# Only the start of a huge note is scanned: a snippet must not cost more than
# the search itself.
MAX_SCAN = 200_000

_COMMENTS = re.compile(r"%%.*?%%|<!--.*?-->", re.DOTALL)
_WIKILINK = re.compile(r"!?\[\[([^\]|#^]*)(?:#(\^?)([^\]|]*))?(?:\|([^\]]*))?\]\]")
_MDLINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# a heading keeps a separator after it, so it does not run into the sentence below
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_LINE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?|[-*+][ \t]+(?:\[.\][ \t]+)?|```\S*|~~~\S*)", re.M)
_UNDERSCORES = re.compile(r"_+")
# inline HTML (<button id=x>, </span>, <br/>): the tags go, what they enclose stays
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# a footnote's definition marker ("[^1]: ") and its references ("text[^1]")
_FOOTNOTE = re.compile(r"^[ \t]*\[\^[^\]\s]+\]:[ \t]*|\[\^[^\]\s]+\]", re.M)


def _link_text(m: re.Match[str]) -> str:
    target, block, fragment, shown = m.groups()
    if shown:
        return shown
    name = target.rsplit("/", 1)[-1].removesuffix(".md")
    if fragment and not block:  # a heading shows; a block id does not
        return f"{name} > {fragment}" if name else fragment
    return name


def plain_text(markdown: str) -> str:
    """Markdown as a reader sees it, on one line: links by their text, no markup."""
    text = _COMMENTS.sub(" ", markdown[:MAX_SCAN])
    if "<" in text:
        text = html.unescape(_HTML_TAG.sub(" ", text))
    if "[^" in text:
        text = _FOOTNOTE.sub("", text)
    text = _WIKILINK.sub(_link_text, text)
    text = _MDLINK.sub(r"\1", text)
    if "#" in text:
        text = _HEADING.sub(r"\1 ·", text)
    text = _LINE_MARKS.sub("", text).replace("*", "").replace("`", "")
    if "_" in text:
        text = _UNDERSCORES.sub(_underscore, text)
    return " ".join(text.split())


def _underscore(m: re.Match[str]) -> str:
    """Emphasis underscores go; those inside a word (snake_case) stay."""
    text, start, end = m.string, m.start(), m.end()
    inside = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return m.group() if inside else ""


class Body:
    """A note's body ready for snippets: its plain text, and its words by stem.

    Words are stemmed only when a query's terms could be their stems: a stem
    begins with its folded word's first letter (the Porter steps rewrite
    endings only), so the words are kept by that letter and each group is
    stemmed the first time a term with its letter is asked for. A long note
    has thousands of distinct words; a query asks about one or two letters.
    """

    __slots__ = ("_by_letter", "by_term", "text")

    def __init__(self, markdown: str) -> None:
        self.text = plain_text(markdown)
        self.by_term: dict[str, list[str]] = {}
        self._by_letter: dict[str, list[str]] = {}
        for word in set(WORD.findall(self.text)):
            self._by_letter.setdefault(fold(word)[:1], []).append(word)

    def words(self, terms: Iterable[str]) -> list[str]:
        """The words of the body, as written, whose stems are among ``terms``."""
        terms = list(terms)
        by_term = self.by_term
        for letter in {t[:1] for t in terms}:
            waiting = self._by_letter.pop(letter, None)
            if waiting is None:
                continue
            term = STEMMED.term
            for word in waiting:
                stemmed = term(word)
                if stemmed is not None:
                    by_term.setdefault(stemmed, []).append(word)
        return [w for t in terms if t in by_term for w in by_term[t]]


def _hits(text: str, found: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of every occurrence of the ``found`` words."""
    if not found:
        return []
    wanted = set(found)
    return [
        (m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text) if m.group() in wanted
    ]


def _clip(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a window's edges out of the middle of words."""
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), start + 1)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space <= end + 20 else end
    return start, end


def snippets(body: Body, terms: Iterable[str], count: int = 2) -> list[Snippet]:
    """Up to ``count`` fragments with the most distinct hits, in reading order.

    ``terms`` are the stems the query matched. With no hit in the body (a
    title match, say) the opening of the note is returned, unmarked, so a
    result always shows something of the note.
    """
    text = body.text
    if not text:
        return []
    hits = _hits(text, body.words(terms))
    if not hits:
        start, end = _clip(text, 0, WIDTH)
        return [_snippet(text, start, end, [])]
    windows: list[tuple[float, int, int]] = []
    for i, (hit_start, _, _) in enumerate(hits):
        start = max(0, hit_start - LEAD)
        end = min(len(text), start + WIDTH)
        inside = [h for h in hits[i:] if h[1] <= end]
        score = len({h[2] for h in inside}) + 0.01 * len(inside)
        windows.append((score, start, end))
    chosen: list[tuple[int, int]] = []
    for _, start, end in sorted(windows, key=lambda w: (-w[0], w[1])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
            if len(chosen) == count:
                break
    out = []
    for start, end in sorted(chosen):
        start, end = _clip(text, start, end)
        out.append(_snippet(text, start, end, [h for h in hits if start <= h[0] and h[1] <= end]))
    return out


def _snippet(text: str, start: int, end: int, hits: list[tuple[int, int, str]]) -> Snippet:
    spans: list[Span] = []
    if start > 0:
        spans.append(Span("…", False))
    pos = start
    for hit_start, hit_end, _ in hits:
        if hit_start > pos:
            spans.append(Span(text[pos:hit_start], False))
        spans.append(Span(text[hit_start:hit_end], True))
        pos = hit_end
    if pos < end:
        spans.append(Span(text[pos:end], False))
    if end < len(text):
        spans.append(Span("…", False))
    merged: list[Span] = []
    for span in spans:
        if merged and not span.hit and not merged[-1].hit:
            merged[-1] = Span(merged[-1].text + span.text, False)
        else:
            merged.append(span)
    return Snippet(tuple(merged))
