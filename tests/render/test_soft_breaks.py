"""A single newline inside a paragraph is a line break, as Obsidian shows it."""

from __future__ import annotations

from syntopic.render.markdown import render_markdown


def test_lines_of_one_paragraph_stay_lines() -> None:
    html = render_markdown("First thought.\nSecond thought.\n\nNext paragraph.\n")
    first = html.split("</p>")[0]
    assert "First thought.<br" in first and "Second thought." in first
    assert html.count("<p>") == 2  # a blank line still makes a new paragraph


def test_a_hard_wrapped_list_item_keeps_its_lines() -> None:
    html = render_markdown("- one\n  more of one\n- two\n")
    assert "one<br" in html and html.count("<li>") == 2
