"""Books: the catalog, which book each perspective block speaks for, tensions, the matrix."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from conftest import Pairs, memory_vault
from syntopic.core.books import (
    Book,
    Catalog,
    concept_perspectives,
    excerpt,
    name_variants,
    perspective_matrix,
    plain_text,
)
from syntopic.core.parse import parse_note
from syntopic.core.vault import Change, Vault

BOOKS: list[tuple[str, str]] = [
    (
        "Books/Influence.md",
        "---\ntype: book\nauthor: Robert Cialdini\nyear: 1984\n"
        'aliases: ["Influence: The Psychology of Persuasion"]\n---\nA classic.\n',
    ),
    ("Books/Pre-Suasion.md", "---\nauthor: Robert Cialdini\nyear: 2016\n---\n"),
    ("Books/$100M Leads.md", "---\nauthor: Alex Hormozi\nyear: 2023\n---\n"),
    ("Books/$100M Offers.md", "---\nauthor: Alex Hormozi\nyear: 2021\n---\n"),
    ("Books/Never Split the Difference.md", "---\nauthor: Chris Voss\naliases: [NSTD]\n---\n"),
    ("Books/Lean Marketing.md", "---\nauthor: Allan Dib\n---\n"),
    ("Library/The Code of Trust.md", "---\ntype: book\nauthor: [Robin Dreeke]\n---\n"),
]


def concept(*blocks: str, tensions: Sequence[str] = ()) -> str:
    """A concept note shaped like the library's: definition, books, tensions, links."""
    text = "---\ntype: concept\n---\nA favour creates a debt.\n\n## The Multi-Book View\n"
    text += "\n\n".join(blocks)
    if tensions:
        text += "\n\n## Contradicting & Competing Perspectives\n" + "\n\n".join(tensions)
    return text + "\n\n## Continue Exploring\n- [[Liking]]\n"


def columns(*blocks: str, books: Pairs = BOOKS) -> dict[str, list[str]]:
    """Label -> the first three words of each block in that column."""
    v = memory_vault([*books, ("Concepts/Gifts.md", concept(*blocks))])
    return {
        p.label: [" ".join(b.text.split()[:3]) for b in p.blocks]
        for p in v.perspectives("Concepts/Gifts.md").perspectives
    }


# -- the catalog ----------------------------------------------------------------------
def test_catalog_reads_books_from_type_and_folder() -> None:
    v = memory_vault([*BOOKS, ("Concepts/Gifts.md", concept())])
    catalog = v.books
    assert [b.path for b in catalog] == [
        "Books/$100M Leads.md",
        "Books/$100M Offers.md",
        "Books/Influence.md",
        "Books/Lean Marketing.md",
        "Books/Never Split the Difference.md",
        "Books/Pre-Suasion.md",
        "Library/The Code of Trust.md",
    ]
    influence = catalog.get("Books/Influence.md")
    assert influence == Book(
        "Books/Influence.md",
        "Influence",
        ("Robert Cialdini",),
        1984,
        ("Influence: The Psychology of Persuasion",),
    )
    assert [b.title for b in catalog.by_author("Robert Cialdini")] == ["Influence", "Pre-Suasion"]
    assert catalog.find("nstd") == catalog.get("Books/Never Split the Difference.md")
    assert catalog.find("books/influence") == influence


@pytest.mark.parametrize(
    ("front", "authors", "year"),
    [
        ("author: Chip Heath and Dan Heath", ("Chip Heath", "Dan Heath"), None),
        ("author: [Chip Heath, Dan Heath]\nyear: '2007'", ("Chip Heath", "Dan Heath"), 2007),
        ("author: Chip Heath, Dan Heath", ("Chip Heath", "Dan Heath"), None),
        ('author: "[[People/Robert Cialdini|Cialdini]]"', ("Cialdini",), None),
        ("authors: Cialdini, Robert\nyear: c. 1984", ("Cialdini, Robert",), "c. 1984"),
        ("year: 2001", (), 2001),
    ],
)
def test_book_authors_and_year_from_front_matter(
    front: str, authors: tuple[str, ...], year: int | str | None
) -> None:
    book = Book.from_note(parse_note("Books/X.md", f"---\n{front}\n---\n"))
    assert (book.authors, book.year) == (authors, year)


def test_name_variants_cover_surname_and_short_forms() -> None:
    assert name_variants("Robert B. Cialdini") == [
        "Robert B. Cialdini",
        "Robert Cialdini",
        "Cialdini",
    ]
    assert name_variants("Ludwig von Mises") == [
        "Ludwig von Mises",
        "Ludwig Mises",
        "von Mises",
        "Mises",
    ]
    assert name_variants("Plato") == ["Plato"]


def test_catalog_updates_compare_by_content() -> None:
    notes = [parse_note(p, t) for p, t in BOOKS]
    catalog = Catalog.from_notes(notes)
    same = catalog.updated(
        [], [parse_note("Books/Lean Marketing.md", "---\nauthor: Allan Dib\n---\n")]
    )
    assert same == catalog
    renamed = catalog.updated(["Books/Lean Marketing.md"], [])
    assert renamed != catalog and "Books/Lean Marketing.md" not in renamed


# -- attribution ------------------------------------------------------------------------
def test_each_sentence_shape_goes_to_its_book() -> None:
    assert columns(
        "Chris Voss's work in Never Split the Difference treats a gift as an opening move.",
        "In Lean Marketing, Dib argues that free value has to be measured like any spend.",
        "Robin Dreeke in The Code of Trust shows that trust starts with generosity.",
        "Alex Hormozi transforms Voss's bargaining habits into a sales script in $100M Offers.",
    ) == {
        "Never Split the Difference": ["Chris Voss's work"],
        "Lean Marketing": ["In Lean Marketing,"],
        "The Code of Trust": ["Robin Dreeke in"],
        "$100M Offers": ["Alex Hormozi transforms"],
    }


def test_passing_mentions_do_not_move_a_block() -> None:
    assert columns(
        "Dib builds on Cialdini's foundation in Influence, but he wants every gift counted.",
        "Unlike Voss, Dreeke never keeps score of what he gives.",
        "Hormozi, like Cialdini in Pre-Suasion, cares about when the gift arrives; $100M Leads "
        "makes the first contact the gift.",
    ) == {
        "Lean Marketing": ["Dib builds on"],
        "The Code of Trust": ["Unlike Voss, Dreeke"],
        "$100M Leads": ["Hormozi, like Cialdini"],
    }


def test_a_block_naming_two_books_goes_to_both() -> None:
    assert columns(
        "Hormozi works the idea into both $100M Offers and $100M Leads, at different moments.",
        "Influence and Never Split the Difference agree that small gifts open doors.",
        "Voss and Dreeke both learned the habit in FBI work.",
    ) == {
        "$100M Offers": ["Hormozi works the"],
        "$100M Leads": ["Hormozi works the"],
        "Influence": ["Influence and Never"],
        "Never Split the Difference": ["Influence and Never", "Voss and Dreeke"],
        "The Code of Trust": ["Voss and Dreeke"],
    }


def test_titles_are_whole_words_and_case_sensitive() -> None:
    assert columns(
        "Most influence in sales comes from the gift itself, as Voss shows at the table.",
        "Influencers copy the trick, and Dreeke warns that it wears thin.",
        "*Influence* opens with a story about a gift nobody asked for.",
    ) == {
        "Never Split the Difference": ["Most influence in"],
        "The Code of Trust": ["Influencers copy the"],
        "Influence": ["*Influence* opens with"],
    }


def test_italic_titles_links_and_aliases() -> None:
    assert columns(
        "Robin Dreeke's *The Code of Trust* lists generosity among its rules.",
        "[[Never Split the Difference|Voss's book]] treats a gift as leverage.",
        "As [[Books/Influence|the classic study]] shows, the favour need not be wanted.",
        "[The bargaining book](../Books/Never%20Split%20the%20Difference.md) repeats it.",
        "NSTD adds a warning about giving ground for free.",
        "*Influence: The Psychology of Persuasion* has the famous soft-drink study.",
    ) == {
        "The Code of Trust": ["Robin Dreeke's *The"],
        "Never Split the Difference": [
            "[[Never Split the",
            "[The bargaining book](../Books/Never%20Split%20the%20Difference.md)",
            "NSTD adds a",
        ],
        "Influence": ["As [[Books/Influence|the classic", "*Influence: The Psychology"],
    }


def test_subheadings_decide_for_every_block_under_them() -> None:
    assert columns(
        "### Influence\nCialdini's lab work comes first.",
        "He also notes, as Voss does, that the debt fades.",
        "### Chris Voss\nA gift right after a tough opening softens the room.",
        "### Field notes\nNobody in particular says this.",
    ) == {
        "Influence": ["Cialdini's lab work", "He also notes,"],
        "Never Split the Difference": ["A gift right"],
        "Field notes": ["Nobody in particular"],
    }


def test_an_author_subsection_naming_one_of_their_books_goes_to_that_book() -> None:
    assert columns(
        "### Hormozi on proof\nAlex Hormozi's $100M Leads treats proof as bait for leads.",
        "Testimonials come first, he says, long before any pitch.",
        "### Cialdini on proof\nSocial proof comes up in Influence and again in Pre-Suasion.",
        "### Hormozi in passing\nA few lines of no book in particular.",
    ) == {
        "$100M Leads": ["Alex Hormozi's $100M", "Testimonials come first,"],
        "Robert Cialdini": ["Social proof comes"],  # two of his books: still the author
        "Alex Hormozi": ["A few lines"],
    }


def test_a_block_leading_with_an_author_and_naming_one_book_goes_to_it() -> None:
    assert columns(
        "Hormozi spends a whole part of $100M Offers on stacking free bonuses.",
        "Cialdini came back to the rule decades later in Pre-Suasion.",
    ) == {
        "$100M Offers": ["Hormozi spends a"],
        "Pre-Suasion": ["Cialdini came back"],
    }


def test_a_paragraph_that_names_nobody_continues_the_one_before() -> None:
    assert columns(
        "Every book here agrees that giving comes first.",
        "In $100M Leads, Hormozi gives away his best material before any sale.",
        "The point is patience: free content keeps working for years.",
        "Hormozi returns to the rule in almost every chapter he writes.",
        "The sharpest version is in $100M Offers, where bonuses do the giving.",
    ) == {
        "General": ["Every book here"],
        "$100M Leads": ["In $100M Leads,", "The point is"],
        "Alex Hormozi": ["Hormozi returns to"],
        "$100M Offers": ["The sharpest version"],
    }


def test_an_author_with_several_books_speaks_as_the_author() -> None:
    v = memory_vault(
        [
            *BOOKS,
            (
                "Gifts.md",
                concept(
                    "Cialdini argues that a gift works best when it is unexpected.",
                    "Cialdini returns to the idea in Pre-Suasion, where timing matters most.",
                ),
            ),
        ]
    )
    got = [(p.label, p.book, p.author) for p in v.perspectives("Gifts.md").perspectives]
    assert got == [
        ("Robert Cialdini", None, "Robert Cialdini"),
        ("Pre-Suasion", v.books.get("Books/Pre-Suasion.md"), "Robert Cialdini"),
    ]


def test_an_author_without_a_book_note_is_grouped_by_name() -> None:
    assert columns(
        "Brendon Burchard in The Millionaire Messenger builds an advice business on free help.",
        "Voss keeps his gifts small and deliberate.",
        "Burchard also warns that giving everything away can cheapen it.",
    ) == {
        "Brendon Burchard": ["Brendon Burchard in", "Burchard also warns"],
        "Never Split the Difference": ["Voss keeps his"],
    }


def test_without_book_notes_blocks_group_by_the_person_they_lead_with() -> None:
    note = parse_note(
        "Gifts.md",
        concept(
            "Robert Cialdini's research in Influence finds that a small favour buys a large "
            "return.",
            "Alex Hormozi transforms Cialdini's lab findings into an offer method across "
            "$100M Offers and $100M Leads.",
            "In $100M Leads, Hormozi moves the giving to the very first contact.",
            "Allan Dib's Lean Marketing treats generosity as one measured step of a system.",
            "Cialdini also notes that the obligation fades as time passes.",
            "Chris Voss in Never Split the Difference hands over a small gift after a bold anchor.",
            "[[Robin Dreeke]]'s *The Code of Trust* asks for giving without a ledger.",
        ),
    )
    got = [
        (p.label, p.book, p.author, [b.line for b in p.blocks])
        for p in concept_perspectives(note).perspectives
    ]
    first = note.perspectives[0].line
    assert got == [
        ("Robert Cialdini", None, "Robert Cialdini", [first, first + 8]),
        ("Alex Hormozi", None, "Alex Hormozi", [first + 2, first + 4]),
        ("Allan Dib", None, "Allan Dib", [first + 6]),
        ("Chris Voss", None, "Chris Voss", [first + 10]),
        ("Robin Dreeke", None, "Robin Dreeke", [first + 12]),
    ]


def test_a_linked_title_is_not_a_person_without_a_catalog() -> None:
    note = parse_note(
        "Gifts.md",
        concept(
            "Chris Voss keeps concessions small.",
            "[[Never Split the Difference]] makes the same point. Voss insists on it.",
        ),
    )
    got = [(p.label, len(p.blocks)) for p in concept_perspectives(note).perspectives]
    assert got == [("Chris Voss", 2)]


def test_a_block_opening_on_an_uncatalogued_title_speaks_for_whoever_it_names() -> None:
    note = parse_note(
        "Gifts.md",
        concept(
            "Dan Ariely's experiments show how strongly a free offer pulls.",
            "[[Influence]] supplies the lab evidence. Cialdini reports a study of mints.",
            "*Pitch Anything* frames a gift as a status move. Nobody else is named.",
            "Chris Voss, in his bargaining book, hands over a gift after the anchor.",
        ),
    )
    got = [(p.label, p.author) for p in concept_perspectives(note).perspectives]
    assert got == [
        ("Dan Ariely", "Dan Ariely"),
        ("Cialdini", "Cialdini"),
        ("Pitch Anything", None),
        ("Chris Voss", "Chris Voss"),
    ]


def test_tensions_name_the_books_and_authors_they_set_against_each_other() -> None:
    v = memory_vault(
        [
            *BOOKS,
            (
                "Gifts.md",
                concept(
                    "Robert Cialdini's research in Influence measures the pull of a favour.",
                    "Robin Dreeke in The Code of Trust gives without keeping count.",
                    "Brendon Burchard in The Millionaire Messenger serves before he sells.",
                    tensions=[
                        "Cialdini and Dreeke disagree about whether a gift may expect "
                        "anything back, a question Marcel Mauss asked long before.",
                        "Burchard's patience sits badly with [[$100M Leads]].",
                        "Nobody here has measured it.",
                    ],
                ),
            ),
        ]
    )
    got = [
        (t.text.split()[0], [b.title for b in t.books], list(t.authors))
        for t in v.perspectives("Gifts.md").tensions
    ]
    assert got == [
        ("Cialdini", ["Influence", "The Code of Trust"], ["Robert Cialdini", "Robin Dreeke"]),
        ("Burchard's", ["$100M Leads"], ["Brendon Burchard", "Alex Hormozi"]),
        ("Nobody", [], []),
    ]


def test_json_has_the_documented_shape() -> None:
    v = memory_vault(
        [
            *BOOKS,
            (
                "Gifts.md",
                concept(
                    "Chris Voss in Never Split the Difference uses a gift as a lever.",
                    tensions=["Voss would not give ground for free."],
                ),
            ),
        ]
    )
    data = v.perspectives("Gifts.md").to_json()
    line = v.notes["Gifts.md"].perspectives[0].line
    assert data == {
        "concept": "Gifts",
        "path": "Gifts.md",
        "perspectives": [
            {
                "label": "Never Split the Difference",
                "book": "Never Split the Difference",
                "author": "Chris Voss",
                "book_path": "Books/Never Split the Difference.md",
                "blocks": [
                    {
                        "text": "Chris Voss in Never Split the Difference uses a gift as a lever.",
                        "line": line,
                    }
                ],
            }
        ],
        "tensions": [
            {
                "text": "Voss would not give ground for free.",
                "books": ["Never Split the Difference"],
                "authors": ["Chris Voss"],
            }
        ],
    }


def test_a_note_without_the_sections_has_no_perspectives() -> None:
    v = memory_vault([*BOOKS, ("Plain.md", "Just a definition.\n\n## Examples\nSome.")])
    result = v.perspectives("Plain.md")
    assert not result and result.perspectives == () and result.tensions == ()


def test_plain_text_and_excerpt_show_what_a_reader_sees() -> None:
    text = "Robin Dreeke's *The Code of Trust* says [[Generosity|giving]] comes first. Then more."
    assert plain_text(text) == (
        "Robin Dreeke's The Code of Trust says giving comes first. Then more."
    )
    assert excerpt(text) == "Robin Dreeke's The Code of Trust says giving comes first."
    assert excerpt("Dr. Robert B. Cialdini shows it. Next.") == "Dr. Robert B. Cialdini shows it."
    assert plain_text("- A *gift* works.[^1] <b>Really</b> ^gift-id") == "A gift works. Really"


# -- the graph ---------------------------------------------------------------------------
def perspective_edges(vault: Vault) -> set[tuple[str, str, int]]:
    return {
        (u, v, d["line"]) for u, v, d in vault.graph.edges(data=True) if d["kind"] == "perspective"
    }


def test_books_are_joined_to_the_concepts_they_speak_to() -> None:
    v = memory_vault(
        [
            *BOOKS,
            (
                "Gifts.md",
                concept(
                    "Chris Voss in [[Never Split the Difference]] uses a gift as a lever. More.",
                    "Hormozi works it into both $100M Offers and $100M Leads.",
                    "Brendon Burchard has no book note here.",
                ),
            ),
        ]
    )
    lines = [b.line for b in v.notes["Gifts.md"].perspectives]
    assert perspective_edges(v) == {
        ("Books/Never Split the Difference.md", "Gifts.md", lines[0]),
        ("Books/$100M Offers.md", "Gifts.md", lines[1]),
        ("Books/$100M Leads.md", "Gifts.md", lines[1]),
    }
    attrs = [
        d
        for _, _, d in v.graph.edges("Books/Never Split the Difference.md", data=True)
        if d["kind"] == "perspective"
    ]
    assert attrs == [
        {
            "kind": "perspective",
            "section": "",
            "context": "Chris Voss in Never Split the Difference uses a gift as a lever.",
            "line": lines[0],
        }
    ]
    assert v.graph.nodes["Books/Never Split the Difference.md"]["kind"] == "book"


def test_matrix_counts_blocks_and_lists_a_books_concepts_in_path_order() -> None:
    v = memory_vault(
        [
            *BOOKS,
            ("b/Scarcity.md", concept("Voss makes the deadline feel real.", "He also adds one.")),
            ("a/Reciprocity.md", concept("Chris Voss gives a small gift first.")),
            ("c/Liking.md", concept("Dreeke in The Code of Trust listens first.")),
        ]
    )
    matrix = perspective_matrix(v.graph, v.books)
    voss = "Books/Never Split the Difference.md"
    assert matrix.concepts == ("a/Reciprocity.md", "b/Scarcity.md", "c/Liking.md")
    assert matrix.count("b/Scarcity.md", voss) == 2
    assert matrix.count("c/Liking.md", voss) == 0
    assert matrix.concepts_of(voss) == ["a/Reciprocity.md", "b/Scarcity.md"]
    assert [b.title for b in matrix.books_of("c/Liking.md")] == ["The Code of Trust"]


# -- keeping the edges current ------------------------------------------------------------
def opened(make: Callable[[Pairs], Path], pairs: Pairs) -> tuple[Vault, Path]:
    root = make(pairs)
    return Vault.open(str(root)), root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(1, 10**18 + len(text)))  # a new stat even within one clock tick


def test_editing_a_concept_moves_its_edges(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(disk_vault, [*BOOKS, ("Gifts.md", concept("Voss keeps it small."))])
    voss, dreeke = "Books/Never Split the Difference.md", "Library/The Code of Trust.md"
    assert {(a, b) for a, b, _ in perspective_edges(v)} == {(voss, "Gifts.md")}
    write(root, "Gifts.md", concept("Dreeke gives without keeping count."))
    event = v.apply([Change("modified", "Gifts.md")])
    assert {(a, b) for a, b, _ in perspective_edges(v)} == {(dreeke, "Gifts.md")}
    assert {voss, dreeke} <= event.relinked and not event.books_changed


def test_book_notes_coming_changing_and_going_update_every_concept(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    v, root = opened(
        disk_vault,
        [
            ("Gifts.md", concept("Brendon Burchard in The Millionaire Messenger serves first.")),
            ("Fame.md", concept("In The Millionaire Messenger, Burchard builds an audience.")),
        ],
    )
    assert perspective_edges(v) == set()
    write(root, "Books/The Millionaire Messenger.md", "---\nauthor: Brendon Burchard\n---\n")
    event = v.apply([Change("created", "Books/The Millionaire Messenger.md")])
    assert event.books_changed
    book = "Books/The Millionaire Messenger.md"
    assert {(a, b) for a, b, _ in perspective_edges(v)} == {(book, "Gifts.md"), (book, "Fame.md")}

    # the title changes: prose naming the old title no longer finds it, the author still does
    write(root, book, "---\ntitle: Messenger Millions\nauthor: Brendon Burchard\n---\n")
    v.apply([Change("modified", book)])
    assert {(a, b) for a, b, _ in perspective_edges(v)} == {(book, "Gifts.md"), (book, "Fame.md")}
    assert v.perspectives("Fame.md").perspectives[0].label == "Messenger Millions"

    # renamed on disk: the edges follow the new path
    (root / "Books/Messenger.md").write_bytes((root / book).read_bytes())
    (root / book).unlink()
    v.apply([Change("moved", "Books/Messenger.md", book)])
    assert {(a, b) for a, b, _ in perspective_edges(v)} == {
        ("Books/Messenger.md", "Gifts.md"),
        ("Books/Messenger.md", "Fame.md"),
    }

    (root / "Books/Messenger.md").unlink()
    v.apply([Change("deleted", "Books/Messenger.md")])
    assert perspective_edges(v) == set()
    assert v.perspectives("Gifts.md").perspectives[0].label == "Brendon Burchard"


def test_editing_a_books_body_keeps_its_perspective_edges(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    v, root = opened(disk_vault, [*BOOKS, ("Gifts.md", concept("Voss keeps it small."))])
    before = perspective_edges(v)
    voss = "Books/Never Split the Difference.md"
    write(root, voss, "---\nauthor: Chris Voss\naliases: [NSTD]\n---\nNow it links [[Gifts]].\n")
    v.apply([Change("modified", voss)])
    assert perspective_edges(v) == before
    assert (voss, "Gifts.md") in {(a, b) for a, b, k in v.graph.edges(data="kind") if k == "link"}


def test_incremental_edges_match_a_fresh_open(disk_vault: Callable[[Pairs], Path]) -> None:
    v, root = opened(
        disk_vault,
        [
            *BOOKS,
            ("Gifts.md", concept("Voss keeps it small.", "Hormozi adds bonuses in $100M Offers.")),
            ("Debt.md", concept("Cialdini argues the debt is automatic.")),
        ],
    )
    (root / "Books/Pre-Suasion.md").unlink()  # Cialdini is left with one book
    write(root, "Books/NSTD2.md", "---\ntype: book\nauthor: Chris Voss\n---\n")
    write(root, "Gifts.md", concept("Dreeke and Voss both give first. NSTD2 says more."))
    v.apply(v.changes_on_disk())
    fresh = Vault.open(str(root), use_cache=False)
    assert perspective_edges(v) == perspective_edges(fresh)
    assert sorted(v.graph.edges(data="line")) == sorted(fresh.graph.edges(data="line"))
    assert ("Books/Influence.md", "Debt.md") in {(a, b) for a, b, _ in perspective_edges(v)}

    # a second round: an author's name changes and a title moves to an alias
    write(root, "Books/Influence.md", "---\nauthor: Bob Cialdini\n---\n")
    write(root, "Books/$100M Offers.md", "---\ntitle: Offers\naliases: [$100M Offers]\n---\n")
    v.apply(v.changes_on_disk())
    fresh = Vault.open(str(root), use_cache=False)
    assert perspective_edges(v) == perspective_edges(fresh)
    assert v.books == fresh.books


# -- what kind of note a note is --------------------------------------------------------
def test_a_note_without_type_is_a_note_unless_it_has_perspectives() -> None:
    from syntopic.core.overview import note_groups
    from syntopic.layout.colours import colour_nodes
    from syntopic.layout.snapshot import GraphSnapshot

    v = memory_vault(
        [
            *BOOKS[:2],
            ("Daily/Monday.md", "Bought milk. See [[Gifts]]."),
            ("Concepts/Gifts.md", concept("Cialdini finds in Influence that gifts oblige.")),
            ("Concepts/Trust.md", "## Perspectives\nSome books talk about trust."),
            ("People/Robert Cialdini.md", "---\ntype: Person\n---\n"),
        ]
    )
    types = {p: t for p, t in v.graph.nodes(data="type") if p in v.notes}
    assert types == {
        "Books/Influence.md": "book",
        "Books/Pre-Suasion.md": "book",
        "Daily/Monday.md": "note",
        "Concepts/Gifts.md": "concept",  # declared
        "Concepts/Trust.md": "concept",  # a perspectives section makes it one
        "People/Robert Cialdini.md": "person",
    }
    assert [g.label for g in note_groups(v)] == ["Books", "Concepts", "Persons", "Notes"]
    legend = {
        e.label: e.count for e in colour_nodes(GraphSnapshot.from_graph(v.graph), "kind").legend
    }
    assert legend == {"concept": 2, "book": 2, "person": 1, "note": 1, "ghost": 1}
