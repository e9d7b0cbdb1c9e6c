"""A concept note in the reference shape, as pasted: titles on plain lines, one paragraph a line.

The note below is our own text in that shape. Written with plain, bold, colon or
`##` titles, and with or without blank lines, it must give the same perspectives,
tensions and typed edges; with book notes each book gets its own paragraphs, and
without them the paragraphs go to their authors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import memory_vault
from syntopic.core.vault import Vault

TITLES = (
    "The Concept Defined",
    "The Multi-Book View",
    "Key Frameworks",
    "Contradicting & Competing Perspectives",
    "Real-World Applications",
    "The Deeper Pattern",
    "Continue Exploring",
)

SECTIONS = {
    "intro": [
        (
            "A bakery hands out a warm roll to everyone who walks past at opening time, and by "
            "noon the queue is twice as long as the one at the shop across the street, although "
            "the rolls cost the owner almost nothing. A small kindness offered first tends to "
            "come back larger than it left."
        ),
    ],
    "The Concept Defined": [
        (
            "Patience in persuasion is the willingness to give value long before asking for "
            "anything, trusting that goodwill accumulates. It differs from a simple trade because"
            " nothing is priced and nothing is promised; the giver lets the relationship decide "
            "when and how the return arrives, if it ever does."
        ),
    ],
    "The Multi-Book View": [
        (
            "Robert Cialdini treats the early gift in Influence as a lever that works best when "
            "the request follows soon after, and he documents how a modest favour raises "
            "agreement to a much larger ask. His experiments suggest the pull of an unreturned "
            "favour is strongest in the first moments and fades with time."
        ),
        (
            "Alex Hormozi argues in $100M Leads that a business should publish its most useful "
            "material for free and wait, because the people who keep consuming it select "
            "themselves as buyers. He measures that wait in months or years, not minutes, and "
            "treats every free lesson as a deposit in an account."
        ),
        (
            "In $100M Offers, Hormozi turns the same habit into a pricing tool: extra bonuses "
            "appear just as a buyer hesitates, so the offer grows instead of the pressure. The "
            "buyer feels the seller has already moved toward them and is inclined to move in "
            "turn, which closes the gap without a discount."
        ),
        (
            "Chris Voss in Never Split the Difference uses small concessions at the table as "
            "deliberate moves, each one smaller than the last, so that the other side feels "
            "obliged to answer in kind. The patience he recommends is tactical and short: it "
            "lasts exactly as long as the negotiation does."
        ),
        (
            "Allan Dib's Lean Marketing builds the free first step into a measured funnel, where "
            "every piece of value handed out is tracked against the leads it produces later. For "
            "Dib, giving first is a system with numbers attached, and anything that cannot show a"
            " result is trimmed away."
        ),
    ],
    "Key Frameworks": [
        (
            "The [[Value Ladder]] orders free and paid steps so each one earns the next. The "
            "[[Concession Staircase]] shrinks each give at the table so the pattern itself "
            "signals a limit."
        ),
    ],
    "Contradicting & Competing Perspectives": [
        (
            "Cialdini and Hormozi disagree about timing: the research favours asking soon after "
            "giving, while the audience-building view holds that the best returns come to those "
            "who never ask directly at all. One reads the debt as fading, the other as "
            "compounding quietly over a long time."
        ),
        (
            "Voss and Dib also part ways on what counts as success, since a negotiator judges the"
            " single deal in front of him while a marketer judges the whole pipeline of people "
            "who were helped. A concession that loses one deal may still be worth making when the"
            " funnel is the unit."
        ),
    ],
    "Real-World Applications": [
        (
            "A software firm gives away a complete small tool with no sign-up, and a year later "
            "the teams that used it ask for the paid product on their own. A landlord who fixes a"
            " tenant's heater the same day finds the lease renewed without any haggling over the "
            "new rent."
        ),
    ],
    "The Deeper Pattern": [
        (
            "Underneath each of these views lies the same quiet rule: people keep an informal "
            "ledger and feel uneasy while it is out of balance. The books differ only in how long"
            " they are willing to let that ledger stay open before they ask for it to be settled."
        ),
    ],
    "Continue Exploring": [
        (
            "Related ideas: [[Commitment]] and [[Social Proof]] explain how a first yes and the "
            "crowd keep the ledger moving."
        ),
    ],
}

BOOKS = [
    ("Books/Influence.md", "---\ntype: book\nauthor: Robert Cialdini\n---\n"),
    ("Books/$100M Leads.md", "---\ntype: book\nauthor: Alex Hormozi\n---\n"),
    ("Books/$100M Offers.md", "---\ntype: book\nauthor: Alex Hormozi\n---\n"),
    ("Books/Never Split the Difference.md", "---\ntype: book\nauthor: Chris Voss\n---\n"),
    ("Books/Lean Marketing.md", "---\ntype: book\nauthor: Allan Dib\n---\n"),
]


def note(title: Callable[[str], str] = lambda t: t, gap: str = "\n") -> str:
    """The concept written with each section title as ``title`` draws it, and ``gap``
    between lines ("\\n": pasted, one paragraph a line; "\\n\\n": Markdown paragraphs)."""
    lines = list(SECTIONS["intro"])
    for heading in TITLES:
        lines.append(title(heading))
        lines.extend(SECTIONS[heading])
    return gap.join(lines) + "\n"


SHAPES: dict[str, Callable[[], str]] = {
    "plain lines": lambda: note(),
    "bold titles": lambda: note(lambda t: f"**{t}**"),
    "colon titles": lambda: note(lambda t: f"{t}:"),
    "## titles": lambda: note(lambda t: f"## {t}"),
    "## titles, blank lines": lambda: note(lambda t: f"## {t}", "\n\n"),
    "setext titles, blank lines": lambda: note(lambda t: f"{t}\n{'-' * len(t)}", "\n\n"),
}


def reading(v: Vault) -> dict[str, Any]:
    """What a reader sees of the concept, without line numbers (blank lines move them)."""
    data = v.perspectives("Patience.md")
    edges = sorted(
        (u, w, a["kind"], a.get("section") or "", a["context"])
        for u, w, a in v.graph.edges(data=True)
        if "Patience.md" in (u, w)
    )
    return {
        "perspectives": [(p.label, [b.text for b in p.blocks]) for p in data.perspectives],
        "tensions": [(t.text, [b.title for b in t.books], list(t.authors)) for t in data.tensions],
        "edges": edges,
    }


def first_words(v: Vault) -> dict[str, list[str]]:
    return {
        p.label: [" ".join(b.text.split()[:3]) for b in p.blocks]
        for p in v.perspectives("Patience.md").perspectives
    }


def test_with_book_notes_each_book_gets_exactly_its_paragraphs() -> None:
    v = memory_vault([*BOOKS, ("Patience.md", note())])
    assert first_words(v) == {
        "Influence": ["Robert Cialdini treats"],
        "$100M Leads": ["Alex Hormozi argues"],
        "$100M Offers": ["In $100M Offers,"],
        "Never Split the Difference": ["Chris Voss in"],
        "Lean Marketing": ["Allan Dib's Lean"],
    }
    tensions = v.perspectives("Patience.md").tensions
    assert [list(t.authors) for t in tensions] == [
        ["Robert Cialdini", "Alex Hormozi"],
        ["Chris Voss", "Allan Dib"],
    ]
    typed = {(w, a.get("section")) for u, w, a in v.graph.edges(data=True) if u == "Patience.md"}
    assert ("ghost:value ladder", "Key Frameworks") in typed
    assert ("ghost:social proof", "Continue Exploring") in typed


def test_without_book_notes_the_paragraphs_go_to_their_authors() -> None:
    v = memory_vault([("Patience.md", note())])
    assert first_words(v) == {
        "Robert Cialdini": ["Robert Cialdini treats"],
        "Alex Hormozi": ["Alex Hormozi argues", "In $100M Offers,"],
        "Chris Voss": ["Chris Voss in"],
        "Allan Dib": ["Allan Dib's Lean"],
    }
    tensions = v.perspectives("Patience.md").tensions
    assert [list(t.authors) for t in tensions] == [
        ["Robert Cialdini", "Alex Hormozi"],
        ["Chris Voss", "Allan Dib"],
    ]


@pytest.mark.parametrize("books", [BOOKS, []], ids=["with books", "without books"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_way_of_writing_the_titles_reads_the_same(
    shape: str, books: list[tuple[str, str]]
) -> None:
    expected = reading(memory_vault([*books, ("Patience.md", note())]))
    assert expected["perspectives"] and expected["tensions"]
    assert reading(memory_vault([*books, ("Patience.md", SHAPES[shape]())])) == expected


def test_wrapped_lines_and_a_sentence_a_line_stay_one_paragraph() -> None:
    text = (
        "## Perspectives\n"
        "Robert Cialdini finds that a favour asks to be returned.\n"
        "Alex Hormozi is mentioned on this line, which is one more sentence of it.\n\n"
        "Chris Voss makes each concession smaller than the one\n"
        "before, so the shrinking steps say where the limit is, and Allan Dib\n"
        "tracks what each free step brings in.\n"
    )
    data = memory_vault([("Short.md", text)]).perspectives("Short.md")
    blocks = [b for p in data.perspectives for b in p.blocks]
    assert [b.line for b in dict.fromkeys(blocks)] == [2, 5]
