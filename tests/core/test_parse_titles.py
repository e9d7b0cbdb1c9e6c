"""Section titles written without `#` (pasted notes) are headings, and only known titles."""

from __future__ import annotations

from syntopic.core.parse import ParseOptions, parse_note, promote_titles
from syntopic.render.markdown import render_markdown

# The reference note's shape, in our own words: one paragraph per line, no blank
# lines, the section titles on lines of their own.
PLAIN = """\
---
type: concept
---
A stranger hands you a flower at the station, then asks for a donation.
The Concept Defined
Giving first creates a felt debt that people want to settle, often with interest.
The Multi-Book View
Cialdini in [[Influence]] treats the urge to repay as an automatic rule of compliance.
Hormozi in [[$100M Leads]] turns free value into a reason for prospects to come back.
**Key Frameworks**
[[Give Before You Ask]] orders an offer so the gift comes before the request.
Contradicting & Competing Perspectives:
Voss and Cialdini disagree on whether a concession must be visible to count.
Real-World Applications
Send the useful checklist before the sales call, not after it.
the deeper pattern
Debt and trust grow from the same small exchanges.
Continue Exploring
[[Social Proof]] — why crowds repay what one person gave.
[[Liking]] — a gift from a friend weighs more.
"""

TITLES = (
    "The Concept Defined",
    "The Multi-Book View",
    "**Key Frameworks**",
    "Contradicting & Competing Perspectives:",
    "Real-World Applications",
    "the deeper pattern",
    "Continue Exploring",
)


def with_hashes(text: str) -> str:
    """The same note with every title written as a `##` heading, line for line."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line in TITLES:
            lines[i] = "## " + line.strip("*").rstrip(":")
    return "\n".join(lines)


def test_plain_titles_give_the_same_note_as_hashed_ones() -> None:
    plain = parse_note("Reciprocity.md", PLAIN)
    hashed = parse_note("Reciprocity.md", with_hashes(PLAIN))
    assert [(h.level, h.text, h.line) for h in plain.headings] == [
        (h.level, h.text, h.line) for h in hashed.headings
    ]
    assert len(plain.headings) == 7
    assert all(h.promoted for h in plain.headings)
    assert not any(h.promoted for h in hashed.headings)
    assert [(x.target, x.section, x.line, x.context) for x in plain.links] == [
        (x.target, x.section, x.line, x.context) for x in hashed.links
    ]
    assert plain.perspectives == hashed.perspectives
    assert plain.tensions == hashed.tensions
    assert plain.summary == hashed.summary


def test_each_link_knows_its_plain_titled_section() -> None:
    note = parse_note("Reciprocity.md", PLAIN)
    sections = {x.target: x.section for x in note.links}
    assert sections == {
        "Influence": "The Multi-Book View",
        "$100M Leads": "The Multi-Book View",
        "Give Before You Ask": "Key Frameworks",
        "Social Proof": "Continue Exploring",
        "Liking": "Continue Exploring",
    }
    assert len(note.perspectives) == 1  # one paragraph: the lines are not blank-separated
    assert "[[$100M Leads]]" in note.perspectives[0].text
    assert [b.text for b in note.tensions] == [
        "Voss and Cialdini disagree on whether a concession must be visible to count."
    ]


def test_only_known_titles_are_promoted() -> None:
    text = "Intro line.\nKey Ideas\nMore text.\n\nWhy it works\n\n- Key Frameworks\n"
    note = parse_note("n.md", text)
    assert note.headings == ()


def test_configured_perspective_and_tension_headings_are_known_titles() -> None:
    options = ParseOptions(perspective_headings=("views",), tension_headings=("debates",))
    note = parse_note("n.md", "Def.\n\nViews\n\nOne view.\n\n*Debates:*\nTwo sides.\n", options)
    assert [h.text for h in note.headings] == ["Views", "Debates"]
    assert [b.text for b in note.perspectives] == ["One view."]
    assert [b.text for b in note.tensions] == ["Two sides."]


def test_titles_in_code_quotes_and_setext_stay_what_they_are() -> None:
    text = "```\nKey Frameworks\n```\n\n> Key Frameworks\n\nKey Frameworks\n==============\n"
    note = parse_note("n.md", text)
    assert [(h.level, h.text, h.line, h.promoted) for h in note.headings] == [
        (1, "Key Frameworks", 7, False)
    ]


def test_the_renderer_draws_a_plain_title_as_a_heading() -> None:
    body = "Intro.\nThe Concept Defined\nA definition with [[Link]].\n**Key Frameworks**\nMore."
    assert promote_titles(body).split("\n") == [
        "Intro.",
        "## The Concept Defined",
        "A definition with [[Link]].",
        "## Key Frameworks",
        "More.",
    ]
    html = render_markdown(body)
    assert '<h2><a name="L2"></a>The Concept Defined</h2>' in html
    assert '<h2><a name="L4"></a>Key Frameworks</h2>' in html
    assert "<p>Intro.</p>" in html
