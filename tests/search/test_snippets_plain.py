"""Snippets read as plain text: no HTML tags, entities or footnote markers."""

from __future__ import annotations

from syntopic.search.snippets import plain_text


def test_inline_html_leaves_its_text_not_its_tags() -> None:
    text = plain_text(
        'Read on. <button id=HH>Open in Obsidian</button> and <span class="git-footer">'
        "edited by Ann &amp; Bo</span><br/>done. 3 < 4 > 2."
    )
    assert text == "Read on. Open in Obsidian and edited by Ann & Bo done. 3 < 4 > 2."


def test_footnote_markers_go() -> None:
    text = plain_text("A claim.[^1] Another[^note].\n\n[^1]: The source, page 4.\n")
    assert text == "A claim. Another. The source, page 4."
