"""One pass over a note's text: front matter, headings, links, tags, blocks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from urllib.parse import unquote

from syntopic.core import frontmatter
from syntopic.core.model import Block, Heading, Link, ParsedNote, Problem

PERSPECTIVE_HEADINGS = ("multi-book view", "perspectives", "what the books say")
TENSION_HEADINGS = ("contradicting and competing perspectives", "tensions")


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """Which headings open the special sections (configurable per vault)."""

    perspective_headings: tuple[str, ...] = PERSPECTIVE_HEADINGS
    tension_headings: tuple[str, ...] = TENSION_HEADINGS


DEFAULT_OPTIONS = ParseOptions()

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_LIST_AT = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\n|$)")  # for match(text, pos)
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
# No leading `!?` group: an optional first group stops `re` from scanning for
# the literal "[[" (measured 7x slower); an embed's "!" is checked by hand.
_WIKI = re.compile(r"\[\[([^\[\]\n]+?)\]\]")
_MDLINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_TAG = re.compile(r"(?<!\S)#([^\s#!\"$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+)")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.M)
_CODE_SPAN = re.compile(r"`+")
_SENTENCE_END = re.compile(r"[.!?][\"')\]*_]*(?:\s|$)")
_WIKI_DISPLAY = re.compile(r"!?\[\[[^\[\]|\n]*\|([^\[\]\n]*)\]\]")
_WIKI_NAME = re.compile(r"!?\[\[#?\^?([^\[\]|#\n]*)[^\[\]\n]*\]\]")
_MD_SHOWN = re.compile(r"!?\[([^\[\]\n]*)\]\([^)\n]*\)")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_LIST_MARKS = set("-*+0123456789")
_TRAILING_ID = re.compile(r"\s\^[A-Za-z0-9-]+\s*$")

CONTEXT_LIMIT = 280


def section_key(text: str) -> str:
    """Normalise a heading for matching section names ("The Multi-Book View")."""
    key = text.strip().lower().replace("&", "and")
    key = re.sub(r"[^\w\s-]", "", key)
    key = " ".join(key.split())
    return key[4:] if key.startswith("the ") else key


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _mask_code_spans(text: str) -> str:
    """Blank out inline code spans, keeping offsets (CommonMark matching)."""
    if "`" not in text:
        return text
    out = list(text)
    runs = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text)]
    i = 0
    while i < len(runs):
        start, end = runs[i]
        if start > 0 and text[start - 1] == "\\":
            start += 1  # an escaped backtick is literal; the rest may still open
            if start == end:
                i += 1
                continue
        size = end - start
        closer = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == size), -1)
        if closer < 0:
            i += 1
            continue
        close_end = runs[closer][1]
        for k in range(start, close_end):
            if out[k] != "\n":
                out[k] = " "
        i = closer + 1
    return "".join(out)


def _mask_between(text: str, opener: str, closer: str) -> str:
    """Blank out ``opener ... closer`` spans (HTML comments inside a paragraph)."""
    if opener not in text:
        return text
    out = list(text)
    pos = 0
    while True:
        start = text.find(opener, pos)
        if start < 0:
            break
        end = text.find(closer, start + len(opener))
        if end < 0:
            break
        end += len(closer)
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "
        pos = end
    return "".join(out)


def _shown(text: str) -> str:
    """Reduce link syntax to what a reader sees, for context sentences."""
    # template substitutions run in C; a Python callback per link costs more
    if "|" in text:
        text = _WIKI_DISPLAY.sub(r"\1", text)
    text = _WIKI_NAME.sub(r"\1", text)
    if "](" in text:
        text = _MD_SHOWN.sub(r"\1", text)
    return text


class _NoteParser:
    """Holds the state of one pass; `parse_note` is the public face."""

    def __init__(self, path: str, options: ParseOptions) -> None:
        self.path = path
        self.options = options
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.tags: list[str] = []
        self.block_ids: list[tuple[str, int]] = []
        self.summary = ""
        self.section: str | None = None
        # special section tracking: (kind, level) of the open one
        self.special: tuple[str, int] | None = None
        self.subheading: str | None = None
        self.perspectives: list[Block] = []
        self.tensions: list[Block] = []

    # -- blocks -----------------------------------------------------------
    def heading(self, level: int, text: str, line: int) -> None:
        text = text.strip()
        self.headings.append(Heading(level, text, line))
        self.section = text
        if self.special is not None and level > self.special[1]:
            self.subheading = _shown(text)
        else:
            self.special = None
            self.subheading = None
            key = section_key(text)
            if key in self.options.perspective_headings:
                self.special = ("perspectives", level)
            elif key in self.options.tension_headings:
                self.special = ("tensions", level)
        masked = _mask_between(_mask_code_spans(text), "<!--", "-->")
        if "#" in masked:
            self.inline_tags(masked)
        if "[" in masked:
            self.inline_links(text, masked, line)

    def paragraph(self, lines: list[str], first_line: int) -> None:
        raw = "\n".join(lines)
        masked = _mask_between(_mask_code_spans(raw), "<!--", "-->")
        if "[" in masked:
            self.inline_links(raw, masked, first_line)
        if "#" in masked:
            self.inline_tags(masked)
        if "^" in masked:
            for m in _BLOCK_ID.finditer(masked):
                self.block_ids.append((m.group(1), first_line + masked.count("\n", 0, m.start())))
        first = lines[0].lstrip()
        plain = not (first[:1] in "|<>" or _LIST_ITEM.match(lines[0]))
        if not self.summary and plain and not self.headings_beyond_intro():
            self.summary = raw.strip()[:1200]
        if self.special is not None:
            block = Block(raw.strip(), first_line, self.subheading)
            if self.special[0] == "perspectives":
                self.perspectives.append(block)
            else:
                self.tensions.append(block)

    def headings_beyond_intro(self) -> bool:
        """A definition comes before the first level-2 heading."""
        return any(h.level >= 2 for h in self.headings)

    # -- inline -----------------------------------------------------------
    def inline_tags(self, masked: str) -> None:
        for m in _TAG.finditer(masked):
            tag = m.group(1).rstrip("/")
            if tag and not tag.replace("/", "").isdigit():
                self.tags.append(tag.lower())

    def inline_links(self, raw: str, masked: str, first_line: int) -> None:
        found: list[tuple[int, int, str, str | None, bool, bool]] = []
        spans: list[tuple[int, int, str]] = []  # every link and what a reader sees of it
        for m in _WIKI.finditer(masked):
            start = m.start()
            embed = start > 0 and masked[start - 1] == "!"
            if embed:
                start -= 1
            inner = raw[m.start(1) : m.end(1)]
            if "\\|" in inner:
                inner = inner.replace("\\|", "|")
            name, _, shown_text = inner.partition("|")
            found.append((start, m.end(), name, shown_text or None, embed, False))
            spans.append((start, m.end(), shown_text or name.split("#")[0] or name.lstrip("#^")))
        if "](" in masked:
            for m in _MDLINK.finditer(masked):
                start = m.start()
                if any(s <= start < e for s, e, *_ in found):
                    continue
                embed = start > 0 and masked[start - 1] == "!"
                if embed:
                    start -= 1
                shown = raw[m.start(1) : m.end(1)]
                spans.append((start, m.end(), shown))
                url = raw[m.start(2) : m.end(2)]
                if url.startswith("<") and url.endswith(">"):
                    url = url[1:-1]
                if _SCHEME.match(url) or url.startswith("//"):
                    continue  # external: not part of the graph
                found.append((start, m.end(), unquote(url), shown or None, embed, True))
        if not found:
            return
        found.sort(key=lambda item: item[0])
        spans.sort()
        sentences = _Sentences(raw, spans)
        section = self.section
        append = self.links.append
        for start, end, target, display, embed, markdown in found:
            newlines = raw.count("\n", 0, start)
            line_start = raw.rfind("\n", 0, start) + 1 if newlines else 0
            note, heading, block = _split_target(target, markdown)
            append(
                Link(
                    note,
                    heading,
                    block,
                    display,
                    embed,
                    markdown,
                    first_line + newlines,
                    start - line_start + 1,
                    section,
                    sentences.around(start, end, line_start),
                )
            )


def _split_target(target: str, markdown: bool) -> tuple[str, str | None, str | None]:
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


class _Sentences:
    """Sentence boundaries of one paragraph, found once for all its links."""

    def __init__(self, raw: str, spans: list[tuple[int, int, str]]) -> None:
        self.raw = raw
        self.spans = spans
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _SENTENCE_END.finditer(raw):
            self.starts.append(m.start())
            self.ends.append(m.end())
        self.table = raw.lstrip().startswith("|")
        self.cache: dict[tuple[int, int], str] = {}

    def around(self, start: int, end: int, line_start: int) -> str:
        """The sentence around a link, limited to its own line for list items."""
        raw = self.raw
        lo, hi = 0, len(raw)
        if self.table or _LIST_AT.match(raw, line_start):
            line_end = raw.find("\n", end)
            lo, hi = line_start, (len(raw) if line_end < 0 else line_end)
        i = bisect_right(self.ends, start) - 1
        first = max(lo, self.ends[i]) if i >= 0 else lo
        j = bisect_left(self.starts, end)
        last = min(hi, self.ends[j]) if j < len(self.ends) else hi
        key = (first, last)
        cached = self.cache.get(key)
        if cached is None:
            cached = self.cache[key] = _clean_context(self._spliced(first, last))
        return cached

    def _spliced(self, first: int, last: int) -> str:
        """The sentence with each link replaced by what a reader sees of it.

        The scanner already knows where the links are, so this is slicing,
        not another regex pass (the regex stays for links cut by a boundary).
        """
        pieces: list[str] = []
        pos = first
        for start, end, shown in self.spans:
            if start >= last:
                break
            if start >= pos and end <= last:
                pieces.append(self.raw[pos:start])
                pieces.append(shown)
                pos = end
        pieces.append(self.raw[pos:last])
        return "".join(pieces)


def _clean_context(text: str) -> str:
    if ">" in text:
        text = _QUOTE_PREFIX.sub("", text)
    if "^" in text:
        text = _TRAILING_ID.sub("", text)
    if text.lstrip()[:1] in _LIST_MARKS:
        text = _LIST_ITEM.sub("", text, count=1)
    if "[[" in text or "](" in text:
        text = _shown(text)  # a link the sentence cuts through, or one inside code
    text = " ".join(text.split())
    if len(text) > CONTEXT_LIMIT:
        text = text[: CONTEXT_LIMIT - 1].rstrip() + "…"
    return text


def parse_note(path: str, text: str, options: ParseOptions = DEFAULT_OPTIONS) -> ParsedNote:
    """Parse one note's text (already decoded, newlines normalised)."""
    problems: list[Problem] = []
    source, body_start, fm_lines = frontmatter.split(text)
    props: dict[str, object] = {}
    if source is not None:
        props, problem = frontmatter.load(source)
        if problem is not None:
            problems.append(problem)
    state = _NoteParser(path, options)
    _scan_body(state, text[body_start:], fm_lines + 1)

    name = path.rsplit("/", 1)[-1]
    name = name[:-3] if name.lower().endswith(".md") else name
    title = props.get("title")
    tags = frontmatter.tag_list(props.get("tags", props.get("tag")))
    all_tags = list(dict.fromkeys([*tags, *state.tags]))
    note_type = props.get("type")
    return ParsedNote(
        path=path,
        title=title.strip() if isinstance(title, str) and title.strip() else name,
        aliases=tuple(frontmatter.string_list(props.get("aliases", props.get("alias")))),
        tags=tuple(all_tags),
        type=str(note_type).strip().lower() if note_type not in (None, "") else None,
        properties=props,
        headings=tuple(state.headings),
        links=tuple(state.links),
        block_ids=tuple(state.block_ids),
        summary=state.summary,
        body_start=body_start,
        perspectives=tuple(state.perspectives),
        tensions=tuple(state.tensions),
        problems=tuple(problems),
    )


def _scan_body(state: _NoteParser, body: str, first_line: int) -> None:
    """Classify lines into blocks the way CommonMark does, for what links need."""
    lines = body.split("\n")
    para: list[str] = []
    para_line = 0
    fence: tuple[str, int, int] | None = None  # (char, length, indent) of an open fence
    in_html_comment = False
    in_percent = False
    in_list = False
    prev_blank = True

    def flush() -> None:
        nonlocal para
        if para:
            state.paragraph(para, para_line)
            para = []

    for number, line in enumerate(lines, first_line):
        if fence is not None:
            stripped = line.strip()
            if (
                _indent(line) < fence[2] + 4
                and stripped.startswith(fence[0] * fence[1])
                and not stripped.strip(fence[0])
            ):
                fence = None
            prev_blank = False
            continue
        if in_html_comment:
            if "-->" in line:
                in_html_comment = False
            continue
        indent = _indent(line)  # of the line as written: masking adds blanks
        if in_percent or "%%" in line:
            line, in_percent = _mask_percent(line, in_percent)
        if not line.strip():
            flush()
            prev_blank = True
            continue
        if in_list and prev_blank and indent == 0 and not _LIST_ITEM.match(line):
            in_list = False  # a block at the margin after a blank line ends the list
        if indent >= 4 and not para and not in_list:
            continue  # an indented code block: it cannot interrupt a paragraph
        first = line.lstrip()[:1]
        if first in "`~" and (indent < 4 or in_list):
            m = _FENCE.match(line.lstrip() if in_list else line)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                flush()
                fence = (m.group(1)[0], len(m.group(1)), indent)
                prev_blank = False
                continue
        if indent < 4:
            if first == "#":
                m = _ATX.match(line)
                if m:
                    flush()
                    state.heading(len(m.group(1)), m.group(2) or "", number)
                    in_list = False
                    prev_blank = False
                    continue
            elif first == "<" and not para and line.lstrip().startswith("<!--"):
                if "-->" not in line:
                    in_html_comment = True
                continue
            elif first in "=-" and para and not in_list and _SETEXT.match(line):
                text = " ".join(p.strip() for p in para)
                heading_line = para_line
                para = []
                before = len(state.links)
                state.heading(1 if first == "=" else 2, text, heading_line)
                state.links[before:] = [
                    link._replace(section=state.section) for link in state.links[before:]
                ]
                prev_blank = False
                continue
            if first in "-*_" and _HR.match(line):
                flush()
                in_list = False
                prev_blank = False
                continue
            if _LIST_ITEM.match(line):
                if not in_list:
                    flush()
                in_list = True
        if not para:
            para_line = number
        para.append(line)
        prev_blank = False
    flush()


def _mask_percent(line: str, inside: bool) -> tuple[str, bool]:
    """Blank out Obsidian ``%% comments %%``, which may span lines."""
    out: list[str] = []
    pos = 0
    while True:
        mark = line.find("%%", pos)
        if mark < 0:
            out.append(" " * (len(line) - pos) if inside else line[pos:])
            break
        out.append(" " * (mark - pos) if inside else line[pos:mark])
        out.append("  ")
        pos = mark + 2
        inside = not inside
    return "".join(out), inside
