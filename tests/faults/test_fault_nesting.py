"""Deeply nested notes: nothing the renderer cannot draw disappears without a word."""

from __future__ import annotations

from syntopic.core.parse import parse_note
from syntopic.render.markdown import render_markdown
from syntopic.render.nesting import MAX_NESTING


def nested_list(depth: int) -> str:
    return "".join("  " * i + f"- item{i}\n" for i in range(depth))


def test_quotes_and_lists_deeper_than_twenty_levels_are_drawn() -> None:
    html = render_markdown("> " * 25 + "deep [[Target]]\n")
    assert "deep" in html and "ghost:Target" in html
    html = render_markdown(nested_list(30))
    assert "item29" in html and html.count("<ul>") == 30


def test_past_the_limit_the_note_is_plain_text_with_a_notice() -> None:
    text = "> " * (MAX_NESTING + 20) + "deepest words [[Target]]\n"
    html = render_markdown(text)
    assert f"nested more than {MAX_NESTING} levels" in html
    assert "deepest words [[Target]]" in html
    assert [link.target for link in parse_note("n.md", text).links] == ["Target"]
    html = render_markdown(nested_list(MAX_NESTING))
    assert "item99" in html and "plain text" in html
