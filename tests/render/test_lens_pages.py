"""A big book's lens and comparison come in pages in the window, whole in exports."""

from __future__ import annotations

from conftest import memory_vault
from syntopic.core.compare import compare
from syntopic.core.lens import Lenses, find_book
from syntopic.core.vault import Vault
from syntopic.render.lens import COMPARE_PAGE, PAGE, comparison_html, lens_html
from syntopic.render.note import NoteRenderer

COUNT = PAGE + 5


def vault_with_many_concepts() -> Vault:
    pairs = [
        ("Books/Ledgers.md", "---\nauthor: Ida Moss\n---\n"),
        ("Books/Tallies.md", "---\nauthor: Ned Pike\n---\n"),
    ]
    for i in range(COUNT):
        text = f"## Perspectives\n\nIn *Ledgers*, Moss counts item {i:03d}.\n"
        if i % 2 == 0:
            text += f"\nIn *Tallies*, Pike marks item {i:03d} twice.\n"
        pairs.append((f"Idea {i:03d}.md", text))
    return memory_vault(pairs)


def test_a_lens_page_holds_page_concepts_and_links_to_the_next() -> None:
    v = vault_with_many_concepts()
    lens = Lenses(v).lens([find_book(v.books, "Ledgers")])
    first = lens_html(lens, NoteRenderer(v), title="Ledgers", page=0)
    assert f"Concepts 1–{PAGE} of {COUNT}" in first and 'href="page:1"' in first
    assert "item 000" in first and f"item {PAGE - 1:03d}" in first
    assert f"item {PAGE:03d}" not in first
    second = lens_html(lens, NoteRenderer(v), title="Ledgers", page=1)
    assert f"Concepts {PAGE + 1}–{COUNT} of {COUNT}" in second
    assert 'href="page:0"' in second and 'href="page:2"' not in second
    assert f"item {COUNT - 1:03d}" in second and "item 000" not in second
    whole = lens_html(lens, NoteRenderer(v), title="Ledgers")
    assert "page:" not in whole and f"item {COUNT - 1:03d}" in whole


def test_a_comparison_pages_its_shared_rows_and_lists_the_rest_last() -> None:
    v = vault_with_many_concepts()
    books = [find_book(v.books, "Ledgers"), find_book(v.books, "Tallies")]
    result = compare(Lenses(v), books)
    assert len(result.shared) == (COUNT + 1) // 2 and len(result.single) == COUNT // 2
    first = comparison_html(result, NoteRenderer(v), page=0)
    assert first.count('class="lens-concept"') == COMPARE_PAGE
    assert "Covered by one of them" not in first and 'href="page:1"' in first
    last = comparison_html(result, NoteRenderer(v), page=1)
    assert last.count('class="lens-concept"') == len(result.shared) - COMPARE_PAGE
    assert "Covered by one of them" in last  # after the last shared row
    whole = comparison_html(result, NoteRenderer(v))
    assert whole.count('class="lens-concept"') == len(result.shared)
