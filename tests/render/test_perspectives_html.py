"""The side-by-side HTML: equal columns, bylines, clickable links, tensions underneath."""

from __future__ import annotations

import re

import pytest

from conftest import memory_vault
from syntopic.core.vault import Vault
from syntopic.render.perspectives import (
    perspectives_css,
    perspectives_document,
    perspectives_html,
    rows_of,
    vault_perspectives_html,
)

PEOPLE = [
    ("Ann Arden", "Open Hands"),
    ("Ben Brook", "Quiet Deals"),
    ("Cara Cole", "The Long Game"),
    ("Dev Dunn", "Small Gifts"),
    ("Eli Eames", "Fair Trade"),
    ("Fay Frost", "Warm Leads"),
    ("Gil Grant", "First Moves"),
]


def library(voices: int, extra: str = "") -> Vault:
    """A vault with one concept that ``voices`` books speak to, one paragraph each."""
    books = [
        (f"Books/{title}.md", f"---\nauthor: {name}\nyear: {2000 + i}\n---\n")
        for i, (name, title) in enumerate(PEOPLE[:voices])
    ]
    paragraphs = [f"{name} in {title} gives first." for name, title in PEOPLE[:voices]]
    text = "## Perspectives\n" + "\n\n".join(paragraphs) + extra
    return memory_vault([*books, ("Liking.md", "Liked."), ("Gifts.md", text)])


def cells(page: str) -> list[str]:
    return re.findall(r'<td class="(column|column-narrow|filler)" width="(\d+)%"', page)


@pytest.mark.parametrize(
    ("count", "rows"),
    [(0, []), (1, [1]), (2, [2]), (4, [4]), (5, [3, 2]), (6, [3, 3]), (7, [4, 3]), (9, [3, 3, 3])],
)
def test_columns_wrap_into_even_rows(count: int, rows: list[int]) -> None:
    assert rows_of(count) == rows


def test_three_books_make_three_equal_columns_in_one_row() -> None:
    page = vault_perspectives_html(library(3), "Gifts.md")
    assert page.count('<table class="perspectives"') == 1
    widths = cells(page)
    assert widths == [("column", "33")] * 3
    assert page.index("Open Hands") < page.index("Quiet Deals") < page.index("The Long Game")


def test_six_books_wrap_into_two_rows_of_three() -> None:
    page = vault_perspectives_html(library(6), "Gifts.md")
    assert page.count('<table class="perspectives"') == 2
    assert cells(page) == [("column", "33")] * 6


def test_seven_books_use_narrow_columns_and_keep_widths_equal() -> None:
    page = vault_perspectives_html(library(7), "Gifts.md")
    assert cells(page) == [("column-narrow", "25")] * 7 + [("filler", "25")]
    assert page.count('class="book-title-narrow"') == 7
    assert re.search(r"p\.book-title-narrow \{[^}]*font-size: 14px", perspectives_css())


def test_each_column_has_a_linked_title_and_a_byline() -> None:
    page = vault_perspectives_html(library(2), "Gifts.md")
    assert '<a class="internal" href="note:Books/Open%20Hands.md">Open Hands</a>' in page
    assert '<p class="book-meta">Ann Arden · 2000</p>' in page
    assert "<p>Ann Arden in Open Hands gives first.</p>" in page


def test_wiki_links_in_blocks_are_clickable() -> None:
    v = memory_vault(
        [
            ("Books/Open Hands.md", "---\nauthor: Ann Arden\n---\n"),
            ("Liking.md", "Liked."),
            (
                "Gifts.md",
                "## Perspectives\nAnn Arden in Open Hands ties giving to [[Liking]] "
                "and to [[Unwritten Idea]].",
            ),
        ]
    )
    page = vault_perspectives_html(v, "Gifts.md")
    assert '<a class="internal" href="note:Liking.md">Liking</a>' in page
    assert 'href="ghost:Unwritten%20Idea"' in page


def test_tensions_come_after_the_columns_with_who_they_involve() -> None:
    extra = "\n\n## Tensions\nArden and Brook disagree about keeping score."
    page = vault_perspectives_html(library(2, extra), "Gifts.md")
    assert page.index("Where they disagree") > page.rindex('<td class="column"')
    assert '<p class="between">Ann Arden · Ben Brook</p>' in page
    assert "2 perspectives · 1 tension" in page


def test_a_block_in_two_columns_says_so() -> None:
    v = memory_vault(
        [
            ("Books/Open Hands.md", "---\nauthor: Ann Arden\n---\n"),
            ("Books/Quiet Deals.md", "---\nauthor: Ann Arden\n---\n"),
            ("Gifts.md", "## Perspectives\nArden covers it in Open Hands and Quiet Deals."),
        ]
    )
    page = vault_perspectives_html(v, "Gifts.md")
    assert '<p class="shared">also under Quiet Deals</p>' in page
    assert '<p class="shared">also under Open Hands</p>' in page


def test_voices_without_a_book_note_still_get_a_column() -> None:
    v = memory_vault(
        [("Gifts.md", "## Perspectives\nRobin Dreeke's *The Code of Trust* gives freely.")]
    )
    page = vault_perspectives_html(v, "Gifts.md")
    assert '<p class="book-title">Robin Dreeke</p>' in page
    assert "author · no single book named" in page
    assert "<em>The Code of Trust</em>" in page


def test_text_is_escaped() -> None:
    v = memory_vault(
        [
            ("Books/Tips & Tricks.md", "---\ntitle: Tips & <Tricks>\nauthor: Ann Arden\n---\n"),
            ("A & B.md", "## Perspectives\nArden says so."),
        ]
    )
    page = vault_perspectives_html(v, "A & B.md")
    assert '<h1 class="title">A &amp; B</h1>' in page
    assert "Tips &amp; &lt;Tricks&gt;" in page


def test_a_note_without_perspectives_explains_how_to_add_them() -> None:
    v = memory_vault([("Plain.md", "Just a definition.")])
    page = perspectives_html(v.perspectives("Plain.md"))
    assert 'class="empty"' in page and "Multi-Book View" in page


def test_a_standalone_document_carries_its_styles() -> None:
    v = library(2)
    doc = perspectives_document(v.perspectives("Gifts.md"), note_css="body { }", dark=True)
    assert doc.startswith("<!DOCTYPE html>") and "<style>body { }" in doc
    assert "#161b22" in doc  # the dark column colour


def test_footnote_markers_do_not_show_as_text_in_a_column() -> None:
    # the note's footnotes are not in the column, so a "[^1]" would read as text
    vault = library(2, extra=" As noted.[^1]\n\n[^1]: A source.\n")
    page = vault_perspectives_html(vault, "Gifts.md")
    assert "As noted." in page and "[^1]" not in page
