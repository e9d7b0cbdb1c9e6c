"""Study guides: a few concepts (or a book's) to revise from, as Markdown or one HTML file.

Each concept gets its definition, what each book says (a summary table, then
the full text per book; columns in HTML), where the books disagree, its key
frameworks, and the links between the concepts the guide includes. The HTML
is standalone: inline CSS, no scripts, nothing fetched from anywhere.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from syntopic.core.books import ConceptPerspectives, Perspective, excerpt, perspective_matrix
from syntopic.core.model import Link
from syntopic.core.resolve import link_text
from syntopic.core.vault import Vault
from syntopic.export.files import ExportError, Progress, atomic_output, step
from syntopic.export.mapmodel import edge_role
from syntopic.paths import resource
from syntopic.render.callouts import callout_css
from syntopic.render.inert import inert_html
from syntopic.render.markdown import render_markdown
from syntopic.render.note import NoteRenderer
from syntopic.render.perspectives import perspectives_css, perspectives_html

GUIDE_FORMATS = ("md", "html")
MapProvider = Callable[[str], str]
"""Concept path -> the SVG markup of its study map (for the HTML guide)."""


@dataclass(frozen=True, slots=True)
class Related:
    """A link from one note to another, with the sentence it sits in."""

    source: str
    target: str
    title: str  # of the other note
    section: str
    context: str


@dataclass(frozen=True, slots=True)
class ConceptEntry:
    path: str
    title: str
    aliases: tuple[str, ...]
    definition: str  # Markdown
    perspectives: ConceptPerspectives
    frameworks: tuple[Related, ...]
    links: tuple[Related, ...]  # to and from the other concepts in the guide


def slug(title: str) -> str:
    """The anchor GitHub-style Markdown viewers give a heading with this text."""
    text = re.sub(r"[^\w\- ]", "", title.lower(), flags=re.UNICODE)
    return text.strip().replace(" ", "-")


def concepts_of_book(vault: Vault, book: str) -> list[str]:
    """The concepts a book has a perspective on, else the notes it links to."""
    matrix = perspective_matrix(vault.graph, vault.books)
    found = matrix.concepts_of(book)
    if not found:
        found = sorted({v for _, v in vault.graph.out_edges(book) if v in vault.notes})
    return found


def entries(
    vault: Vault, concepts: Sequence[str], progress: Progress | None = None
) -> list[ConceptEntry]:
    included = list(dict.fromkeys(concepts))
    if not included:
        raise ExportError("no concepts to include")
    missing = [c for c in included if c not in vault.notes]
    if missing:
        raise ExportError(f"no note '{missing[0]}' in the vault")
    wanted = set(included)
    out: list[ConceptEntry] = []
    total = len(included) + 1
    for i, path in enumerate(included):
        note = vault.notes[path]
        step(progress, i, total, f"Reading {note.title}")
        frameworks: dict[str, Related] = {}
        links: dict[tuple[str, str], Related] = {}
        for rl in vault.outgoing(path):
            target = rl.resolution.path
            if target is None or target == path or rl.resolution.attachment:
                continue
            attrs = {"kind": "link", "section": rl.link.section or ""}
            title = vault.notes[target].title if target in vault.notes else target
            related = Related(path, target, title, rl.link.section or "", rl.link.context)
            if edge_role(attrs) == "framework" and target not in frameworks:
                frameworks[target] = related
            if target in wanted and (path, target) not in links:
                links[(path, target)] = related
        for back in vault.backlinks(path):
            if back.source in wanted and back.source != path and (back.source, path) not in links:
                links[(back.source, path)] = Related(
                    back.source,
                    path,
                    vault.notes[back.source].title,
                    back.link.section or "",
                    back.link.context,
                )
        out.append(
            ConceptEntry(
                path=path,
                title=note.title,
                aliases=note.aliases,
                definition=note.summary,
                perspectives=vault.perspectives(path),
                frameworks=tuple(frameworks.values()),
                links=tuple(links[k] for k in sorted(links)),
            )
        )
    return out


def _guide_title(vault: Vault, items: list[ConceptEntry], title: str | None) -> str:
    if title:
        return title
    if len(items) == 1:
        return f"{items[0].title}: study guide"
    return "Study guide: " + ", ".join(e.title for e in items[:4]) + ("…" if len(items) > 4 else "")


# -- Markdown ----------------------------------------------------------------------------
_WIKI = re.compile(r"!?\[\[([^\[\]\n]+?)\]\]")
_BLOCK_ID = re.compile(r"[ \t]\^[A-Za-z0-9-]+[ \t]*$", re.M)


def _plain_links(text: str, vault: Vault, source: str, anchors: dict[str, str]) -> str:
    """Wiki links as a plain Markdown reader shows them: anchors inside the guide, else text."""

    def replace(m: re.Match[str]) -> str:
        inner = m.group(1)
        target, _, display = inner.partition("|")
        name, _, fragment = (part.strip() for part in target.partition("#"))
        shown = display.strip() or link_text(name, fragment)
        path = None
        if name:
            link = Link(name, None, None, None, False, False, 0, 0, None, "")
            path = vault.resolver.resolve(link, source).path
        if path in anchors:
            return f"[{shown}](#{anchors[path]})"
        return f"*{shown}*"

    return _BLOCK_ID.sub("", _WIKI.sub(replace, text))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _byline(p: Perspective) -> str:
    if p.book is not None:
        parts = list(p.book.authors)
        if p.book.year is not None:
            parts.append(str(p.book.year))
        return ", ".join(parts)
    return p.author or ""


def _related_line(r: Related, vault: Vault, anchors: dict[str, str], md: bool) -> str:
    src = vault.notes[r.source].title
    dst = vault.notes[r.target].title if r.target in vault.notes else r.title
    where = f" (under “{r.section}”)" if r.section else ""
    if md:
        a = f"[{src}](#{anchors[r.source]})" if r.source in anchors else src
        b = f"[{dst}](#{anchors[r.target]})" if r.target in anchors else dst
        return f"- {a} → {b}{where}: {r.context}"
    return f"{src} → {dst}{where}: {r.context}"


def guide_markdown(
    vault: Vault,
    items: list[ConceptEntry],
    *,
    title: str | None = None,
    date: _dt.date | None = None,
) -> str:
    anchors = {e.path: slug(e.title) for e in items}
    heading = _guide_title(vault, items, title)
    out = [f"# {heading}", ""]
    out.append(
        f"*{len(items)} concept{'s' * (len(items) != 1)} from {Path(vault.root).name} · "
        f"made with Syntopic on {(date or _dt.date.today()).isoformat()}*"
    )
    out.append("")
    if len(items) > 1:
        out.append("## Contents")
        out.append("")
        out.extend(f"- [{e.title}](#{anchors[e.path]})" for e in items)
        out.append("")
    for e in items:
        out.append(f"## {e.title}")
        out.append("")
        if e.aliases:
            out.append(f"*Also called: {', '.join(e.aliases)}*")
            out.append("")
        out.append("### Definition")
        out.append("")
        out.append(
            _plain_links(e.definition, vault, e.path, anchors) or "*No definition written yet.*"
        )
        out.append("")
        data = e.perspectives
        if data.perspectives:
            out.append("### What the books say")
            out.append("")
            out.append("| Book | By | In short |")
            out.append("|---|---|---|")
            for p in data.perspectives:
                gist = excerpt(" ".join(b.text for b in p.blocks))
                gist = _plain_links(gist, vault, e.path, anchors)
                out.append(f"| **{_cell(p.label)}** | {_cell(_byline(p))} | {_cell(gist)} |")
            out.append("")
            for p in data.perspectives:
                byline = _byline(p)
                out.append(f"#### {p.label}" + (f" — {byline}" if byline else ""))
                out.append("")
                for block in p.blocks:
                    out.append(_plain_links(block.text, vault, e.path, anchors).strip())
                    out.append("")
        if data.tensions:
            out.append("### Where the books disagree")
            out.append("")
            for t in data.tensions:
                names = " vs ".join(t.authors) or " vs ".join(b.title for b in t.books)
                lead = f"**{names}.** " if names else ""
                out.append(f"- {lead}{_plain_links(t.text, vault, e.path, anchors).strip()}")
            out.append("")
        if e.frameworks:
            out.append("### Key frameworks")
            out.append("")
            for r in e.frameworks:
                name = (
                    f"[{r.title}](#{anchors[r.target]})"
                    if r.target in anchors
                    else f"**{r.title}**"
                )
                context = r.context
                if context.startswith(r.title):
                    context = context[len(r.title) :].lstrip(" —–-:")
                out.append(f"- {name}" + (f" — {context}" if context else ""))
            out.append("")
        if e.links:
            out.append("### Links to the other concepts in this guide")
            out.append("")
            out.extend(_related_line(r, vault, anchors, True) for r in e.links)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- HTML --------------------------------------------------------------------------------
_HREF = re.compile(r'<a ([^>]*?)href="([^"]*)"([^>]*)>(.*?)</a>', re.S)

_GUIDE_CSS = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; max-width: 60em;
  margin: 2em auto; padding: 0 1.5em; }
header.guide { border-bottom: 1px solid #d0d7de; margin-bottom: 1.5em; }
header.guide p { color: #656d76; margin-top: 0; }
section.concept { margin-bottom: 2.5em; }
section.concept + section.concept { border-top: 1px solid #d0d7de; padding-top: 1em; }
h2.concept { font-size: 26px; margin-bottom: 4px; }
h3 { font-size: 17px; margin-top: 20px; color: #24292f; }
p.aliases { color: #656d76; font-style: italic; }
div.definition { font-size: 16px; }
figure.map { margin: 1em 0; text-align: center; }
figure.map svg { width: 100%; height: auto; border: 1px solid #d0d7de; }
ul.related li { margin-bottom: 4px; }
span.internal { color: #6639ba; }
nav.contents ol { column-count: 2; }
@media print {
  body { margin: 0; max-width: none; }
  section.concept { break-before: page; border-top: none; }
  section.concept:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def _standalone_links(fragment: str, anchors: dict[str, str]) -> str:
    """Point note links at the guide's own sections; others become plain text."""

    def replace(m: re.Match[str]) -> str:
        href = m.group(2)
        text = m.group(4)
        if href.startswith("note:"):
            path = unquote(html.unescape(href[5:]).split("#", 1)[0])
            if path in anchors:
                return f'<a class="internal" href="#{anchors[path]}">{text}</a>'
            return f'<span class="internal">{text}</span>'
        if href.startswith(("ghost:", "tag:")):
            return f"<span>{text}</span>"
        return m.group(0)

    return _HREF.sub(replace, fragment)


def _note_css() -> str:
    try:
        return resource("styles", "note.css").read_text("utf-8") + callout_css(dark=False)
    except OSError:
        return callout_css(dark=False)


_MAP_SLOT = '<figure class="map"></figure>'


def guide_html(
    vault: Vault,
    items: list[ConceptEntry],
    *,
    title: str | None = None,
    maps: MapProvider | None = None,
    date: _dt.date | None = None,
    progress: Progress | None = None,
) -> str:
    anchors = {e.path: slug(e.title) or f"concept-{i}" for i, e in enumerate(items)}
    renderer = NoteRenderer(vault)
    heading = _guide_title(vault, items, title)
    day = (date or _dt.date.today()).isoformat()
    esc = html.escape
    body = [
        '<header class="guide">',
        f'<h1 class="title">{esc(heading)}</h1>',
        f"<p>{len(items)} concept{'s' * (len(items) != 1)} from {esc(Path(vault.root).name)}"
        f" · made with Syntopic on {day}</p>",
        "</header>",
    ]
    if len(items) > 1:
        body.append('<nav class="contents"><ol>')
        body.extend(f'<li><a href="#{anchors[e.path]}">{esc(e.title)}</a></li>' for e in items)
        body.append("</ol></nav>")
    for i, e in enumerate(items):
        step(progress, len(items) + i, 2 * len(items) + 1, f"Writing {e.title}")
        ctx = renderer.context(e.path)
        part = [f'<section class="concept" id="{anchors[e.path]}">']
        part.append(f'<h2 class="concept">{esc(e.title)}</h2>')
        if e.aliases:
            part.append(f'<p class="aliases">also called: {esc(", ".join(e.aliases))}</p>')
        part.append("<h3>Definition</h3>")
        definition = render_markdown(e.definition, context=ctx) if e.definition else ""
        definition = definition or "<p><em>No definition written yet.</em></p>"
        part.append(f'<div class="definition">{definition}</div>')
        if maps is not None:
            part.append(_MAP_SLOT)  # our own drawing goes in after the note's text is made inert
        if e.perspectives:
            part.append("<h3>What the books say</h3>")
            part.append(perspectives_html(e.perspectives, ctx, title=False))
        if e.frameworks:
            part.append("<h3>Key frameworks</h3>")
            part.append('<ul class="related">')
            for r in e.frameworks:
                name = (
                    f'<a class="internal" href="#{anchors[r.target]}">{esc(r.title)}</a>'
                    if r.target in anchors
                    else f"<strong>{esc(r.title)}</strong>"
                )
                context = r.context
                if context.startswith(r.title):
                    context = context[len(r.title) :].lstrip(" —–-:")
                part.append(f"<li>{name}{' — ' + esc(context) if context else ''}</li>")
            part.append("</ul>")
        if e.links:
            part.append("<h3>Links to the other concepts in this guide</h3>")
            part.append('<ul class="related">')
            for r in e.links:
                src = f'<a href="#{anchors[r.source]}">{esc(vault.notes[r.source].title)}</a>'
                dst = f'<a href="#{anchors[r.target]}">{esc(vault.notes[r.target].title)}</a>'
                where = f" <small>(under “{esc(r.section)}”)</small>" if r.section else ""
                part.append(f"<li>{src} → {dst}{where}: {esc(r.context)}</li>")
            part.append("</ul>")
        part.append("</section>")
        section = inert_html(_standalone_links("\n".join(part), anchors))
        if maps is not None:
            section = section.replace(_MAP_SLOT, f'<figure class="map">{maps(e.path)}</figure>', 1)
        body.append(section)
    css = _note_css() + perspectives_css(False) + _GUIDE_CSS
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)}</title>\n<style>{css}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_guide(
    vault: Vault,
    concepts: Sequence[str],
    path: Path,
    *,
    title: str | None = None,
    maps: MapProvider | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    date: _dt.date | None = None,
) -> Path:
    """Write the guide as .md or .html (by suffix), atomically."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in GUIDE_FORMATS:
        raise ExportError(f"unknown guide format '{path.suffix}' (use .md or .html)")
    with atomic_output(path, overwrite) as tmp:
        items = entries(vault, concepts, progress)
        if fmt == "md":
            text = guide_markdown(vault, items, title=title, date=date)
        else:
            text = guide_html(vault, items, title=title, maps=maps, date=date, progress=progress)
        step(progress, 2 * len(items), 2 * len(items) + 1, "Saving")
        tmp.write_text(text, "utf-8")
    if progress is not None:
        progress(1, 1, "Done")
    return path
