"""A whole note page: title, properties, body with links resolved and embeds."""

from __future__ import annotations

import bisect
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from syntopic.core.files import read_note
from syntopic.core.model import Link, ParsedNote
from syntopic.core.resolve import find_heading
from syntopic.core.vault import Vault
from syntopic.render.markdown import RenderContext, note_href, render_inline, render_markdown
from syntopic.render.pages import (
    BACKGROUND_CHARS,
    PAGE_CHARS,
    first_lines,
    page_bar,
    page_of,
    page_starts,
    repeated_title,
    without_lines,
)
from syntopic.render.resources import OUTSIDE, Allowed, Blocked, ResourceGate, placeholder


def _section(text: str, note: ParsedNote, heading: str | None) -> tuple[str, int]:
    """The body, the part under ``heading``, or the ``^block``; with its first line."""
    body = text[note.body_start :]
    first_line = text.count("\n", 0, note.body_start) + 1
    if heading is None:
        return body, first_line
    if heading.startswith("^"):
        return _block(text, note, heading[1:])
    found = find_heading(note.headings, heading)
    for i, h in enumerate(note.headings):
        if h is found:
            end = next((x.line for x in note.headings[i + 1 :] if x.level <= h.level), None)
            lines = text.split("\n")
            stop = (end - 1) if end else len(lines)
            return "\n".join(lines[h.line : stop]), h.line + 1
    return "", first_line


def _block(text: str, note: ParsedNote, block_id: str) -> tuple[str, int]:
    """The paragraph (or list item) that carries ``^block_id``.

    An id on a line of its own names the whole block above it (a list, a
    callout, a table), across one blank line.
    """
    line = next((n for b, n in note.block_ids if b == block_id), None)
    if line is None:
        return "", 1
    lines = text.split("\n")
    start = line - 1
    lone = start < len(lines) and lines[start].strip() == "^" + block_id
    if lone:
        if start > 0 and not lines[start - 1].strip():
            start -= 1
        while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith("#"):
            start -= 1
        return "\n".join(lines[start:line]), start + 1
    while (
        start > 0
        and lines[start - 1].strip()
        and not lines[start - 1].lstrip().startswith("#")  # a heading ends the paragraph
        and not lines[start].lstrip().startswith("- ")
    ):
        start -= 1
    return "\n".join(lines[start:line]), start + 1


class NoteRenderer:
    """Renders notes of one vault; every link resolves from the note it is in."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.gate = ResourceGate(vault.root)
        self.page_lines: dict[str, list[int]] = {}  # of the large notes rendered so far

    def context(
        self,
        source: str,
        depth: int = 0,
        line_offset: int = 0,
        flipped: frozenset[int] = frozenset(),
    ) -> RenderContext:
        vault = self.vault

        def resolve(target: str) -> str | None:
            link = Link(target, None, None, None, False, False, 0, 0, None, "")
            res = vault.resolver.resolve(link, source)
            return None if res.attachment else res.path

        def attachment_url(target: str) -> str | Blocked | None:
            link = Link(target, None, None, None, True, False, 0, 0, None, "")
            res = vault.resolver.resolve(link, source)
            if not res.attachment or res.path is None:
                return self._skipped_outside(target, folder)
            return Path(vault.root, res.path).as_uri()

        def embed(target: str, heading: str | None, level: int) -> str | None:
            path = resolve(target)
            if path:
                return self.embed_html(path, heading, level)
            # a note the scan skipped for leading out of the vault is not "unwritten"
            name = target if target.lower().endswith(".md") else target + ".md"
            blocked = self._skipped_outside(name, folder) if target else None
            return placeholder(blocked) if blocked is not None else None

        folder = os.path.dirname(source)
        return RenderContext(
            resolve, embed, attachment_url, depth, line_offset, self.gate, folder, flipped
        )

    def _skipped_outside(self, target: str, folder: str) -> Blocked | None:
        """Why an attachment the vault does not list is not shown, when the scan skipped
        it for leading out of the vault (so the reader is not told it is missing)."""
        for where in (os.path.join(folder, target), target):
            decision = self.gate.check_path(where, shown=target)
            if (
                isinstance(decision, Blocked)
                and decision.why == OUTSIDE
                and os.path.lexists(os.path.join(self.vault.root, where))
            ):
                return decision
        name = target.lower()
        for path, problems in self.vault.scan_problems.items():
            lowered = path.lower()
            named = lowered == name or lowered.endswith("/" + name)
            if named and any(p.kind == "outside" for p in problems):
                return Blocked(target, OUTSIDE)
        return None

    def _read(self, path: str) -> tuple[str | None, str]:
        """A note's text, or None and why: never a file whose real path leaves the vault."""
        decision = self.gate.check_path(path)
        if not isinstance(decision, Allowed):
            return None, decision.label() if isinstance(decision, Blocked) else "not a file"
        text, _ = read_note(str(decision.path))
        return text, "" if text is not None else "unreadable"

    def embed_html(self, path: str, heading: str | None, depth: int) -> str:
        note = self.vault.notes.get(path)
        if note is None:
            return ""
        text, why = self._read(path)
        label = note.title + (f" › {heading.lstrip('^')}" if heading else "")
        link = f'<a class="internal" href="{html.escape(note_href(path, heading))}">'
        if text is None:
            inner = f'<p class="missing">This note cannot be shown: {html.escape(why)}.</p>'
        else:
            part, first = _section(text, note, heading)
            notice = ""
            if heading and not part.strip():
                what = (
                    f"block “{heading[1:]}”" if heading.startswith("^") else f"heading “{heading}”"
                )
                notice = f'<p class="missing">No {html.escape(what)} in this note.</p>'
            if len(part) > PAGE_CHARS:  # an embed is one page at most, like the note itself
                part = page_of(part, 0).text
                notice = (
                    '<p class="notice">A large note: its first part only. Open it to read on.</p>'
                )
            inner = render_markdown(part, context=self.context(path, depth, first - 1)) + notice
        return (
            f'<table class="embed" width="100%"><tr><td><p class="embed-title">{link}'
            f"{html.escape(label)}</a></p>\n{inner}</td></tr></table>\n"
        )

    def heavy(self, path: str) -> bool:
        """Whether rendering this note takes long enough to belong off the UI thread."""
        try:
            return os.path.getsize(os.path.join(self.vault.root, path)) > BACKGROUND_CHARS
        except OSError:
            return False

    def body_html(self, path: str, page: int = 0, flipped: frozenset[int] = frozenset()) -> str:
        """The rendered body (one page of it when large), or a clear message when unreadable."""
        return self._body_html(path, page, flipped, titled=False)[0]

    def _body_html(
        self, path: str, page: int, flipped: frozenset[int], titled: bool
    ) -> tuple[str, int | None]:
        """`body_html`, and when it is ``titled`` (shown under the note's title) the line
        of its first heading if that was left out for only repeating the title."""
        note = self.vault.notes[path]
        text, why = self._read(path)
        if text is None:
            reasons = "; ".join(p.message for p in note.problems) or why
            why = f"Syntopic cannot show this file: {html.escape(reasons)}"
            return f'<p class="missing">{why}</p>', None
        body, first = _section(text, note, None)
        heading = note.headings[0] if note.headings else None
        repeat = repeated_title(body, first, note.title, heading) if titled else 0
        if repeat and heading is not None:
            body, first = without_lines(body, repeat), first + repeat
        title_line = heading.line if repeat and heading is not None else None
        return self._paged_html(path, body, first, page, flipped), title_line

    def _paged_html(
        self, path: str, body: str, first: int, page: int, flipped: frozenset[int]
    ) -> str:
        if len(body) <= PAGE_CHARS:
            return render_markdown(body, context=self.context(path, 0, first - 1, flipped))
        starts = page_starts(body)
        # where each page starts in the file, so a heading or block can find its page
        self.page_lines[path] = [first + n - 1 for n in first_lines(body, starts)]
        part = page_of(body, page, starts=starts)
        bar = page_bar(part, len(body))
        offset = first + part.first_line - 2
        ctx = self.context(path, 0, offset, flipped)
        return bar + render_markdown(part.text, context=ctx) + bar

    def page_of_anchor(self, path: str, anchor: str) -> int | None:
        """The page of a large note that holds ``L<line>`` or ``^block``; None if not paged."""
        starts = self.page_lines.get(path)
        note = self.vault.notes.get(path)
        if not starts or note is None:
            return None
        if anchor.startswith("^"):
            line = next((n for b, n in note.block_ids if b == anchor[1:]), None)
        else:
            line = int(anchor[1:]) if anchor[:1] == "L" and anchor[1:].isdigit() else None
        if line is None:
            return None
        return max(0, bisect.bisect_right(starts, line) - 1)

    def pages(self, path: str) -> NotePages:
        """What the note view needs to show ``path``, its pages and its anchors."""
        return NotePages(self, path)

    def page_html(self, path: str, page: int = 0, flipped: frozenset[int] = frozenset()) -> str:
        """Title, type, properties table, problems, then the body (or one page of it)."""
        note = self.vault.notes[path]
        body, title_line = self._body_html(path, page, flipped, titled=True)
        # a first heading that only repeats the title is shown once, as the title
        anchor = f'<a name="L{title_line}"></a>' if title_line is not None else ""
        parts = [f'<h1 class="title">{anchor}{html.escape(note.title)}</h1>']
        if note.aliases:
            aliases = ", ".join(html.escape(a) for a in note.aliases)
            parts.append(f'<p class="aliases">also: {aliases}</p>')
        if note.properties and page == 0:
            parts.append(properties_table(note.properties))
        for problem in note.problems:
            parts.append(f'<p class="problem">⚠ {html.escape(problem.message)}</p>')
        parts.append(body)
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class NotePages:
    """One note as the note view renders it: a page (with callouts flipped), or where an
    anchor is. Rendering is safe off the UI thread; looking an anchor up is cheap."""

    renderer: NoteRenderer
    path: str

    def __call__(self, page: int, flipped: frozenset[int]) -> str:
        return self.renderer.page_html(self.path, page, flipped)

    def page_of_anchor(self, anchor: str) -> int | None:
        return self.renderer.page_of_anchor(self.path, anchor)


def context_html(vault: Vault, source: str, text: str) -> str:
    """A link's context sentence as inline HTML (bold, code, links), resolved from its note."""

    def resolve(target: str) -> str | None:
        link = Link(target, None, None, None, False, False, 0, 0, None, "")
        res = vault.resolver.resolve(link, source)
        return None if res.attachment else res.path

    return render_inline(text, resolve)


def _value(value: Any) -> str:
    if isinstance(value, bool):  # before numbers: True is an int too
        return '<span class="check">☑</span>' if value else '<span class="check">☐</span>'
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return html.escape(json.dumps(value, ensure_ascii=False))
    return html.escape("" if value is None else str(value))


def properties_table(props: dict[str, Any]) -> str:
    """Front matter as a two-column table, the way readers expect to see it."""
    rows = "".join(
        f'<tr><td class="key">{html.escape(k)}</td><td>{_value(v)}</td></tr>'
        for k, v in props.items()
    )
    return f'<table class="properties">{rows}</table>'
