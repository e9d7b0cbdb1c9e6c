"""Reading a block of Markdown prose: links, italics, first sentence, plain text."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote

EXCERPT_LIMIT = 160


# -- reading a block --------------------------------------------------------------
# Attribution reads the Markdown as written: link brackets and emphasis marks
# are tolerated by the patterns rather than stripped first (that pass cost more
# than the rest of the work on a large vault).
_WIKI = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_MDLINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()<>\s]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Each starts with its mark and looks behind it after (``\*(?<![\w*]\*)`` is
# ``(?<![\w*])\*``): the regex engine then skips ahead to the marks instead of trying
# the look-behind at every character, ten times faster on a lens's tension blocks.
_STAR = r"\*(?<![\w*]\*)[^*\s][^*\n]*\*(?![\w*])"
_UNDERSCORE = r"_(?<![\w_]_)[^_\s][^_\n]*_(?!\w)"
_ITALIC = re.compile(f"{_STAR}|{_UNDERSCORE}")
_ITALIC_STAR = re.compile(_STAR)  # what _ITALIC finds in a text without an underscore
_ITALIC_UNDERSCORE = re.compile(_UNDERSCORE)  # and in one without a star
# HTML tags, footnote references and a trailing ^block-id: not words a reader reads
_HTML = re.compile(r"<[^>\n]*>|\[\^[^\]\s]+\]|(?<!\S)\^[A-Za-z0-9-]+\s*$")
_LINE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-+*]|\d{1,9}[.)])[ \t]+", re.M)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s+[\"“'(\[*_]*[A-Z0-9$]|\s*$)")
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "vs", "e.g", "i.e", "etc", "cf", "jr", "sr"}
_ABBREVIATIONS |= {"prof", "no", "vol", "ch", "p", "pp", "fig", "approx"}


class ProseLink(NamedTuple):
    start: int
    end: int
    target: str  # the note part, as written
    shown_start: int  # where the text a reader sees begins and ends
    shown_end: int


def prose_links(text: str) -> list[ProseLink]:
    """Wiki and Markdown links of a block, in order."""
    found: list[ProseLink] = []
    if "[[" in text:
        for m in _WIKI.finditer(text):
            target, bar, _ = m.group(1).partition("|")
            if bar:
                shown = (m.start(1) + len(target) + 1, m.end(1))
            else:
                hash_at = target.find("#")
                name_end = hash_at if hash_at >= 0 else len(target)
                shown = (m.start(1) + target.rfind("/", 0, name_end) + 1, m.start(1) + name_end)
            found.append(ProseLink(m.start(), m.end(), target.partition("#")[0].strip(), *shown))
    if "](" in text:
        for m in _MDLINK.finditer(text):
            if any(link.start <= m.start() < link.end for link in found):
                continue
            url = m.group(2)
            target = "" if not url or _SCHEME.match(url) else unquote(url).removesuffix(".md")
            found.append(ProseLink(m.start(), m.end(), target, m.start(1), m.end(1)))
        found.sort()
    return found


def _head_end(text: str) -> int:
    """Where the first sentence ends."""
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            space = text.rfind(" ", max(0, dot - 8), dot)
            word = text[space + 1 : dot] if space >= 0 else text[max(0, dot - 8) : dot]
            if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue  # "Dr. Cialdini", "Robert B. Cialdini"
        return m.end()
    return len(text)


class Prose:
    """One block's Markdown and what attribution finds in it, each found once."""

    __slots__ = ("_head", "_italics", "prose_links", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._head = -1
        self.prose_links: list[ProseLink] | None = None
        self._italics: list[tuple[int, int]] | None = None

    @property
    def head(self) -> int:
        if self._head < 0:
            self._head = _head_end(self.text)
        return self._head

    @property
    def links(self) -> list[ProseLink]:
        if self.prose_links is None:
            self.prose_links = prose_links(self.text)
        return self.prose_links

    def excerpt(self, limit: int = EXCERPT_LIMIT) -> str:
        """The first sentence on one line, links shown as a reader sees them."""
        text, head = self.text, self.head
        pieces: list[str] = []
        pos = 0
        if "[" in text:
            for link in self.links:
                if link.start >= head:
                    break
                pieces += (text[pos : link.start], text[link.shown_start : link.shown_end])
                pos = link.end
        pieces.append(text[pos:head])
        sentence = " ".join("".join(pieces).replace("*", "").replace("`", "").split())
        if len(sentence) > limit:
            sentence = sentence[: limit - 1].rstrip() + "…"
        return sentence

    @property
    def italics(self) -> list[tuple[int, int]]:
        """Spans in *italics*: titles, by convention, never people."""
        if self._italics is None:
            text = self.text
            star, underscore = "*" in text, "_" in text
            if star and underscore:
                pattern = _ITALIC
            else:
                pattern = _ITALIC_STAR if star else _ITALIC_UNDERSCORE
            found = pattern.finditer(text) if star or underscore else ()
            self._italics = [(m.start(), m.end()) for m in found]
        return self._italics


def plain_text(markdown: str) -> str:
    """Markdown reduced to the words a reader sees, on one line (excerpts, terminal)."""
    pieces: list[str] = []
    pos = 0
    for link in prose_links(markdown):
        pieces += (markdown[pos : link.start], markdown[link.shown_start : link.shown_end])
        pos = link.end
    pieces.append(markdown[pos:])
    text = "".join(pieces)
    if "<" in text or "^" in text:
        text = _HTML.sub(" ", text)
    if "\n" in text or text[:1] in "->+*0123456789 \t":
        text = _LINE_MARKS.sub("", text)
    if "*" in text or "_" in text:
        text = _ITALIC.sub(lambda m: m.group()[1:-1], text)
        text = text.replace("**", "").replace("__", "")
    return " ".join(text.replace("`", "").split())


def excerpt(markdown: str, limit: int = EXCERPT_LIMIT) -> str:
    """The first sentence of a block as a reader sees it, cut at ``limit``."""
    return Prose(markdown).excerpt(limit)
