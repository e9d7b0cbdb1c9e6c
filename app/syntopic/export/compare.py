"""Books compared, written to one Markdown or standalone, inert HTML file."""

from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path

import nh3

from syntopic.core.compare import Comparison
from syntopic.core.lens import other_side
from syntopic.core.vault import Vault
from syntopic.export.files import ExportError, atomic_output
from syntopic.paths import resource
from syntopic.render.lens import byline, comparison_html, lens_css
from syntopic.render.note import NoteRenderer
from syntopic.render.perspectives import perspectives_css

COMPARE_FORMATS = ("md", "html")

# what the comparison's own markup and rendered Markdown may keep: no scripts,
# handlers, frames, forms, styles or resources from anywhere
_TAGS = {
    "a", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href"},
    "td": {"width", "valign", "colspan"},
    "table": {"width", "cellspacing", "cellpadding"},
}
_NOTE_LINK = re.compile(r'<a ([^>]*?)href="(?:note|ghost|tag):[^"]*"([^>]*)>(.*?)</a>', re.S)


def sanitise(fragment: str) -> str:
    """An HTML fragment reduced to an allow-list; links only to the web or mail."""
    inert = _NOTE_LINK.sub(r"<span \1\2>\3</span>", fragment)
    return nh3.clean(
        inert,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _title(comparison: Comparison) -> str:
    return " vs ".join(b.title for b in comparison.books)


def compare_markdown(comparison: Comparison, date: _dt.date | None = None) -> str:
    books = comparison.books
    day = (date or _dt.date.today()).isoformat()
    out = [f"# {_title(comparison)}", "", f"*Compared with Syntopic on {day}.*", ""]
    out += [f"- **{b.title}**{' — ' + byline(b) if byline(b) else ''}" for b in books]
    for view in comparison.shared:
        out += ["", f"## {view.title}"]
        for book in books:
            blocks = view.by_book.get(book.path)
            out += ["", f"### {book.title}", ""]
            out.append("\n\n".join(b.text for b in blocks) if blocks else "*Nothing on this.*")
        if view.tensions:
            out += ["", "### Where they disagree"]
            for t in view.tensions:
                against = ", ".join(other_side(t, ())) or "unnamed sides"
                out += ["", f"**{against}**", "", *(f"> {line}" for line in t.text.splitlines())]
    if comparison.single:
        out += ["", "## Covered by one of them", ""]
        for book in books:
            only = [v.title for v in comparison.single if book.path in v.by_book]
            if only:
                out.append(f"- **{book.title}**: {', '.join(only)}")
    return "\n".join(out) + "\n"


def compare_html(vault: Vault, comparison: Comparison, date: _dt.date | None = None) -> str:
    day = (date or _dt.date.today()).isoformat()
    body = sanitise(comparison_html(comparison, NoteRenderer(vault)))
    try:
        note_css = resource("styles", "note.css").read_text("utf-8")
    except OSError:
        note_css = ""
    css = note_css + perspectives_css(False) + lens_css(False)
    title = html.escape(_title(comparison))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{css}</style></head>\n<body>\n{body}\n"
        f"<p><small>Compared with Syntopic on {day}.</small></p>\n</body></html>\n"
    )


def write_compare(
    vault: Vault, comparison: Comparison, path: Path, *, overwrite: bool = False
) -> Path:
    """Write the comparison as .md or .html (by suffix), atomically."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in COMPARE_FORMATS:
        raise ExportError(f"unknown comparison format '{path.suffix}' (use .md or .html)")
    with atomic_output(path, overwrite) as tmp:
        text = compare_markdown(comparison) if fmt == "md" else compare_html(vault, comparison)
        tmp.write_text(text, "utf-8")
    return path
