"""Books compared, written to one Markdown or standalone, inert HTML file."""

from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path

from syntopic.core.compare import Comparison
from syntopic.core.lens import other_side
from syntopic.core.vault import Vault
from syntopic.export.files import ExportError, atomic_output
from syntopic.paths import resource
from syntopic.render.inert import inert_html
from syntopic.render.lens import byline, comparison_html, lens_css
from syntopic.render.note import NoteRenderer
from syntopic.render.perspectives import perspectives_css

COMPARE_FORMATS = ("md", "html")

# a link into the vault means nothing in a file opened elsewhere: keep its text
_NOTE_LINK = re.compile(r'<a ([^>]*?)href="(?:note|ghost|tag):[^"]*"([^>]*)>(.*?)</a>', re.S)


def sanitise(fragment: str) -> str:
    """The fragment made inert the way every HTML export is, note links as text."""
    return inert_html(_NOTE_LINK.sub(r"<span \1\2>\3</span>", fragment))


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
