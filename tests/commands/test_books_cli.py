"""`syntopic perspectives` and `syntopic books`: JSON shapes, readable text, clear errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from clikit import run, vault_fixture
from conftest import Pairs

GIFTS = """---
aliases: [Give First]
---
A favour makes a debt.

## What the books say
Chris Voss in [[Never Split the Difference]] hands over a small gift after a bold anchor.

Hormozi works the idea into both $100M Offers and $100M Leads.

Brendon Burchard serves his audience for free long before he sells.

## Tensions
Voss keeps score, while Burchard refuses to.
"""

PAIRS = [
    ("Concepts/Gifts.md", GIFTS),
    ("Concepts/Anchors.md", "## Perspectives\nVoss opens with an extreme number."),
    ("Concepts/Plain.md", "Nothing about books here."),
    (
        "Books/Never Split the Difference.md",
        "---\nauthor: Chris Voss\nyear: 2016\naliases: [NSTD]\n---\n",
    ),
    ("Books/$100M Offers.md", "---\nauthor: Alex Hormozi\nyear: 2021\n---\n"),
    ("Books/$100M Leads.md", "---\nauthor: Alex Hormozi\n---\n"),
    ("Shelf/Unread.md", "---\ntype: book\nauthor: [Ann Arden, Ben Brook]\n---\n"),
]


vault = vault_fixture(PAIRS)


def test_perspectives_json_has_the_documented_shape(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "perspectives", str(vault), "Give First", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["concept", "path", "perspectives", "tensions"]
    assert (data["concept"], data["path"]) == ("Gifts", "Concepts/Gifts.md")
    got = [(p["label"], p["book"], p["author"], p["book_path"]) for p in data["perspectives"]]
    assert got == [
        (
            "Never Split the Difference",
            "Never Split the Difference",
            "Chris Voss",
            "Books/Never Split the Difference.md",
        ),
        ("$100M Offers", "$100M Offers", "Alex Hormozi", "Books/$100M Offers.md"),
        ("$100M Leads", "$100M Leads", "Alex Hormozi", "Books/$100M Leads.md"),
        ("Brendon Burchard", None, "Brendon Burchard", None),
    ]
    first = data["perspectives"][0]
    assert list(first) == ["label", "book", "author", "book_path", "blocks"]
    assert first["blocks"] == [
        {
            "text": "Chris Voss in [[Never Split the Difference]] hands over a small gift "
            "after a bold anchor.",
            "line": 7,
        }
    ]
    assert data["tensions"] == [
        {
            "text": "Voss keeps score, while Burchard refuses to.",
            "books": ["Never Split the Difference"],
            "authors": ["Chris Voss", "Brendon Burchard"],
        }
    ]


def test_perspectives_text_reads_as_columns_one_after_another(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "perspectives", str(vault), "Concepts/Gifts.md")
    assert code == 0
    assert out.startswith("Gifts  (Concepts/Gifts.md)\n4 perspectives · 1 tension\n")
    assert (
        "Never Split the Difference — Chris Voss, 2016  (Books/Never Split the Difference.md)\n"
        "  line 7:\n"
        "    Chris Voss in Never Split the Difference hands over a small gift" in out
    )
    assert "[[" not in out
    assert "Brendon Burchard  (author; no book note or no single book named)" in out
    assert "Where they disagree" in out and "Chris Voss vs Brendon Burchard" in out


def test_a_note_without_perspectives_says_how_to_add_them(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "perspectives", str(vault), "Plain")
    assert code == 0 and "No perspectives section" in out
    code, out, _ = run(capsys, "perspectives", str(vault), "Plain", "--json")
    assert json.loads(out)["perspectives"] == []


def test_unknown_concept_is_one_line_with_close_matches(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "perspectives", str(vault), "Gift")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "no note 'Gift'" in err and "did you mean: Gifts" in err


def test_missing_vault_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "books", str(tmp_path / "nowhere"))
    assert code == 2 and err.startswith("syntopic: error: no such folder")


def test_books_json_lists_each_book_and_its_concepts(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "books", str(vault), "--json")
    data = json.loads(out)
    assert code == 0
    books = {b["path"]: b for b in data["books"]}
    assert list(books) == [
        "Books/$100M Leads.md",
        "Books/$100M Offers.md",
        "Books/Never Split the Difference.md",
        "Shelf/Unread.md",
    ]
    assert books["Books/Never Split the Difference.md"] == {
        "title": "Never Split the Difference",
        "path": "Books/Never Split the Difference.md",
        "authors": ["Chris Voss"],
        "year": 2016,
        "aliases": ["NSTD"],
        "concepts": [
            {"path": "Concepts/Anchors.md", "title": "Anchors", "blocks": 1},
            {"path": "Concepts/Gifts.md", "title": "Gifts", "blocks": 1},
        ],
    }
    assert books["Shelf/Unread.md"]["authors"] == ["Ann Arden", "Ben Brook"]
    assert books["Shelf/Unread.md"]["concepts"] == []


def test_books_text(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "books", str(vault))
    assert code == 0
    assert "Never Split the Difference — Chris Voss, 2016  (Books/Never Split" in out
    assert "  also: NSTD\n  speaks to 2 concepts: Anchors, Gifts\n" in out
    assert "Unread — Ann Arden, Ben Brook  (Shelf/Unread.md)\n" in out
    assert out.rstrip().endswith("4 books; 3 with perspectives on concepts")


def test_book_json_has_the_documented_shape(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "book", str(vault), "nstd", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["book", "author", "year", "path", "concepts"]
    assert data["path"] == "Books/Never Split the Difference.md"
    assert [(c["concept"], [b["line"] for b in c["blocks"]]) for c in data["concepts"]] == [
        ("Anchors", [2]),
        ("Gifts", [7]),
    ]
    assert data["concepts"][1]["tensions"] == [
        {
            "text": "Voss keeps score, while Burchard refuses to.",
            "line": 14,
            "people": ["Chris Voss", "Brendon Burchard"],
            "books": ["Never Split the Difference"],
        }
    ]


def test_book_text_reads_concept_by_concept(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "book", str(vault), "Never Split the Difference")
    assert code == 0
    assert out.startswith("Never Split the Difference — Chris Voss, 2016")
    assert "\nAnchors  (Concepts/Anchors.md)\n  line 2:\n    Voss opens with" in out
    assert "tension, against Brendon Burchard  (line 14)" in out


def test_compare_json_and_text(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", str(vault), "NSTD", "$100M Offers", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["books"] == [
        {
            "book": "Never Split the Difference",
            "author": "Chris Voss",
            "path": "Books/Never Split the Difference.md",
        },
        {"book": "$100M Offers", "author": "Alex Hormozi", "path": "Books/$100M Offers.md"},
    ]
    assert [(c["concept"], list(c["by_book"])) for c in data["concepts"]] == [
        ("Gifts", ["Never Split the Difference", "$100M Offers"]),
        ("Anchors", ["Never Split the Difference"]),
    ]
    code, out, _ = run(capsys, "compare", str(vault), "NSTD", "$100M Offers")
    assert code == 0
    assert out.startswith("Never Split the Difference vs $100M Offers\n1 concept shared")
    assert "Covered by one of them\n  Never Split the Difference: Anchors" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("book", "Nothing Here"), "no book 'Nothing Here'"),
        (("book", "Gifts"), "no book 'Gifts'"),
        (("compare", "NSTD"), "compare needs at least two different books"),
        (("compare", "NSTD", "Never Split the Difference"), "at least two different books"),
    ],
)
def test_bad_books_get_one_line_and_status_2(
    vault: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, argv[0], str(vault), *argv[1:])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_two_books_with_one_title_are_refused(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault([*PAIRS, ("Old/Books/$100M Leads.md", "---\nauthor: Someone\n---\n")])
    code, _, err = run(capsys, "book", str(root), "$100M Leads")
    assert code == 2 and "'$100M Leads' names 2 books" in err
    code, _, err = run(capsys, "compare", str(root), "Books/$100M Leads", "Old/Books/$100M Leads")
    assert code == 2 and "two books are titled '$100M Leads'" in err


def test_export_compare_writes_md_and_inert_html_and_never_overwrites(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = GIFTS.replace(
        "hands over a small gift",
        'hands over <img src="https://example.com/x.png" onerror="alert(1)"> a small gift'
        "<script>alert(2)</script>",
    )
    root = disk_vault([(p, hostile if p == "Concepts/Gifts.md" else t) for p, t in PAIRS])
    md = tmp_path / "out.md"
    code, out, _ = run(capsys, "export", "compare", str(root), "NSTD", "$100M Leads", "-o", str(md))
    assert code == 0 and out.startswith(f"wrote {md}")
    text = md.read_text("utf-8")
    assert text.startswith("# Never Split the Difference vs $100M Leads\n")
    assert "## Gifts\n\n### Never Split the Difference\n\nChris Voss in" in text
    code, _, err = run(capsys, "export", "compare", str(root), "NSTD", "$100M Leads", "-o", str(md))
    assert code == 2 and "already exists (add --force" in err
    assert md.read_text("utf-8") == text
    page = tmp_path / "out.html"
    code, _, _ = run(capsys, "export", "compare", str(root), "NSTD", "$100M Leads", "-o", str(page))
    assert code == 0
    html = page.read_text("utf-8")
    assert "Chris Voss in" in html and "$100M Leads" in html
    for bad in ("<script", "onerror", "<img", "src=", "note:"):
        assert bad not in html
    code, _, err = run(capsys, "export", "compare", str(root), "NSTD", "-o", str(tmp_path / "x.md"))
    assert code == 2 and "two different books" in err


def test_stats_counts_notes_without_type_as_notes(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "stats", str(vault), "--json")
    assert code == 0
    # Gifts and Anchors have a perspectives section; Plain has nothing that makes it a concept
    assert json.loads(out)["types"] == {"book": 4, "concept": 2, "note": 1}


def test_show_names_the_kind_a_note_is(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", str(vault), "Concepts/Anchors.md")
    assert out.startswith("Anchors  (Concepts/Anchors.md, concept)\n")  # a perspectives section
    _, out, _ = run(capsys, "show", str(vault), "Plain")
    assert out.startswith("Plain  (Concepts/Plain.md, note)\n")
