"""A note too large to render at once, cut into pages at paragraph breaks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from syntopic.core.model import Heading

# ~100 KB of Markdown renders in a few tenths of a second and Qt lays it out in
# about as long; a whole 20 MB note took minutes and froze the window
PAGE_CHARS = 100_000
# past this a note is rendered off the UI thread even when it fits on one page
BACKGROUND_CHARS = 32_000

_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a note body: its text and the line it starts on (1-based, in the body)."""

    text: str
    first_line: int
    number: int  # 0-based
    count: int


def _cut(text: str, start: int, size: int) -> int:
    """Where the page that starts at ``start`` ends: a blank line outside code if we can."""
    if len(text) - start <= size:
        return len(text)
    pos = start + size
    limit = min(len(text), start + 2 * size)
    while True:
        gap = text.find("\n\n", pos, limit)
        if gap < 0:
            break
        if len(_FENCE.findall(text, start, gap)) % 2 == 0:
            return gap + 2
        pos = gap + 2
    line = text.find("\n", start + size, limit)
    return line + 1 if line >= 0 else start + size


def page_starts(text: str, size: int = PAGE_CHARS) -> list[int]:
    """The offset each page starts at; one page for a text that fits."""
    starts = [0]
    while True:
        end = _cut(text, starts[-1], size)
        if end >= len(text):
            return starts
        starts.append(end)


def first_lines(text: str, starts: list[int]) -> list[int]:
    """The line (1-based) each page starts on, in one pass over the text."""
    lines, line, pos = [], 1, 0
    for start in starts:
        line += text.count("\n", pos, start)
        pos = start
        lines.append(line)
    return lines


def page_of(
    text: str, number: int, size: int = PAGE_CHARS, starts: list[int] | None = None
) -> Page:
    """Page ``number`` (clamped to the pages there are) of ``text``."""
    starts = starts if starts is not None else page_starts(text, size)
    number = max(0, min(number, len(starts) - 1))
    start = starts[number]
    end = starts[number + 1] if number + 1 < len(starts) else len(text)
    return Page(text[start:end], text.count("\n", 0, start) + 1, number, len(starts))


def _size(chars: int) -> str:
    return f"{chars / 1_000_000:.1f} MB" if chars >= 1_000_000 else f"{chars // 1000} KB"


def page_bar(page: Page, total_chars: int) -> str:
    """The notice above and below a page, with links to its neighbours."""
    if page.count == 1:
        return ""
    links = []
    if page.number > 0:
        links.append('<a href="page:1">« First</a>')
        links.append(f'<a href="page:{page.number}">‹ Previous</a>')
    if page.number + 1 < page.count:
        links.append(f'<a href="page:{page.number + 2}">Next ›</a>')
        links.append(f'<a href="page:{page.count}">Last »</a>')
    return (
        f'<p class="notice">This note is large ({html.escape(_size(total_chars))}), so it is '
        f"shown in {page.count} pages. Page {page.number + 1} of {page.count} · "
        + " · ".join(links)
        + "</p>"
    )


def _spoken(text: str) -> str:
    return " ".join(text.split()).casefold()


def repeated_title(body: str, first_line: int, title: str, heading: Heading | None) -> int:
    """How many lines at the start of ``body`` (which starts on file line ``first_line``)
    only say the page's title again: blank lines, then a first heading that reads as
    ``title`` in any case or spacing ("# My note" in "My Note.md"); 0 when none do."""
    if heading is None or heading.promoted or _spoken(heading.text) != _spoken(title):
        return 0
    before = heading.line - first_line  # lines of the body above the heading
    if before < 0:
        return 0
    lines = body.split("\n", before + 2)
    if len(lines) <= before or any(line.strip() for line in lines[:before]):
        return 0
    if lines[before].lstrip(" ").startswith("#"):
        return before + 1
    underline = lines[before + 1].strip() if len(lines) > before + 1 else ""
    if underline and (not underline.strip("=") or not underline.strip("-")):
        return before + 2  # a setext heading: its text and its underline
    return 0


def without_lines(body: str, count: int) -> str:
    """``body`` from its line ``count`` (0-based) on."""
    rest = body.split("\n", count)
    return rest[count] if len(rest) > count else ""
