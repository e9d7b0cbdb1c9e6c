"""What a link says: its target's parts, the text a reader sees, the sentence around it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from syntopic.core.model import Link

_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_LIST_AT = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\n|$)")  # for match(text, pos)
_BULLETS = frozenset("-*+")
_AFTER_BULLET = frozenset(("", " ", "\t", "\n"))
_GAP = frozenset((" ", "\t"))
_SENTENCE_END = re.compile(r"[.!?][\"')\]*_]*(?:\s|$)")
_WIKI_DISPLAY = re.compile(r"!?\[\[[^\[\]|\n]*\|([^\[\]\n]*)\]\]")
_WIKI_NAME = re.compile(r"!?\[\[#?\^?([^\[\]|#\n]*)[^\[\]\n]*\]\]")
_MD_SHOWN = re.compile(r"!?\[([^\[\]\n]*)\]\([^)\n]*\)")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_LIST_MARKS = set("-*+0123456789")
_TRAILING_ID = re.compile(r"\s\^[A-Za-z0-9-]+\s*$")
_NEWLINE = re.compile("\n")
_WIKI = re.compile(r"\[\[([^\[\]\n]+?)\]\]")
_KEY = re.compile(r"([^\s#:\-][^:]*?)[ \t]*:(?:[ \t]|$)")  # a top-level property line

CONTEXT_LIMIT = 280


def shown(text: str) -> str:
    """Reduce link syntax to what a reader sees, for context sentences."""
    # template substitutions run in C; a Python callback per link costs more
    if "|" in text:
        text = _WIKI_DISPLAY.sub(r"\1", text)
    text = _WIKI_NAME.sub(r"\1", text)
    if "](" in text:
        text = _MD_SHOWN.sub(r"\1", text)
    return text


def split_target(target: str, markdown: bool) -> tuple[str, str | None, str | None]:
    """``Note#Heading`` / ``Note#^block`` into their parts."""
    note, hash_, fragment = target.partition("#")
    heading: str | None = None
    block: str | None = None
    if hash_:
        fragment = fragment.strip()
        if fragment.startswith("^"):
            block = fragment[1:]
        else:
            # a chain [[B#Top#Sub]] keeps its parts apart: Sub is looked for under Top
            heading = "#".join(p.strip() for p in fragment.split("#") if p.strip()) or None
    note = note.strip()
    if markdown and note.startswith("./"):
        note = note[2:]
    return note, heading, block


class Lines:
    """Line numbers of offsets in a paragraph, by bisection (counting from 0 is quadratic)."""

    __slots__ = ("breaks",)

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _NEWLINE.finditer(text)] if "\n" in text else []

    def index(self, offset: int) -> int:
        """0-based line of ``offset``."""
        return bisect_left(self.breaks, offset)

    def start(self, index: int) -> int:
        """Offset where line ``index`` begins."""
        return self.breaks[index - 1] + 1 if index else 0


class Sentences:
    """Sentence boundaries of one paragraph, found once for all its links."""

    __slots__ = ("cache", "ends", "raw", "span_starts", "spans", "starts", "table")

    def __init__(self, raw: str, spans: list[tuple[int, int, str]]) -> None:
        self.raw = raw
        self.spans = spans
        self.span_starts = [span[0] for span in spans]
        self.starts: list[int] = []
        self.ends: list[int] = []
        if "." in raw or "!" in raw or "?" in raw:  # a sentence ends in one of them
            for m in _SENTENCE_END.finditer(raw):
                self.starts.append(m.start())
                self.ends.append(m.end())
        self.table = raw.lstrip().startswith("|")
        self.cache: dict[tuple[int, int], str] = {}

    def around(self, start: int, end: int, line_start: int) -> str:
        """The sentence around a link, limited to its own line for list items."""
        raw = self.raw
        if self.table or _list_line(raw, line_start):
            line_end = raw.find("\n", end)
            lo, hi = line_start, (len(raw) if line_end < 0 else line_end)
        else:
            lo, hi = 0, len(raw)
        ends = self.ends
        i = bisect_right(ends, start) - 1
        first = ends[i] if i >= 0 and ends[i] > lo else lo
        j = bisect_left(self.starts, end)
        last = ends[j] if j < len(ends) and ends[j] < hi else hi
        key = (first, last)
        cached = self.cache.get(key)
        if cached is None:
            cached = self.cache[key] = clean_context(self._spliced(first, last))
        return cached

    def _spliced(self, first: int, last: int) -> str:
        """The sentence with each link replaced by what a reader sees of it.

        The scanner already knows where the links are, so this is slicing,
        not another regex pass (the regex stays for links cut by a boundary).
        """
        pieces: list[str] = []
        pos = first
        spans = self.spans
        # from the first link at or after the sentence: walking from the
        # paragraph's start is quadratic in a list of thousands of links
        for index in range(bisect_left(self.span_starts, first), len(spans)):
            start, end, shown = spans[index]
            if start >= last:
                break
            if start >= pos and end <= last:
                pieces.append(self.raw[pos:start])
                pieces.append(shown)
                pos = end
        pieces.append(self.raw[pos:last])
        return "".join(pieces)


def _list_line(text: str, at: int) -> bool:
    """Whether the line starting at ``at`` is a list item: `_LIST_AT`'s answer, with
    the regex left for lines it cannot rule on from two characters."""
    mark = text[at : at + 1]
    if mark in _BULLETS:
        return text[at + 1 : at + 2] in _AFTER_BULLET
    if mark == " " or mark == "\t" or mark.isdecimal():  # \d is any decimal digit
        return _LIST_AT.match(text, at) is not None
    return False


def clean_context(text: str) -> str:
    if ">" in text:
        text = _QUOTE_PREFIX.sub("", text)
    if "^" in text:
        text = _TRAILING_ID.sub("", text)
    if text[:1] in _BULLETS and text[1:2] in _GAP:
        text = text[2:]  # what `_LIST_ITEM` takes from the usual "- item"
    elif text.lstrip()[:1] in _LIST_MARKS:
        text = _LIST_ITEM.sub("", text, count=1)
    if "[[" in text or "](" in text:
        text = shown(text)  # a link the sentence cuts through, or one inside code
    text = " ".join(text.split())
    if len(text) > CONTEXT_LIMIT:
        text = text[: CONTEXT_LIMIT - 1].rstrip() + "…"
    return text


def _strings(value: Any) -> list[str]:
    """The text of a property value that may hold links: a string or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def property_links(source: str, props: dict[str, Any], first_line: int) -> list[Link]:
    """Wiki links written in front-matter properties (``related: "[[Note]]"`` or a list).

    Each is found in the YAML source, for its line, and kept only if the loaded
    value holds it (a YAML comment or an unquoted ``[[x]]``, a nested list, is no link).
    The property's name is the link's section, as a heading is for body links.
    """
    found: list[Link] = []
    key: str | None = None
    held: set[str] = set()
    context = ""
    for offset, line in enumerate(source.split("\n")):
        m = _KEY.match(line)
        if m:
            key = m.group(1).strip("'\" ")
            texts = _strings(props.get(key))
            held = {link.group() for text in texts for link in _WIKI.finditer(text)}
            context = (f"{key}: " + shown(", ".join(texts)))[:CONTEXT_LIMIT] if held else ""
        if not held or "[[" not in line or key is None:
            continue
        for w in _WIKI.finditer(line):
            if w.group() not in held:
                continue
            embed = w.start() > 0 and line[w.start() - 1] == "!"
            name, _, display = w.group(1).replace("\\|", "|").partition("|")
            note, heading, block = split_target(name, False)
            column = w.start() - embed + 1
            found.append(
                Link(
                    note, heading, block, display or None, embed, False,
                    first_line + offset, column, key, context, True,
                )
            )  # fmt: skip
    return found
