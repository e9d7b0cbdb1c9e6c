"""A book's lens, a person's, and books compared: which blocks and tensions each gets."""

from __future__ import annotations

import pytest

from conftest import memory_vault
from syntopic.core.compare import compare
from syntopic.core.lens import BookError, Lenses, books_of_person, find_book, other_side
from syntopic.core.vault import Vault

SHELF = [
    ("Books/Influence.md", "---\ntype: book\nauthor: Robert Cialdini\nyear: 1984\n---\n"),
    ("Books/Pre-Suasion.md", "---\nauthor: Robert Cialdini\nyear: 2016\n---\n"),
    ("Books/$100M Leads.md", "---\nauthor: Alex Hormozi\n---\n"),
    ("Books/Never Split the Difference.md", "---\nauthor: Chris Voss\naliases: [NSTD]\n---\n"),
    ("Books/Lean Marketing.md", "---\nauthor: Allan Dib\n---\n"),
    ("People/Robert Cialdini.md", "---\ntype: person\n---\nA psychologist.\n"),
]

GIFTS = """---
type: concept
---
A favour asks to be returned.

## The Multi-Book View
Cialdini shows in Influence that a tiny gift can buy a large favour.

Chris Voss gives a small concession right after an extreme opening number.

Alex Hormozi hands out whole solutions for free in $100M Leads.

## Tensions
Cialdini wants the ask soon after the gift; Hormozi is happy to wait for years.

Voss and Dib differ on whether giving is a tactic or a habit.
"""

ANCHORS = """## Perspectives
Voss opens with a number so high the rest feels reasonable.

In Influence, Cialdini pairs a large first request with a smaller second one.
"""

TIMING = """## What the books say
Cialdini argues in Pre-Suasion that the moment before the ask matters most.
"""


@pytest.fixture
def vault() -> Vault:
    return memory_vault(
        [
            *SHELF,
            ("Concepts/Gifts.md", GIFTS),
            ("Concepts/Anchors.md", ANCHORS),
            ("Concepts/Timing.md", TIMING),
            ("Concepts/Plain.md", "No books here."),
        ]
    )


def first_words(blocks: object) -> list[str]:
    return [" ".join(b.text.split()[:2]) for b in blocks]  # type: ignore[attr-defined]


def test_a_books_lens_has_every_concept_it_speaks_to_with_its_blocks(vault: Vault) -> None:
    influence = find_book(vault.books, "influence")
    lens = Lenses(vault).lens([influence])
    assert [(c.title, first_words(c.by_book[influence.path])) for c in lens.concepts] == [
        ("Anchors", ["In Influence,"]),
        ("Gifts", ["Cialdini shows"]),
    ]


def test_a_books_lens_lists_the_tensions_it_takes_part_in_with_the_other_side(
    vault: Vault,
) -> None:
    influence = find_book(vault.books, "Influence")
    gifts = next(c for c in Lenses(vault).lens([influence]).concepts if c.title == "Gifts")
    assert [first_words([t]) for t in gifts.tensions] == [["Cialdini wants"]]
    assert other_side(gifts.tensions[0], [influence]) == ["$100M Leads"]
    voss = find_book(vault.books, "NSTD")
    gifts = next(c for c in Lenses(vault).lens([voss]).concepts if c.title == "Gifts")
    assert other_side(gifts.tensions[0], [voss]) == ["Lean Marketing"]


def test_the_lens_json_has_the_documented_shape(vault: Vault) -> None:
    data = Lenses(vault).lens([find_book(vault.books, "Influence")]).to_json()
    assert set(data) == {"book", "author", "year", "path", "concepts"}
    assert (data["book"], data["author"], data["year"]) == ("Influence", "Robert Cialdini", 1984)
    gifts = data["concepts"][1]
    assert set(gifts) == {"concept", "path", "blocks", "tensions"}
    assert gifts["blocks"] == [
        {"text": "Cialdini shows in Influence that a tiny gift can buy a large favour.", "line": 7}
    ]
    assert gifts["tensions"][0]["people"] == ["Robert Cialdini", "Alex Hormozi"]
    assert gifts["tensions"][0]["line"] == 14
    assert set(gifts["tensions"][0]) == {"text", "line", "people", "books"}


def test_a_persons_lens_covers_all_their_books(vault: Vault) -> None:
    books = books_of_person(vault.books, vault.notes["People/Robert Cialdini.md"])
    assert [b.title for b in books] == ["Influence", "Pre-Suasion"]
    lens = Lenses(vault).lens(books)
    assert [(c.title, sorted(c.by_book)) for c in lens.concepts] == [
        ("Anchors", ["Books/Influence.md"]),
        ("Gifts", ["Books/Influence.md"]),
        ("Timing", ["Books/Pre-Suasion.md"]),
    ]


def test_compare_puts_shared_concepts_first_with_the_tensions_between_them(
    vault: Vault,
) -> None:
    books = [find_book(vault.books, n) for n in ("Influence", "NSTD", "$100M Leads")]
    result = compare(Lenses(vault), books)
    assert [(c.title, len(c.by_book)) for c in result.shared] == [("Gifts", 3), ("Anchors", 2)]
    assert [first_words([t]) for t in result.shared[0].tensions] == [["Cialdini wants"]]
    assert result.shared[1].tensions == ()
    assert result.single == ()
    data = result.to_json()
    assert [b["book"] for b in data["books"]] == [
        "Influence",
        "Never Split the Difference",
        "$100M Leads",
    ]
    assert list(data["concepts"][1]["by_book"]) == ["Influence", "Never Split the Difference"]
    assert set(data["concepts"][0]) == {"concept", "path", "by_book", "tensions"}


def test_compare_lists_what_only_one_book_covers(vault: Vault) -> None:
    books = [find_book(vault.books, n) for n in ("Pre-Suasion", "NSTD")]
    result = compare(Lenses(vault), books)
    assert result.shared == ()
    assert [(c.title, list(c.by_book)) for c in result.single] == [
        ("Anchors", ["Books/Never Split the Difference.md"]),
        ("Gifts", ["Books/Never Split the Difference.md"]),
        ("Timing", ["Books/Pre-Suasion.md"]),
    ]


def test_bad_books_are_named_in_one_clear_error() -> None:
    v = memory_vault(
        [
            ("Books/Influence.md", "---\nauthor: Robert Cialdini\n---\n"),
            ("Shelf/Influence.md", "---\ntype: book\nauthor: Someone Else\n---\n"),
            ("Books/Lean Marketing.md", "---\nauthor: Allan Dib\n---\n"),
        ]
    )
    with pytest.raises(BookError, match="'Influence' names 2 books"):
        find_book(v.books, "Influence")
    with pytest.raises(BookError, match=r"no book 'Lean Marketting'.*Lean Marketing"):
        find_book(v.books, "Lean Marketting")
    lean = find_book(v.books, "lean marketing")
    with pytest.raises(BookError, match="at least two different books"):
        compare(Lenses(v), [lean, lean])
    twins = [v.books.get("Books/Influence.md"), v.books.get("Shelf/Influence.md")]
    with pytest.raises(BookError, match="two books are titled 'Influence'"):
        compare(Lenses(v), [b for b in twins if b is not None])
