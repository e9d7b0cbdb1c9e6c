"""A book's lens and books compared, as HTML fragments for the window and exports."""

from __future__ import annotations

import html
from collections.abc import Sequence

from syntopic.core.catalog import Book
from syntopic.core.compare import Comparison
from syntopic.core.lens import ConceptView, Lens, book_blocks, other_side
from syntopic.core.model import Block
from syntopic.core.vault import Vault
from syntopic.render.markdown import RenderContext, note_href, render_markdown
from syntopic.render.note import NoteRenderer
from syntopic.render.perspectives import _no_footnote_refs

_CSS = """
h2.lens-concept {{ margin-top: 20px; margin-bottom: 4px; }}
div.lens-blocks {{ font-size: 14px; }}
p.lens-by {{ font-size: 13px; font-weight: 600; color: {meta}; margin-bottom: 0px; }}
p.lens-meta {{ color: {meta}; margin-top: 0px; }}
p.lens-empty {{ color: {meta}; font-style: italic; }}
td.compare-head {{ font-weight: 600; font-size: 15px; padding: 4px 10px; }}
td.compare-cell {{ background-color: {column}; padding: 6px 10px; font-size: 14px; }}
td.compare-none {{ color: {meta}; font-style: italic; padding: 6px 10px; }}
"""


def lens_css(dark: bool = False) -> str:
    """Styles on top of the note and perspectives stylesheets."""
    colours = {"meta": "#8b949e", "column": "#161b22"} if dark else {}
    return _CSS.format(**({"meta": "#656d76", "column": "#f6f8fa"} | colours))


def byline(book: Book) -> str:
    parts = list(book.authors)
    if book.year is not None:
        parts.append(str(book.year))
    return " · ".join(parts)


def _link(path: str, label: str) -> str:
    return f'<a class="internal" href="{html.escape(note_href(path))}">{html.escape(label)}</a>'


def _blocks(blocks: Sequence[Block], context: RenderContext) -> str:
    parts = ['<div class="lens-blocks">']
    for i, block in enumerate(blocks):
        if i:
            parts.append('<hr class="block-rule">')
        parts.append(render_markdown(_no_footnote_refs(block.text), context=context))
    parts.append("</div>")
    return "".join(parts)


def _tensions(view: ConceptView, books: Sequence[Book], context: RenderContext) -> str:
    out = []
    for t in view.tensions:
        against = other_side(t, books)
        label = "with " + " · ".join(against) if against else "a tension"
        body = render_markdown(_no_footnote_refs(t.text), context=context)
        out.append(
            '<table class="tension" width="100%"><tr><td>'
            f'<p class="between">{html.escape(label)}</p>{body}</td></tr></table>'
        )
    return "".join(out)


PAGE = 40
"""Concepts on one page in the window: a big book speaks to hundreds, and Qt's rich
text takes ~0.4 ms a KB to lay out, all on the UI thread."""
LISTED = 200  # concepts only one book covers, named per book before "and N more"


COMPARE_PAGE = 20  # rows of two to four columns each


def page_window(page: int | None, size: int = PAGE) -> slice | None:
    """The concepts of ``page`` (None: all), as `Lenses.lens` and `compare` take them."""
    return None if page is None else slice(page * size, (page + 1) * size)


def _page(
    items: Sequence[ConceptView], page: int | None, size: int = PAGE
) -> tuple[Sequence[ConceptView], str]:
    """The items of ``page`` (None: all of them) and the links to the pages around it."""
    if page is None or len(items) <= size:
        return items, ""
    last = (len(items) - 1) // size
    page = max(0, min(page, last))
    start = page * size
    shown = items[start : start + size]
    parts = [f"Concepts {start + 1}–{start + len(shown)} of {len(items)}"]
    if page > 0:
        parts.append(f'<a href="page:{page - 1}">‹ Previous</a>')
    if page < last:
        parts.append(f'<a href="page:{page + 1}">Next ›</a>')
    return shown, f'<p class="lens-meta">{" · ".join(parts)}</p>'


def lens_html(
    lens: Lens, renderer: NoteRenderer, *, title: str, meta: str = "", page: int | None = None
) -> str:
    """Every concept the lens's books speak to: their blocks, a link, their tensions;
    with ``page``, only that page's concepts and links to the pages around it."""
    out = [f'<h1 class="title">{html.escape(title)}</h1>']
    several = len(lens.books) > 1
    tensions = sum(len(c.tensions) for c in lens.concepts)
    summary = f"speaks to {len(lens.concepts)} concept{'s' * (len(lens.concepts) != 1)}"
    if several:
        summary = f"{len(lens.books)} books · " + summary
    if tensions and page is None:  # a page reads only its own concepts' tensions
        summary += f" · in {tensions} tension{'s' * (tensions != 1)}"
    out.append(f'<p class="lens-meta">{html.escape(" · ".join(filter(None, [meta, summary])))}</p>')
    if not lens.concepts:
        out.append(
            '<p class="lens-empty">No concept has a perspective from this book yet: a '
            "paragraph in a concept's “Multi-Book View” (or “Perspectives”) section that "
            "names it brings it here.</p>"
        )
    shown, pager = _page(lens.concepts, page)
    out.append(pager)
    for view in shown:
        context = renderer.context(view.path)
        out.append(f'<h2 class="lens-concept">{_link(view.path, view.title)}</h2>')
        for book in lens.books:
            blocks = view.by_book.get(book.path)
            if not blocks:
                continue
            if several:
                out.append(f'<p class="lens-by">{html.escape(book.title)}</p>')
            out.append(_blocks(blocks, context))
        out.append(_tensions(view, lens.books, context))
    out.append(pager)
    return "\n".join(out)


def comparison_html(comparison: Comparison, renderer: NoteRenderer, page: int | None = None) -> str:
    """One column per book, one row per shared concept with its tensions, then the rest
    (with ``page``: that page's shared concepts, the rest on the last page)."""
    books = comparison.books
    width = f"{100 / len(books):.0f}%"
    titles = " · ".join(b.title for b in books)
    out = [f'<h1 class="title">{html.escape(titles)}</h1>']
    shared = len(comparison.shared)
    out.append(
        f'<p class="lens-meta">{shared} concept{"s" * (shared != 1)} shared · '
        f"{len(comparison.single)} covered by one of them</p>"
    )
    head = "".join(
        f'<td class="compare-head" width="{width}">{_link(b.path, b.title)}'
        f"<br><small>{html.escape(byline(b))}</small></td>"
        for b in books
    )
    out.append(f'<table class="perspectives" width="100%" cellspacing="6"><tr>{head}</tr></table>')
    if not comparison.shared:
        out.append('<p class="lens-empty">These books speak to no concept in common.</p>')
    shown, pager = _page(comparison.shared, page, COMPARE_PAGE)
    out.append(pager)
    for view in shown:
        context = renderer.context(view.path)
        out.append(f'<h2 class="lens-concept">{_link(view.path, view.title)}</h2>')
        cells = []
        for book in books:
            blocks = view.by_book.get(book.path)
            if blocks:
                cells.append(
                    f'<td class="compare-cell" width="{width}" valign="top">'
                    f"{_blocks(blocks, context)}</td>"
                )
            else:
                cells.append(f'<td class="compare-none" width="{width}" valign="top">—</td>')
        out.append(
            '<table class="perspectives" width="100%" cellspacing="6">'
            f"<tr>{''.join(cells)}</tr></table>"
        )
        out.append(_tensions(view, books, context))
    out.append(pager)
    last = not shown or shown[-1] is comparison.shared[-1]
    if comparison.single and last:
        out.append('<h2 class="tensions">Covered by one of them</h2>')
        for book in books:
            only = [v for v in comparison.single if book.path in v.by_book]
            if only:
                links = ", ".join(_link(v.path, v.title) for v in only[:LISTED])
                if page is not None and len(only) > LISTED:
                    links += f" and {len(only) - LISTED} more"
                elif len(only) > LISTED:
                    links += ", " + ", ".join(_link(v.path, v.title) for v in only[LISTED:])
                out.append(
                    f'<p><span class="lens-by">{html.escape(book.title)}</span>: {links}</p>'
                )
    return "\n".join(out)


def cell_html(vault: Vault, book: Book, concept: str) -> str:
    """What one book says about one concept: a matrix cell opened."""
    note = vault.notes.get(concept)
    title = note.title if note is not None else concept
    blocks = book_blocks(vault, book.path, concept)
    head = f'<p class="lens-by">{html.escape(book.title)} on {_link(concept, title)}</p>'
    if not blocks:
        return head + (
            f'<p class="lens-empty">{html.escape(book.title)} has not been brought to '
            f"{html.escape(title)} yet: a paragraph naming it in the concept's "
            "perspectives section would put it here.</p>"
        )
    return head + _blocks(blocks, NoteRenderer(vault).context(concept))
