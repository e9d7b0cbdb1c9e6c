"""The side panel of a note's links: backlinks with their sentence, links out, mentions."""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import quote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from syntopic.core.vault import Vault
from syntopic.render.note import context_html
from syntopic.search.mentions import Mention

# Each list shows its first rows and a "more" row that adds a chunk per click: a hub
# has hundreds of backlinks and a generated index note can link to 100,000 notes, and
# laying out every row on the UI thread costs a tenth of a second per few hundred.
FIRST_ROWS = {"backlinks": 150, "links": 200, "mentions": 100}
MORE_ROWS = 500


def panel_css(dark: bool) -> str:
    link, ghost, context, muted = (
        ("#d2a8ff", "#e3b341", "#c9d1d9", "#8b949e")
        if dark
        else ("#6639ba", "#9a6700", "#424a53", "#656d76")
    )
    return (
        "p { margin: 0px 0px 10px 0px; }"
        f"a {{ color: {link}; text-decoration: none; font-weight: 600; }}"
        f"a.ghost {{ color: {ghost}; font-weight: normal; }}"
        f".context {{ color: {context}; }}"
        f".empty {{ color: {muted}; font-style: italic; }}"
        f"h4 {{ color: {muted}; margin: 4px 0px 6px 0px; }}"
    )


def _note_link(path: str, title: str, css: str = "", heading: str | None = None) -> str:
    cls = f' class="{css}"' if css else ""
    href = "note:" + quote(path) + ("#" + quote(heading) if heading else "")
    return f'<a{cls} href="{html.escape(href)}">{html.escape(title)}</a>'


def _more_row(kind: str, hidden: int) -> str:
    step = min(hidden, MORE_ROWS)
    return (
        f'<p><a href="more:{kind}">Show {step:,} more…</a> '
        f'<span class="empty">({hidden:,} not shown)</span></p>'
    )


def _mentions_html(
    vault: Vault, mentions: Sequence[Mention] | None, waiting: str, shown: int
) -> list[str]:
    if mentions is None:
        return ["<h4>Unlinked mentions</h4>", f'<p class="empty">{html.escape(waiting)}</p>']
    count = len(mentions)
    parts = [f"<h4>Unlinked {'mention' if count == 1 else 'mentions'} ({count})</h4>"]
    for m in mentions[:shown]:
        title = vault.notes[m.source].title if m.source in vault.notes else m.source
        context = html.escape(m.context).replace(
            html.escape(m.name), f"<b>{html.escape(m.name)}</b>", 1
        )
        parts.append(
            f'<p>{_note_link(m.source, title)}<br><span class="context">{context}</span></p>'
        )
    if count > shown:
        parts.append(_more_row("mentions", count - shown))
    if not mentions:
        parts.append('<p class="empty">No note names this one without linking to it.</p>')
    return parts


class LinksPanel(QTextBrowser):
    """Backlinks (with the sentence each sits in), outgoing links and unlinked mentions.

    Signals:
        note_requested(str, str): the vault path of a note clicked in the panel, and the
            heading to scroll to (a backlink's section; may be empty).
    """

    note_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.document().setDefaultStyleSheet(panel_css(dark=False))
        self.anchorClicked.connect(self._clicked)
        self.backlink_count = 0
        self.mention_count = 0
        self.path: str | None = None
        self.shown = dict(FIRST_ROWS)  # rows laid out per list for the note shown
        self._last: tuple[Vault, str, Sequence[Mention] | None, str] | None = None

    def set_dark(self, dark: bool) -> None:
        self.document().setDefaultStyleSheet(panel_css(dark))

    def show_note(
        self,
        vault: Vault,
        path: str,
        mentions: Sequence[Mention] | None = None,
        waiting: str = "Search is still indexing…",
    ) -> None:
        """Backlinks and links out; ``mentions`` under them (None: ``waiting`` says why not).

        Another note starts every list at its first rows; the same note again keeps
        the rows its "more" rows opened, and the scroll position.
        """
        bar = self.verticalScrollBar()
        same = path == self.path
        position = bar.value() if same else 0
        if not same:
            self.shown = dict(FIRST_ROWS)
        self._last = (vault, path, mentions, waiting)
        backlinks = vault.backlinks(path)
        self.backlink_count = len(backlinks)
        parts = [
            f"<h4>Linked from {len(backlinks)} {'place' if len(backlinks) == 1 else 'places'}</h4>"
        ]
        for b in backlinks[: self.shown["backlinks"]]:
            title = vault.notes[b.source].title
            context = context_html(vault, b.source, b.link.context)
            parts.append(
                # a click lands on the heading the link sits under
                f"<p>{_note_link(b.source, title, heading=b.link.section)}<br>"
                f'<span class="context">{context}</span></p>'
            )
        if len(backlinks) > self.shown["backlinks"]:
            parts.append(_more_row("backlinks", len(backlinks) - self.shown["backlinks"]))
        if not backlinks:
            parts.append('<p class="empty">No other note links here yet.</p>')
        out, count = self._links_out(vault, path)
        parts.append(f"<h4>Links to {count} {'note' if count == 1 else 'notes'}</h4>")
        parts.append("<p>" + "<br>".join(out) + "</p>" if out else '<p class="empty">None.</p>')
        if count > len(out):
            parts.append(_more_row("links", count - len(out)))
        parts += _mentions_html(vault, mentions, waiting, self.shown["mentions"])
        self.mention_count = len(mentions or ())
        self.setHtml("\n".join(parts))
        self.path = path
        bar.setValue(position)

    def _links_out(self, vault: Vault, path: str) -> tuple[list[str], int]:
        """The rows of the first notes this one links to, and how many it links to."""
        limit = self.shown["links"]
        seen: set[str] = set()
        out: list[str] = []
        for link, res in vault.outgoing(path):
            if res.attachment or res.path == path or not link.target:
                continue
            key = res.path or "?" + link.target.lower()
            if key in seen:
                continue
            seen.add(key)
            if len(out) >= limit:
                continue  # counted, not laid out
            if res.path is None:
                out.append(f'<a class="ghost">{html.escape(link.target)}</a> (not written yet)')
            else:
                out.append(_note_link(res.path, vault.notes[res.path].title))
        return out, len(seen)

    def show_more(self, kind: str) -> None:
        """Open the next chunk of rows of one list (``backlinks``, ``links``, ``mentions``)."""
        if self._last is None or kind not in self.shown:
            return
        self.shown[kind] += MORE_ROWS
        self.show_note(*self._last)

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "note":
            self.note_requested.emit(url.path(), url.fragment())
        elif url.scheme() == "more":
            self.show_more(url.path())
