"""The parser reads Obsidian's syntax as Obsidian does: comments, math, properties, HTML."""

from __future__ import annotations

from conftest import memory_vault
from syntopic.core.parse import parse_note


def targets(text: str) -> list[str]:
    return [link.target for link in parse_note("n.md", text).links]


def test_percent_in_inline_code_opens_no_comment() -> None:
    note = parse_note(
        "n.md", "Use `%%` to start a comment. [[Missing]]\n\n## Later\nSee [[After]]. ^kept\n"
    )
    assert [link.target for link in note.links] == ["Missing", "After"]
    assert [h.text for h in note.headings] == ["Later"]
    assert note.block_ids == (("kept", 4),)
    assert note.links[1].section == "Later"


def test_percent_in_code_blocks_is_text() -> None:
    text = (
        "```\n%% not a comment\n```\n\n[[One]]\n\n"
        "    %% indented code\n\n[[Two]]\n\n"
        "Real %% comment [[Hidden]] %% then ``a %% b`` [[Three]]\n"
    )
    assert targets(text) == ["One", "Two", "Three"]


def test_percent_comment_spanning_a_blank_line_hides_its_links() -> None:
    text = "Before [[A]].\n\n%%\nhidden [[B]]\n\nstill hidden [[C]] #nottag\n%%\n\nAfter [[D]]."
    note = parse_note("n.md", text)
    assert [link.target for link in note.links] == ["A", "D"]
    assert note.tags == ()


def test_links_and_tags_in_math_do_not_count() -> None:
    text = (
        "Inline $[[InMath]] + #x$ and [[Out]].\n\n"
        "Display $$[[Also]]$$ then #real\n\n"
        "$$\n[[Block]] #inblock\n\n\\\\ x\n$$\n\n"
        "After [[End]]."
    )
    note = parse_note("n.md", text)
    assert [link.target for link in note.links] == ["Out", "End"]
    assert note.tags == ("real",)
    assert note.links[1].line == 11


def test_prices_are_not_math() -> None:
    text = "It costs $5 and [[Thing]] costs $10. See [[$100M Leads]] or [[$100M Offers]] #deal"
    note = parse_note("n.md", text)
    assert [link.target for link in note.links] == ["Thing", "$100M Leads", "$100M Offers"]
    assert note.tags == ("deal",)


def test_links_in_properties_are_links_named_by_their_property() -> None:
    text = (
        "---\n"
        'related: "[[Note]]"\n'
        "up:\n"
        '  - "[[A|shown]]"\n'
        "  - '[[B#Part]]'\n"
        "# comment: [[NotALink]]\n"
        "nested: [[Unquoted]]\n"
        "---\n"
        "Body [[Body]].\n"
    )
    note = parse_note("n.md", text)
    got = [(x.target, x.heading, x.display, x.section, x.line, x.in_properties) for x in note.links]
    assert got == [
        ("Note", None, None, "related", 2, True),
        ("A", None, "shown", "up", 4, True),
        ("B", "Part", None, "up", 5, True),
        ("Body", None, None, None, 9, False),
    ]
    assert note.links[0].context == "related: Note"


def test_property_links_are_graph_edges_and_backlinks() -> None:
    vault = memory_vault([("A.md", '---\nrelated: "[[B]]"\n---\nText.\n'), ("B.md", "B text.")])
    assert vault.graph.has_edge("A.md", "B.md")
    backlinks = vault.backlinks("B.md")
    assert [(b.source, b.link.section) for b in backlinks] == [("A.md", "related")]


def test_lone_block_id_after_a_callout_or_list_is_a_target() -> None:
    text = "> [!note]\n> A callout [[Q]].\n\n^callout-id\n\n- one\n- two\n\n^list-id\n"
    note = parse_note("n.md", text)
    assert note.block_ids == (("callout-id", 4), ("list-id", 9))
    assert note.summary == ""  # the id line is no paragraph of its own


def test_nothing_inside_an_html_tag_is_a_tag() -> None:
    text = (
        '<span style="color: #1a1a1a; background: #ccc">dark</span> #real\n\n'
        '<div\n  style="border: 1px solid #abc">\nbody #also\n</div>\n'
    )
    assert parse_note("n.md", text).tags == ("real", "also")


def test_escaped_brackets_are_text() -> None:
    assert targets("a \\[[not a link]] and \\[md](x.md), but \\\\[[Real]] and [[Also]]") == [
        "Real",
        "Also",
    ]


def test_an_html_comment_line_interrupts_a_paragraph_and_is_raw() -> None:
    text = (
        "text [[Before]]\n<!-- note --> [[Raw]]\n<!--\n[[Hidden]]\n--> [[AlsoRaw]]\nafter [[After]]"
    )
    assert targets(text) == ["Before", "After"]
