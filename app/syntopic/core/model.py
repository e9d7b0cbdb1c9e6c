"""The parse result of one note: the single source every consumer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from syntopic.core.problem import Problem as Problem  # read by files.py without this module


class Heading(NamedTuple):
    """A Markdown heading (ATX or setext) outside code."""

    level: int
    text: str
    line: int  # 1-based line of the heading in the file
    # a known section title written on a line of its own, without ``#``
    # ("Key Frameworks", "**Continue Exploring:**"): the renderer draws it as one
    promoted: bool = False


class Link(NamedTuple):
    """One link as written in a note, before resolution.

    ``target`` is the note part (``folder/Note`` or ``Note``), empty for a
    same-note link like ``[[#Heading]]``. ``heading`` and ``block`` hold the
    fragment. ``section`` is the heading the link sits under (None before the
    first heading) and ``context`` the sentence around it, with link syntax
    reduced to the text a reader sees ("" when parsed without contexts, which
    only a count-keeping command does). A link written in a front-matter
    property (``related: "[[Note]]"``) has ``in_properties`` set and the
    property's name as its section.
    """

    target: str
    heading: str | None
    block: str | None
    display: str | None
    embed: bool
    markdown: bool  # a [text](url) link rather than a [[wiki link]]
    line: int
    col: int
    section: str | None
    context: str
    in_properties: bool = False


class Block(NamedTuple):
    """A paragraph of a special section (perspectives or tensions)."""

    text: str  # the Markdown source of the paragraph
    line: int  # its first line
    subheading: str | None  # the ### heading it sits under inside the section


@dataclass(slots=True)
class ParsedNote:
    """Everything one pass over a note's text yields."""

    path: str  # vault-relative, POSIX separators, with the .md suffix
    title: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # lower-case, without '#', nested as a/b
    type: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    block_ids: tuple[tuple[str, int], ...] = ()  # (id, line)
    summary: str = ""  # the first paragraph of the body, as Markdown
    body_start: int = 0  # character offset where the body starts after front matter
    perspectives: tuple[Block, ...] = ()
    tensions: tuple[Block, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def name(self) -> str:
        """The file name without folder and suffix: what `[[links]]` name."""
        base = self.path.rsplit("/", 1)[-1]
        return base[:-3] if base.lower().endswith(".md") else base

    @property
    def folder(self) -> str:
        """The vault-relative folder, '' at the root."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""
