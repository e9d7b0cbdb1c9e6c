"""The side-by-side view of a concept: one column per book, the tensions underneath."""

from __future__ import annotations

import html
import math
import re

from syntopic.core.books import ConceptPerspectives, Perspective, Tension
from syntopic.core.vault import Vault
from syntopic.render.markdown import RenderContext, note_href, render_markdown
from syntopic.render.note import NoteRenderer

MAX_COLUMNS = 4
"""Columns in one row. Past four, a ~900 px pane leaves under ~200 px a column,
about twenty characters a line: too narrow to read prose. Five to seven voices
wrap into two rows of equal columns instead (3+2, 3+3, 4+3)."""

_LIGHT = {
    "column": "#f6f8fa",
    "rule": "#d0d7de",
    "meta": "#656d76",
    "tension": "#fff8e6",
    "tension_rule": "#f0d48a",
}
_DARK = {
    "column": "#161b22",
    "rule": "#30363d",
    "meta": "#8b949e",
    "tension": "#2b2111",
    "tension_rule": "#5c4813",
}

# Qt's rich text understands a subset of CSS: class selectors, colours, font
# sizes, margins and padding, but no flexbox, grid or max-width; so the
# columns are a table whose cells get equal `width` attributes.
_CSS = """
table.perspectives {{ border-collapse: separate; margin: 8px 0px; }}
td.column {{ background-color: {column}; border: none; padding: 8px 10px; font-size: 14px; }}
td.column-narrow {{ background-color: {column}; border: none; padding: 6px 8px;
  font-size: 13px; }}
td.filler {{ border: none; }}
p.book-title {{ font-size: 17px; font-weight: 600; margin-top: 0px; margin-bottom: 0px; }}
p.book-title-narrow {{ font-size: 14px; font-weight: 600; margin-top: 0px;
  margin-bottom: 0px; }}
p.book-meta {{ font-size: 12px; color: {meta}; margin-top: 2px; margin-bottom: 6px; }}
p.shared {{ font-size: 12px; color: {meta}; font-style: italic; margin-top: 0px; }}
hr.block-rule {{ border: none; height: 1px; background-color: {rule}; }}
p.perspectives-summary {{ color: {meta}; margin-top: 0px; }}
h2.tensions {{ margin-top: 18px; }}
table.tension {{ background-color: {tension}; border: 1px solid {tension_rule};
  margin: 6px 0px; }}
table.tension td {{ border: none; padding: 6px 12px; font-size: 14px; }}
p.between {{ font-size: 12px; font-weight: 600; color: {meta}; margin-bottom: 0px; }}
p.empty {{ color: {meta}; font-style: italic; }}
"""


def perspectives_css(dark: bool = False) -> str:
    """Styles for the view, on top of the note stylesheet (note.css / note-dark.css)."""
    return _CSS.format(**(_DARK if dark else _LIGHT))


# "[^1]": the note's footnotes are not in a column, so a marker would show as text
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\](?!:)")


def _no_footnote_refs(markdown: str) -> str:
    return _FOOTNOTE_REF.sub("", markdown) if "[^" in markdown else markdown


def rows_of(count: int, max_columns: int = MAX_COLUMNS) -> list[int]:
    """How many columns each row gets: as few rows as fit, as even as possible."""
    if count <= 0:
        return []
    rows = math.ceil(count / max(1, max_columns))
    per_row = math.ceil(count / rows)
    sizes = [per_row] * (count // per_row)
    if count % per_row:
        sizes.append(count % per_row)
    return sizes


def _meta(p: Perspective) -> str:
    """The byline under a column's title: author and year, or what it stands for."""
    book = p.book
    if book is not None:
        parts = list(book.authors)
        if book.year is not None:
            parts.append(str(book.year))
        return " · ".join(parts)
    if p.author and p.author == p.label:
        return "author · no single book named"
    return ""


def _title(p: Perspective, narrow: bool) -> str:
    cls = "book-title-narrow" if narrow else "book-title"
    label = html.escape(p.label)
    if p.book is not None:
        href = html.escape(note_href(p.book.path))
        label = f'<a class="internal" href="{href}">{label}</a>'
    return f'<p class="{cls}">{label}</p>'


def _column(
    p: Perspective, narrow: bool, width: str, context: RenderContext, shared: dict[int, list[str]]
) -> str:
    parts = [_title(p, narrow)]
    meta = _meta(p)
    if meta:
        parts.append(f'<p class="book-meta">{html.escape(meta)}</p>')
    for i, block in enumerate(p.blocks):
        if i:
            parts.append('<hr class="block-rule">')
        parts.append(render_markdown(_no_footnote_refs(block.text), context=context))
        others = [label for label in shared.get(block.line, ()) if label != p.label]
        if others:
            parts.append(f'<p class="shared">also under {html.escape(", ".join(others))}</p>')
    cls = "column-narrow" if narrow else "column"
    return f'<td class="{cls}" width="{width}" valign="top">{"".join(parts)}</td>'


def _tension(t: Tension, context: RenderContext) -> str:
    names = list(t.authors) or [b.title for b in t.books]
    between = f'<p class="between">{html.escape(" · ".join(names))}</p>' if names else ""
    body = render_markdown(_no_footnote_refs(t.text), context=context)
    return f'<table class="tension" width="100%"><tr><td>{between}{body}</td></tr></table>'


def perspectives_html(
    data: ConceptPerspectives,
    context: RenderContext | None = None,
    *,
    max_columns: int = MAX_COLUMNS,
    title: bool = True,
) -> str:
    """An HTML fragment: the concept's title, its book columns, the tensions.

    ``context`` resolves wiki links (from the concept's own folder); without
    one every link renders as unresolved.
    """
    ctx = context or RenderContext()
    out: list[str] = []
    if title:
        out.append(f'<h1 class="title">{html.escape(data.title)}</h1>')
    columns = data.perspectives
    if not data:
        out.append(
            '<p class="empty">This note has no perspectives section. A heading such as '
            "“The Multi-Book View”, “Perspectives” or “What the books say” starts one, "
            "with a paragraph or a ### subsection per book.</p>"
        )
        return "\n".join(out)
    books = sum(1 for p in columns if p.book is not None)
    summary = f"{len(columns)} perspective{'s' * (len(columns) != 1)}"
    if books and books != len(columns):
        summary += f" ({books} from books in this vault)"
    if data.tensions:
        summary += f" · {len(data.tensions)} tension{'s' * (len(data.tensions) != 1)}"
    out.append(f'<p class="perspectives-summary">{html.escape(summary)}</p>')
    shared: dict[int, list[str]] = {}
    for p in columns:
        for block in p.blocks:
            shared.setdefault(block.line, []).append(p.label)
    start = 0
    sizes = rows_of(len(columns), max_columns)
    per_row = max(sizes, default=1)
    narrow = per_row >= 4
    width = f"{100 / per_row:.0f}%"
    for size in sizes:
        cells = [_column(p, narrow, width, ctx, shared) for p in columns[start : start + size]]
        cells += [f'<td class="filler" width="{width}"></td>'] * (per_row - size)
        start += size
        out.append(
            '<table class="perspectives" width="100%" cellspacing="8" cellpadding="0">'
            f"<tr>{''.join(cells)}</tr></table>"
        )
    if data.tensions:
        out.append('<h2 class="tensions">Where they disagree</h2>')
        out.extend(_tension(t, ctx) for t in data.tensions)
    return "\n".join(out)


def perspectives_document(
    data: ConceptPerspectives,
    context: RenderContext | None = None,
    *,
    note_css: str = "",
    dark: bool = False,
    max_columns: int = MAX_COLUMNS,
) -> str:
    """A standalone HTML page (a browser, an export, a screenshot)."""
    css = note_css + perspectives_css(dark)
    body = perspectives_html(data, context, max_columns=max_columns)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(data.title)}</title>"
        f"<style>{css}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def vault_perspectives_html(vault: Vault, path: str, *, max_columns: int = MAX_COLUMNS) -> str:
    """The view for the note at ``path``, links resolved as the note resolves them."""
    context = NoteRenderer(vault).context(path)
    return perspectives_html(vault.perspectives(path), context, max_columns=max_columns)
