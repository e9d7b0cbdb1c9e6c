"""One pass over a note's text: front matter, headings, links, tags, blocks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from urllib.parse import unquote

from syntopic.core import frontmatter
from syntopic.core.linktext import Lines, Sentences, property_links, shown, split_target
from syntopic.core.masks import (
    mask_between,
    mask_code_spans,
    mask_html_tags,
    mask_math,
    mask_percent,
)
from syntopic.core.model import Block, Heading, Link, ParsedNote, Problem
from syntopic.core.pasted import pasted_paragraphs
from syntopic.core.resolve import link_text

PERSPECTIVE_HEADINGS = ("multi-book view", "perspectives", "what the books say")
TENSION_HEADINGS = ("contradicting and competing perspectives", "tensions")
# the reference note's section titles (as `section_key` spells them): a line that
# says one of these, or a perspective or tension heading, is a heading without "#"
SECTION_TITLES = (
    "concept defined",
    "multi-book view",
    "key frameworks",
    "contradicting and competing perspectives",
    "real-world applications",
    "deeper pattern",
    "continue exploring",
)
# Part of the parse cache's stamp (through the options' repr): bump whenever the
# parser reads the same text differently, so cached notes are parsed again.
PARSER_VERSION = 5


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """Which headings open the special sections (configurable per vault), and
    whether links carry the sentence around them."""

    perspective_headings: tuple[str, ...] = PERSPECTIVE_HEADINGS
    tension_headings: tuple[str, ...] = TENSION_HEADINGS
    section_titles: tuple[str, ...] = SECTION_TITLES
    parser_version: int = PARSER_VERSION
    # False: every link's context is "" (a tenth of a parse), for a command that
    # keeps nothing but counts; such notes are never cached (this is in the stamp)
    contexts: bool = True


DEFAULT_OPTIONS = ParseOptions()

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# an ATX heading's opening run; `atx_heading` reads the rest without a lazy `.*?`,
# which tried the closing sequence after every character (1-4 us a heading)
_ATX_OPEN = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
# CommonMark's first kind of HTML block: raw until its closing tag, so a ``` inside
# <pre> opens no code fence that would swallow the rest of the note
_RAW_HTML = re.compile(r" {0,3}<(pre|script|style|textarea)(?:[\s>]|$)", re.I)
# No leading `!?` group: an optional first group stops `re` from scanning for
# the literal "[[" (measured 7x slower); an embed's "!" is checked by hand.
# Possessive repeats: a link's parts split one way only, so giving characters back
# can never find another match; it only costs time (a third of the scan here).
_WIKI = re.compile(r"\[\[([^\[\]\n]++)\]\]")
# `\s` spelled out (the same characters; a test holds them to it): `re` looks a set of
# characters up in a table, where `\s` asks Unicode about each character of each URL
SPACE = "\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_BLANK = f"[{SPACE}]"
_URL_CHAR = f"[^{SPACE}()]"
_MDLINK = re.compile(
    r"\[([^\[\]\n]*+(?:\[[^\[\]\n]*+\][^\[\]\n]*+)*+)\]"
    rf"\({_BLANK}*(<[^>\n]*>|{_URL_CHAR}++(?:\({_URL_CHAR}*+\){_URL_CHAR}*+)*+)"
    rf"(?:{_BLANK}+(?:\"[^\"\n]*\"|'[^'\n]*'))?{_BLANK}*\)"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = ("https://", "http://")
# "#" first, then the look back: a pattern that opens with a look-behind is tried at
# every character, one that opens with "#" only where a "#" is (20x faster)
_TAG = re.compile(r"#(?<!\S#)([^\s#!\"$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+)")
# a ^block-id at a line's end, after a blank or alone; "^" first, for the same reason
_BLOCK_ID = re.compile(r"\^(?<![^ \t\n]\^)([A-Za-z0-9-]+)[ \t]*$", re.M)
_LONE_ID = re.compile(r"[ \t]*\^[A-Za-z0-9-]+[ \t]*$")

_NOT_KEY = re.compile(r"[^\w\s-]")
_LIST_MARK = frozenset("-*+0123456789")
_BULLETS = frozenset("-*+")
_ITEM_GAP = frozenset(("", " ", "\t"))  # what may follow a bullet: a blank or the line's end
# the list and quote markers that open a line: a block (a fence, an HTML comment) may
# start right after them, inside the list item or quote (CommonMark's containers)
# (five spaces after a list marker open indented code, not a fence: no match there)
_CONTAINER = re.compile(r"(?:[ \t]{0,3}(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]{1,4}(?![ \t])))+")
_QUOTE_MARK = re.compile(r"[ \t]{0,3}>[ \t]?")
_CONTAINER_MARK = frozenset("-*+>0123456789")


@lru_cache(maxsize=4096)  # headings repeat from note to note ("Author of", "Themes")
def section_key(text: str) -> str:
    """Normalise a heading for matching section names ("The Multi-Book View")."""
    key = text.strip().lower().replace("&", "and")
    key = _NOT_KEY.sub("", key)
    key = " ".join(key.split())
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=8)
def _known_titles(options: ParseOptions) -> tuple[frozenset[str], frozenset[str], int]:
    """The section titles a plain line may spell, and a cheap first look at a line:
    the characters a title line can start with (its first letter, "The", emphasis)
    and how long it can be. Made once per options, not once per note."""
    titles = frozenset(
        (*options.section_titles, *options.perspective_headings, *options.tension_headings)
    )
    firsts = {key[:1] for key in titles} | {"t", "*", "_"}
    starts = frozenset(firsts | {c.upper() for c in firsts})
    return titles, starts, max(map(len, titles), default=0) + 12


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
        self.beyond_intro = False
        self.titles, self.title_starts, self.title_limit = _known_titles(options)
        self.contexts = options.contexts

    # -- blocks -----------------------------------------------------------
    def heading(self, level: int, text: str, line: int, promoted: bool = False) -> None:
        text = text.strip()
        self.headings.append(tuple.__new__(Heading, (level, text, line, promoted)))
        # a definition comes before the first level-2 heading
        self.beyond_intro = self.beyond_intro or level >= 2
        self.section = text
        if self.special is not None and level > self.special[1]:
            self.subheading = shown(text)
        else:
            self.special = None
            self.subheading = None
            key = section_key(text)
            if key in self.options.perspective_headings:
                self.special = ("perspectives", level)
            elif key in self.options.tension_headings:
                self.special = ("tensions", level)
        masked = _masked(text) if "`" in text or "<!--" in text or "$" in text else text
        if "#" in masked:
            self.inline_tags(masked)
        if "[" in masked:
            self.inline_links(text, masked, line)

    def paragraph(self, lines: list[str], first_line: int) -> None:
        raw = "\n".join(lines)
        masked = _masked(raw) if "`" in raw or "<!--" in raw or "$" in raw else raw
        if "[" in masked:
            self.inline_links(raw, masked, first_line)
        if "#" in masked:
            self.inline_tags(masked)
        if "^" in masked:
            lines_at = Lines(masked)
            for m in _BLOCK_ID.finditer(masked):
                self.block_ids.append((m.group(1), first_line + lines_at.index(m.start())))
            if _LONE_ID.match(raw):
                return  # a ^block-id on its own line names the block before it
        if (
            not self.summary
            and not self.beyond_intro
            and not (lines[0].lstrip()[:1] in "|<>" or _LIST_ITEM.match(lines[0]))
        ):
            self.summary = raw.strip()[:1200]
        if self.special is not None:
            blocks = self.perspectives if self.special[0] == "perspectives" else self.tensions
            # pasted text puts one paragraph on each line, with no blank line between
            for text, line in pasted_paragraphs(lines, first_line) or [(raw, first_line)]:
                blocks.append(Block(text.strip(), line, self.subheading))

    # -- inline -----------------------------------------------------------
    def inline_tags(self, masked: str) -> None:
        if "<" in masked:
            masked = mask_html_tags(masked)  # colours in style="…" are not tags
        for m in _TAG.finditer(masked):
            tag = m.group(1).rstrip("/")
            if tag and not tag.replace("/", "").isdigit():
                self.tags.append(tag.lower())

    def inline_links(self, raw: str, masked: str, first_line: int) -> None:
        contexts = self.contexts
        found: list[tuple[int, int, str, str | None, bool, bool]] = []
        spans: list[tuple[int, int, str]] = []  # every link and what a reader sees of it
        for m in _WIKI.finditer(masked):
            at, end = m.span()
            embed = False
            if at:
                before = masked[at - 1]
                if before == "\\":
                    if _escaped(masked, at):
                        continue  # \[[written out]] is text
                elif before == "!":
                    embed = True
            start = at - 1 if embed else at
            inner = raw[at + 2 : end - 2]
            if "[" in inner or "]" in inner:
                # code (or a comment) inside the brackets: read the link from the text as
                # written, as the renderer does, so [[ `[[x]]` ]] is no link and [[a `]]` is one
                written = _WIKI.match(raw, at)
                if written is None:
                    continue
                inner, end = written.group(1), written.end()
            if "\\|" in inner:
                inner = inner.replace("\\|", "|")
            name, _, shown_text = inner.partition("|")
            found.append((start, end, name, shown_text or None, embed, False))
            if not contexts:
                continue
            if not shown_text:  # what the note shows: B › Top › Sub for [[B#Top#Sub]]
                shown_text = link_text(*name.split("#", 1)) if "#" in name else name
            spans.append((start, end, shown_text))
        # wiki links come in order of their start; only markdown links need a sort
        unsorted = False
        if "](" in masked:
            wiki_starts = [item[0] for item in found]
            # a markdown link's text and its "](" share a line: none starts before the
            # line of the first "](" (index lists put it late, after thousands of links)
            line_of_first = masked.rfind("\n", 0, masked.index("](")) + 1
            unmasked = masked is raw  # nothing blanked: the groups are the text as written
            for m in _MDLINK.finditer(masked, line_of_first):
                start, end = m.span()
                before = masked[start - 1] if start else ""
                if before == "\\" and _escaped(masked, start):
                    continue
                # inside a wiki link? (found holds only wiki links so far, in order)
                if wiki_starts:
                    at = bisect_right(wiki_starts, start) - 1
                    if at >= 0 and start < found[at][1]:
                        continue
                embed = before == "!"
                if embed:
                    start -= 1
                if unmasked:
                    shown, url = m.group(1, 2)
                else:
                    shown, url = raw[m.start(1) : m.end(1)], raw[m.start(2) : m.end(2)]
                if contexts:
                    spans.append((start, end, shown))
                unsorted = True
                if url[:1] == "<" and url[-1:] == ">":
                    url = url[1:-1]
                if (
                    url.startswith(_WEB)  # most of them: _SCHEME's answer without a call
                    or (":" in url and _SCHEME.match(url))
                    or url.startswith("//")
                ):
                    continue  # external: not part of the graph
                found.append((start, end, unquote(url), shown or None, embed, True))
        if not found:
            return
        if unsorted:
            found.sort(key=_start)
            spans.sort()
        around = Sentences(raw, spans).around if contexts else _no_context
        # a paragraph of one line (most of them) needs no line lookup
        breaks = Lines(raw).breaks if "\n" in raw else None
        section = self.section
        append = self.links.append
        new = tuple.__new__  # skips the NamedTuple constructor written in Python
        newlines = line_start = 0
        for start, end, target, display, embed, markdown in found:
            if breaks:
                newlines = bisect_left(breaks, start)
                line_start = breaks[newlines - 1] + 1 if newlines else 0
            if "#" in target:
                note, heading, block = split_target(target, markdown)
            else:  # split_target's answer for a link without a fragment
                note, heading, block = target.strip(), None, None
                if markdown and note.startswith("./"):
                    note = note[2:]
            append(
                new(
                    Link,
                    (
                        note,
                        heading,
                        block,
                        display,
                        embed,
                        markdown,
                        first_line + newlines,
                        start - line_start + 1,
                        section,
                        around(start, end, line_start),
                        False,
                    ),
                )
            )


_start = itemgetter(0)


def _no_context(start: int, end: int, line_start: int) -> str:
    return ""


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes."""
    run = at
    while run and text[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1


def _masked(text: str) -> str:
    """The text with code, HTML comments and math blanked: what syntax is read from.

    Text with no "`", "<!--" or "$" is its own mask (callers test that first).
    """
    # each mask returns the text as it is without its mark; most text has none
    masked = mask_code_spans(text) if "`" in text else text
    if "<!--" in masked:
        masked = mask_between(masked, "<!--", "-->")
    return mask_math(masked) if "$" in masked else masked


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
    if source is not None and props and "[[" in source:
        state.links.extend(property_links(source, props, 2))  # line 1 is the opening ---
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
        type=str(note_type).strip().lower() if isinstance(note_type, str) and note_type else None,
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
    fence_mark, fence_limit = "", 0  # the open fence's closing run, and its indent limit
    in_html_comment = False
    held: tuple[int, int] | None = None  # the list item or quote an open fence or comment is in
    raw_html_end: str | None = None  # the closing tag of an open <pre>-like block
    in_percent = False
    in_math = False  # inside a $$ display-math block
    in_list = False
    prev_blank = True
    titles, title_starts, title_limit = state.titles, state.title_starts, state.title_limit

    def flush() -> None:
        nonlocal para
        if para:
            state.paragraph(para, para_line)
            para = []

    # inside a fence, an HTML comment, display math or a raw HTML block: one test
    # for the lines outside them all (nearly every line)
    busy = False
    for number, line in enumerate(lines, first_line):
        if busy:
            if held is not None and (fence is not None or in_html_comment):
                kept = inside(line, held)
                if kept is None:  # the list item or quote ended, and the block in it with it
                    fence, in_html_comment, held = None, False, None
                    busy = False
                else:
                    line = kept
            if fence is not None:
                stripped = line.strip()
                if (
                    stripped.startswith(fence_mark)
                    and not stripped.strip(fence[0])
                    and _indent(line) < fence_limit
                ):
                    fence = held = None
                    busy = False
                prev_blank = False
                continue
            if in_html_comment:
                if "-->" in line:
                    in_html_comment, held = False, None
                    busy = False
                continue
            if in_math:
                busy = in_math = "$$" not in line
                continue
            if raw_html_end is not None:
                if raw_html_end in line.lower():
                    raw_html_end = None
                    busy = False
                continue
        if not line:  # a third of all lines: the blank line below, answered early
            if para:
                flush()
            prev_blank = True
            continue
        # of the line as written: masking adds blanks
        if line[0] == " " or line[0] == "\t":
            indent = _indent(line)
            if indent >= 4 and not para and not in_list and not in_percent and line.strip():
                continue  # an indented code block (its %% is text): it cannot interrupt a paragraph
        else:
            indent = 0
        if in_percent or "%%" in line:
            if not in_percent and line.startswith("%%") and line.find("%%", 2) == len(line) - 2:
                # mask_percent's shortcut, inline: a line that is one comment is blank
                if para:
                    flush()
                prev_blank = True
                continue
            line, in_percent = mask_percent(line, in_percent)
        if not line.strip():
            if para:
                flush()
            prev_blank = True
            continue
        if in_list and prev_blank and indent == 0 and not _LIST_ITEM.match(line):
            in_list = False  # a block at the margin after a blank line ends the list
        first = line[0]
        if not "!" <= first <= "~":  # may be white space (not only " "), which lstrip skips
            first = line.lstrip()[:1]
        if (
            first in _CONTAINER_MARK
            and (indent < 4 or in_list)
            and ("`" in line or "~" in line or "<" in line)
        ):
            opened = block_in_container(line)
            if opened is not None:  # `- ~~~` or `> <!--`: a fence or a comment in the item
                block, container = opened
                flush()
                in_list = in_list or _LIST_ITEM.match(line) is not None
                prev_blank = False
                if isinstance(block, tuple):
                    fence, held = block, container
                    fence_mark, fence_limit = block[0] * block[1], block[2] + 4
                    busy = True
                elif block:  # a comment still open at the line's end
                    in_html_comment, held = True, container
                    busy = True
                continue
        if first in "`~" and (indent < 4 or in_list):
            m = _FENCE.match(line.lstrip() if in_list else line)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                flush()
                fence = (m.group(1)[0], len(m.group(1)), indent)
                fence_mark, fence_limit = m.group(1), indent + 4
                busy = True
                prev_blank = False
                continue
        if indent < 4:
            if first == "#":
                atx = atx_heading(line)
                if atx is not None:
                    if para:
                        flush()
                    state.heading(atx[0], atx[1], number)
                    in_list = False
                    prev_blank = False
                    continue
            elif first == "<" and line.lstrip().startswith("<!--"):
                # an HTML block: it interrupts a paragraph, and its lines are raw
                # to the end, text after the closing --> included (CommonMark)
                if para:
                    flush()
                if "-->" not in line:
                    busy = in_html_comment = True
                continue
            elif first == "$" and line.lstrip().startswith("$$") and "$$" not in line.strip()[2:]:
                flush()
                busy = in_math = True  # display math: links and tags in it are formula text
                prev_blank = False
                continue
            elif first == "<" and (raw := _RAW_HTML.match(line)):
                flush()
                end = f"</{raw.group(1).lower()}>"
                if end not in line.lower():
                    raw_html_end = end
                    busy = True
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
            # a rule ends in its mark (or blanks): a list item's text does not
            if first in "-*_" and line[-1] in (first, " ", "\t") and _HR.match(line):
                flush()
                in_list = False
                prev_blank = False
                continue
            if (
                line[1:2] in _ITEM_GAP  # `_LIST_ITEM`'s answer for "- x", without a call
                if line[0] in _BULLETS
                else first in _LIST_MARK and _LIST_ITEM.match(line)
            ):
                if not in_list:
                    flush()
                in_list = True
            elif first in title_starts and len(line) <= title_limit:
                title = known_title(line, titles)
                following = number - first_line + 1
                if title and not (
                    not para and following < len(lines) and _SETEXT.match(lines[following])
                ):
                    flush()  # a known section title on a line of its own: a heading
                    state.heading(2, title, number, promoted=True)
                    in_list = False
                    prev_blank = False
                    continue
        if not para:
            para_line = number
        para.append(line)
        prev_blank = False
    flush()


def atx_heading(line: str) -> tuple[int, str] | None:
    """The level and text of an ATX heading line (``## Text ##``), or None.

    The text is what ``^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$`` captures
    (a line holds no newline): the rest of the line without its trailing blanks and
    without a closing run of ``#`` that follows a blank.
    """
    m = _ATX_OPEN.match(line)
    if m is None:
        return None
    text = line[m.end() :].rstrip(" \t")
    if text.endswith("#"):
        before = len(text.rstrip("#"))
        if before and text[before - 1] in " \t":
            text = text[:before].rstrip(" \t")
    return len(m.group(1)), text


def block_in_container(line: str) -> tuple[tuple[str, int, int] | bool, tuple[int, int]] | None:
    """A fence (char, length, indent) or an HTML comment (True while still open) that
    starts right after the line's list or quote markers, with what later lines need to
    stay in that item or quote (see `inside`); None when the line opens neither."""
    m = _CONTAINER.match(line)
    if m is None:
        return None
    prefix = m.group(0)
    quotes = prefix.count(">")
    after = prefix.rfind(">") + 1  # the item's column counts from the last quote marker
    if quotes and prefix[after : after + 1] in (" ", "\t"):
        after += 1
    held = (quotes, m.end() - after)
    content = line[m.end() :]
    if _indent(content) >= 4:
        return None
    first = content.lstrip()[:1]
    if first in "`~" and (fence := _FENCE.match(content)):
        if fence.group(1)[0] == "`" and "`" in fence.group(2):
            return None  # ```a`b``` is inline code, not a fence
        return (fence.group(1)[0], len(fence.group(1)), held[1]), held
    if first == "<" and content.lstrip().startswith("<!--"):
        return "-->" not in content, held
    return None


def inside(line: str, held: tuple[int, int]) -> str | None:
    """The line without the quote markers ``held`` needs, or None when the line is
    outside that list item or quote (too few markers, or too little indent)."""
    quotes, column = held
    for _ in range(quotes):
        m = _QUOTE_MARK.match(line)
        if m is None:
            return None
        line = line[m.end() :]
    if column and line.strip() and _indent(line) < column:
        return None
    return line


def known_title(line: str, titles: frozenset[str]) -> str | None:
    """The section title a plain line spells ("**Key Frameworks**", "Continue Exploring:")."""
    text = line.strip()
    for _ in range(2):  # "**Continue Exploring:**" and "**Continue Exploring**:"
        text = text.strip("*_ \t").rstrip(":").strip()
    if not text or section_key(text) not in titles:
        return None
    return text


class _BlocksOnly(_NoteParser):
    """The block scan without reading inside paragraphs: where the headings are is all
    `promote_titles` needs, and a render must not pay for every link's context."""

    def paragraph(self, lines: list[str], first_line: int) -> None:
        return None

    def inline_links(self, raw: str, masked: str, first_line: int) -> None:
        return None

    def inline_tags(self, masked: str) -> None:
        return None


def promote_titles(body: str, options: ParseOptions = DEFAULT_OPTIONS) -> str:
    """The body with each known title line written as a ``##`` heading, line for line.

    The renderer draws what the parser reads: an ATX heading interrupts a
    paragraph, so the line keeps its number and the text around it stays put.
    """
    if not body:
        return body
    state = _BlocksOnly("", options)
    _scan_body(state, body, 1)
    promoted = [h for h in state.headings if h.promoted]
    if not promoted:
        return body
    lines = body.split("\n")
    for heading in promoted:
        lines[heading.line - 1] = "## " + heading.text
    return "\n".join(lines)
