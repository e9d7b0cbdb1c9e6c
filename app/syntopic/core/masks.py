"""Blanking out text where Markdown syntax is not syntax: code, comments, math, HTML tags."""

from __future__ import annotations

import re
from bisect import bisect_right

_CODE_SPAN = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span's characters turned to spaces, newlines and offsets kept."""
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces.append(text[pos:start])
        part = text[start:end]
        pieces.append(_NOT_NEWLINE.sub(" ", part) if "\n" in part else " " * len(part))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans (CommonMark: a run of n backticks closes at the next run of n)."""
    runs = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text)]
    # every run's index by its length, so each opener finds its closer by bisection:
    # a scan forward per opener is quadratic on notes full of stray backticks
    by_size: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_size.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        if start > 0 and text[start - 1] == "\\":
            start += 1  # an escaped backtick is literal; the rest may still open
            if start == end:
                i += 1
                continue
        same = by_size.get(end - start, [])
        at = bisect_right(same, i)
        if at == len(same):
            i += 1
            continue
        closer = same[at]
        spans.append((start, runs[closer][1]))
        i = closer + 1
    return spans


def mask_code_spans(text: str) -> str:
    """Blank out inline code spans, keeping offsets."""
    if "`" not in text:
        return text
    return _blank(text, code_spans(text))


def mask_between(text: str, opener: str, closer: str) -> str:
    """Blank out ``opener ... closer`` spans (HTML comments inside a paragraph)."""
    if opener not in text:
        return text
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        start = text.find(opener, pos)
        if start < 0:
            break
        end = text.find(closer, start + len(opener))
        if end < 0:
            break
        pos = end + len(closer)
        spans.append((start, pos))
    return _blank(text, spans)


def _math_closer(text: str, pos: int) -> int:
    """The next ``$`` that can close inline math: after a non-space, not before a digit."""
    size = len(text)
    while True:
        pos = text.find("$", pos)
        if pos < 0:
            return -1
        before = text[pos - 1]
        after = text[pos + 1] if pos + 1 < size else ""
        if not before.isspace() and before != "\\" and not after.isdigit() and after != "$":
            return pos
        pos += 1


def mask_math(text: str) -> str:
    """Blank out ``$inline$`` and ``$$display$$`` math: links and tags there are formulas.

    The pandoc rules keep prices prose: an opening ``$`` is followed by a
    non-space, a closing one follows a non-space and precedes no digit. A
    ``$`` right after ``[`` opens nothing (``[[$100M Leads]]`` is a title).
    """
    if "$" not in text:
        return text
    spans: list[tuple[int, int]] = []
    size = len(text)
    pos = 0
    while True:
        start = text.find("$", pos)
        if start < 0 or start + 1 >= size:
            break
        before = text[start - 1] if start else ""
        if before in ("\\", "["):
            pos = start + 1
            continue
        if text[start + 1] == "$":
            end = text.find("$$", start + 2)
            if end < 0:
                break
            spans.append((start, end + 2))
            pos = end + 2
            continue
        if text[start + 1].isspace():
            pos = start + 1
            continue
        end = _math_closer(text, start + 2)
        if end < 0:
            break  # no later opener can find a closer either
        spans.append((start, end + 1))
        pos = end + 1
    return _blank(text, spans)


def mask_html_tags(text: str) -> str:
    """Blank out HTML tags with their attributes (``style="color: #ccc"`` holds no tags)."""
    if "<" not in text:
        return text
    return _HTML_TAG.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group()), text)


def mask_percent(line: str, inside: bool) -> tuple[str, bool]:
    """Blank out Obsidian ``%% comments %%``, which may span lines.

    Outside a comment, a ``%%`` in inline code is text ("Use `%%` to start a
    comment"); inside one, everything up to the closing ``%%`` is comment.
    """
    if not inside and line.startswith("%%") and line.find("%%", 2) == len(line) - 2:
        return " " * len(line), False  # the usual shape: one comment, the whole line
    out: list[str] = []
    pos = 0
    while True:
        if inside:
            mark = line.find("%%", pos)
        else:
            mark = line.find("%%", pos)
            if mark >= 0 and "`" in line[pos:mark]:  # a "%%" in inline code is text
                rest = line[pos:]
                found = mask_code_spans(rest).find("%%")
                mark = found + pos if found >= 0 else -1
        if mark < 0:
            out.append(" " * (len(line) - pos) if inside else line[pos:])
            break
        out.append(" " * (mark - pos) if inside else line[pos:mark])
        out.append("  ")
        pos = mark + 2
        inside = not inside
    return "".join(out), inside
