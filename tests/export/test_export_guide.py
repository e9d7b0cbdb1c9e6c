"""Study guides: every perspective, tensions, frameworks and links; standalone HTML."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import memory_vault
from export.sample import PAIRS
from syntopic.export import guide
from syntopic.export.files import Cancelled, ExportError

CONCEPTS = ["Concepts/Giving.md", "Concepts/Trust.md"]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if d.get("id"):
            self.ids.add(str(d["id"]))
        if tag == "a" and d.get("href"):
            self.hrefs.append(str(d["href"]))
        if d.get("src"):
            self.srcs.append(str(d["src"]))


def test_markdown_guide_reads_as_a_revision_sheet(tmp_path: Path) -> None:
    vault = memory_vault(PAIRS)
    out = guide.write_guide(vault, CONCEPTS, tmp_path / "g.md", date=dt.date(2024, 1, 2))
    text = out.read_text("utf-8")
    assert text.startswith("# Study guide: Giving, Trust\n")
    assert "2024-01-02" in text
    assert "## Giving" in text and "## Trust" in text
    assert "Giving first creates a felt debt" in text  # the definition
    assert "| Book | By | In short |" in text
    for book in ("Open Hands", "The Ledger", "Quiet Service"):
        assert f"| **{book}** |" in text
    assert "#### The Ledger — Ben Brook, 2010" in text
    assert "Ben Brook in *The Ledger* counts every favour" in text  # wiki links made plain
    assert "### Where the books disagree" in text and "Ann Arden vs Ben Brook" in text
    assert "- **Trade Ladder** — each concession smaller than the last." in text
    assert "[Trust](#trust)" in text and "[Giving](#giving)" in text  # links inside the guide
    assert "[[" not in text


def test_html_guide_is_standalone_and_contains_every_perspective(tmp_path: Path) -> None:
    vault = memory_vault(PAIRS)
    out = guide.write_guide(vault, CONCEPTS, tmp_path / "g.html", maps=lambda p: "<svg></svg>")
    page = out.read_text("utf-8")
    data = guide.entries(vault, CONCEPTS)
    for entry in data:
        for p in entry.perspectives.perspectives:
            assert p.label in page
            for block in p.blocks:
                first_words = re.sub(r"\[\[|\]\]", "", block.text).split(" in ")[0]
                assert first_words in page
    assert "Arden and Brook disagree about keeping score" in page
    assert page.count('<figure class="map"><svg></svg></figure>') == 2
    parsed = _Collect()
    parsed.feed(page)
    assert {"giving", "trust"} <= parsed.ids
    internal = [h for h in parsed.hrefs if h.startswith("#")]
    assert internal and all(h[1:] in parsed.ids for h in internal)
    assert not [h for h in parsed.hrefs if h.startswith(("note:", "ghost:", "tag:"))]
    assert parsed.srcs == []  # nothing to fetch
    assert "<style>" in page and "<link" not in page and "<script" not in page


def test_guide_for_a_book_takes_its_concepts() -> None:
    vault = memory_vault(PAIRS)
    assert guide.concepts_of_book(vault, "Books/Quiet Service.md") == CONCEPTS
    assert guide.concepts_of_book(vault, "Books/Open Hands.md") == ["Concepts/Giving.md"]


def test_guide_errors_and_cancel(tmp_path: Path) -> None:
    vault = memory_vault(PAIRS)
    with pytest.raises(ExportError):
        guide.write_guide(vault, [], tmp_path / "g.md")
    with pytest.raises(ExportError):
        guide.write_guide(vault, CONCEPTS, tmp_path / "g.txt")
    with pytest.raises(Cancelled):
        guide.write_guide(vault, CONCEPTS, tmp_path / "g.md", progress=lambda d, t, w: False)
    assert list(tmp_path.iterdir()) == []


def test_slug_matches_markdown_heading_anchors() -> None:
    assert (
        guide.slug("The Rejection-Then-Retreat Technique") == "the-rejection-then-retreat-technique"
    )
    assert guide.slug("$100M Offers") == "100m-offers"


def test_plain_links_show_heading_chains_as_the_note_view_does(tmp_path: Path) -> None:
    pairs = [
        ("Topic.md", "Read [[Other#Top#Sub]], [[Topic#Top]] and [[Other#Top|its top]].\n"),
        ("Other.md", "# Top\n## Sub\n"),
    ]
    out = guide.write_guide(memory_vault(pairs), ["Topic.md"], tmp_path / "g.md")
    text = out.read_text("utf-8")
    assert "Read *Other › Top › Sub*, [Topic › Top](#topic) and *its top*." in text
