"""Callouts render the way Obsidian draws them: type, alias, icon, colour, folding, titles."""

from __future__ import annotations

import re

import pytest

from syntopic.render.callouts import ALIASES, TYPES, callout_css
from syntopic.render.markdown import RenderContext, render_markdown

OBSIDIAN_TYPES = {
    "note": "note",
    "abstract": "abstract",
    "summary": "abstract",
    "tldr": "abstract",
    "info": "info",
    "todo": "todo",
    "tip": "tip",
    "hint": "tip",
    "important": "tip",
    "success": "success",
    "check": "success",
    "done": "success",
    "question": "question",
    "help": "question",
    "faq": "question",
    "warning": "warning",
    "caution": "warning",
    "attention": "warning",
    "failure": "failure",
    "fail": "failure",
    "missing": "failure",
    "danger": "danger",
    "error": "danger",
    "bug": "bug",
    "example": "example",
    "quote": "quote",
    "cite": "quote",
}


@pytest.mark.parametrize(("written", "kind"), sorted(OBSIDIAN_TYPES.items()))
def test_every_type_and_alias_gets_its_box_icon_and_colour(written: str, kind: str) -> None:
    out = render_markdown(f"> [!{written.upper()}]\n> Body text.")
    assert f'<table class="callout callout-{kind}"' in out
    assert f'<p class="callout-title callout-title-{kind}">{TYPES[kind].icon} ' in out
    assert f"{written.upper().capitalize()}</p>" in out  # no title: the type as written
    assert "<p>Body text.</p>" in out and "[!" not in out


def test_each_type_has_its_own_icon_and_a_colour_rule_in_both_themes() -> None:
    assert len({t.icon for t in TYPES.values()}) == len(TYPES)
    assert set(ALIASES.values()) <= set(TYPES)
    for dark in (False, True):
        css = callout_css(dark)
        for name in TYPES:
            assert re.search(rf"table\.callout-{name} \{{ background-color: #[0-9a-f]{{6}};", css)


def test_an_unknown_type_looks_like_a_note() -> None:
    out = render_markdown("> [!mystery] Strange\n> text")
    assert 'class="callout callout-note"' in out and "Strange</p>" in out


def test_markdown_in_the_title_is_rendered() -> None:
    out = render_markdown("> [!tip] Use **bold**, `code` and [[Other|a link]]\n> body")
    title = out.split('<p class="callout-title', 1)[1].split("</p>", 1)[0]
    assert "<strong>bold</strong>" in title and "<code>code</code>" in title
    assert 'href="ghost:Other"' in title and ">a link</a>" in title


def test_minus_starts_folded_plus_starts_open_and_a_flip_toggles() -> None:
    text = "> [!faq]- Why?\n> The hidden answer.\n\n> [!note]+ Open one\n> Shown body."
    folded = render_markdown(text)
    assert "The hidden answer." not in folded and "Why?</p>" in folded
    assert 'href="callout:0" title="Unfold">▸</a>' in folded
    assert 'href="callout:1" title="Fold">▾</a>' in folded and "Shown body." in folded
    flipped = render_markdown(text, context=RenderContext(flipped=frozenset({0, 1})))
    assert "The hidden answer." in flipped and "Shown body." not in flipped
    assert flipped.count("</table>") == 2  # each box still closes


def test_a_callout_without_a_sign_cannot_fold() -> None:
    out = render_markdown("> [!note] Fixed\n> body", context=RenderContext(flipped=frozenset({0})))
    assert "callout:" not in out and "body" in out


def test_nested_callouts_and_plain_quotes_keep_their_own_boxes() -> None:
    out = render_markdown("> [!note] Outer\n> text\n> > [!warning]- Inner\n> > hidden\n\n> plain")
    assert out.count('<table class="callout') == 2 and "hidden" not in out
    assert "<blockquote>" in out and "plain" in out


def test_an_embedded_note_shows_its_callouts_open_without_fold_links() -> None:
    out = render_markdown("> [!faq]- Q\n> The answer.", context=RenderContext(depth=1))
    assert "The answer." in out and "callout:" not in out
