"""A note too large to render at once is shown in pages, cut at paragraph breaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer
from syntopic.render.pages import PAGE_CHARS, page_bar, page_of, page_starts

PARA = "A line with [[Other]] in it, and more words to fill the paragraph up.\n\n"


def test_pages_are_cut_at_blank_lines_outside_code() -> None:
    fence = "```\n" + "code line\n\n" * 200 + "```\n\n"
    text = "".join(f"## H{i}\n{PARA}" for i in range(1500)) + fence + PARA * 1000
    starts = page_starts(text, 50_000)
    assert len(starts) > 3 and all(text[s - 2 : s] == "\n\n" for s in starts[1:])
    for s in starts:  # never inside the fence
        assert text[:s].count("```") % 2 == 0
    pages = [page_of(text, n, 50_000) for n in range(len(starts))]
    assert "".join(p.text for p in pages) == text
    assert pages[1].first_line == text[: starts[1]].count("\n") + 1
    assert page_of(text, 999, 50_000).number == len(starts) - 1  # clamped


def test_a_single_huge_line_is_still_cut() -> None:
    text = "word [[Liking]] " * 20_000  # 320 KB, no line break at all
    starts = page_starts(text)
    assert len(starts) == 4 and starts[1] == PAGE_CHARS


def test_page_bar_links_to_the_neighbours() -> None:
    page = page_of(PARA * 5000, 1)
    bar = page_bar(page, 5000 * len(PARA))
    assert "Page 2 of" in bar and 'href="page:1"' in bar and 'href="page:3"' in bar
    assert page_bar(page_of("short", 0), 5) == ""


def test_a_large_note_renders_one_page_with_a_notice(disk_vault: Callable[[Pairs], Path]) -> None:
    body = "---\ndone: true\n---\n" + "".join(f"## H{i}\n{PARA}" for i in range(3000))
    root = disk_vault([("Big.md", body), ("Other.md", "o"), ("Small.md", "tiny")])
    renderer = NoteRenderer(Vault.open(str(root)))
    first = renderer.page_html("Big.md")
    assert "This note is large (" in first and "Page 1 of 3" in first
    assert "H0</h2>" in first and "H2999</h2>" not in first and "☑" in first
    last = renderer.page_html("Big.md", 2)
    assert "Page 3 of 3" in last and "H2999</h2>" in last and "H0</h2>" not in last
    assert "☑" not in last  # properties on the first page only
    assert 'href="note:Other.md"' in last
    line = body.split("\n").index("## H2999") + 1
    assert f'<a name="L{line}"></a>H2999' in last  # anchors keep the file's line numbers
    assert renderer.heavy("Big.md") and not renderer.heavy("Small.md")
    assert "Page" not in renderer.page_html("Small.md")


def test_an_embed_of_a_large_note_shows_its_first_page(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    big = "".join(f"## H{i}\n{PARA}" for i in range(3000))
    root = disk_vault([("Big.md", big), ("Host.md", "Before.\n\n![[Big]]\n\nAfter.")])
    out = NoteRenderer(Vault.open(str(root))).page_html("Host.md")
    assert "H0</h2>" in out and "H2999</h2>" not in out
    assert "A large note: its first part only." in out and "After." in out
