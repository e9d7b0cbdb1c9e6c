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

# a hub has hundreds; laying them all out costs a tenth of a second on every visit
BACKLINKS_SHOWN = 150


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


def _mentions_html(vault: Vault, mentions: Sequence[Mention] | None, waiting: str) -> list[str]:
    if mentions is None:
        return ["<h4>Unlinked mentions</h4>", f'<p class="empty">{html.escape(waiting)}</p>']
    count = len(mentions)
    parts = [f"<h4>Unlinked {'mention' if count == 1 else 'mentions'} ({count})</h4>"]
    for m in mentions:
        title = vault.notes[m.source].title if m.source in vault.notes else m.source
        context = html.escape(m.context).replace(
            html.escape(m.name), f"<b>{html.escape(m.name)}</b>", 1
        )
        parts.append(
            f'<p>{_note_link(m.source, title)}<br><span class="context">{context}</span></p>'
        )
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

    def set_dark(self, dark: bool) -> None:
        self.document().setDefaultStyleSheet(panel_css(dark))

    def show_note(
        self,
        vault: Vault,
        path: str,
        mentions: Sequence[Mention] | None = None,
        waiting: str = "Search is still indexing…",
    ) -> None:
        """Backlinks and links out; ``mentions`` under them (None: ``waiting`` says why not)."""
        bar = self.verticalScrollBar()
        position = bar.value() if path == self.path else 0
        backlinks = vault.backlinks(path)
        self.backlink_count = len(backlinks)
        parts = [
            f"<h4>Linked from {len(backlinks)} {'place' if len(backlinks) == 1 else 'places'}</h4>"
        ]
        for b in backlinks[:BACKLINKS_SHOWN]:
            title = vault.notes[b.source].title
            context = context_html(vault, b.source, b.link.context)
            parts.append(
                # a click lands on the heading the link sits under
                f"<p>{_note_link(b.source, title, heading=b.link.section)}<br>"
                f'<span class="context">{context}</span></p>'
            )
        if len(backlinks) > BACKLINKS_SHOWN:
            more = len(backlinks) - BACKLINKS_SHOWN
            parts.append(
                f'<p class="empty">…and {more} more: search for the title to see them all.</p>'
            )
        if not backlinks:
            parts.append('<p class="empty">No other note links here yet.</p>')
        seen: set[str] = set()
        out: list[str] = []
        for link, res in vault.outgoing(path):
            if res.attachment or res.path == path or not link.target:
                continue
            key = res.path or "?" + link.target.lower()
            if key in seen:
                continue
            seen.add(key)
            if res.path is None:
                out.append(f'<a class="ghost">{html.escape(link.target)}</a> (not written yet)')
            else:
                out.append(_note_link(res.path, vault.notes[res.path].title))
        parts.append(f"<h4>Links to {len(out)} {'note' if len(out) == 1 else 'notes'}</h4>")
        parts.append("<p>" + "<br>".join(out) + "</p>" if out else '<p class="empty">None.</p>')
        parts += _mentions_html(vault, mentions, waiting)
        self.mention_count = len(mentions or ())
        self.setHtml("\n".join(parts))
        self.path = path
        bar.setValue(position)

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "note":
            self.note_requested.emit(url.path(), url.fragment())
