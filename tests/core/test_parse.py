"""The parser: front matter, links with their context, tags, code and comments."""

from __future__ import annotations

from syntopic.core.parse import ParseOptions, parse_note


def targets(text: str) -> list[str]:
    return [link.target for link in parse_note("n.md", text).links]


def test_front_matter_fields_and_properties() -> None:
    note = parse_note(
        "Concepts/Reciprocity.md",
        "---\ntitle: The Rule\naliases: Give First\ntags: [principle/core, '#Social']\n"
        "type: Concept\nyear: 1984\ndate: 2024-01-05\n---\nBody.\n",
    )
    assert note.title == "The Rule"
    assert note.aliases == ("Give First",)
    assert note.tags == ("principle/core", "social")
    assert note.type == "concept"
    assert note.properties["year"] == 1984
    assert note.properties["date"] == "2024-01-05"  # dates become JSON-safe strings
    assert note.name == "Reciprocity" and note.folder == "Concepts"


def test_title_defaults_to_file_name_and_body_start_skips_front_matter() -> None:
    text = "---\ntags: x y\n---\nHello"
    note = parse_note("a/My Note.md", text)
    assert note.title == "My Note"
    assert text[note.body_start :] == "Hello"
    assert note.tags == ("x", "y")


def test_malformed_front_matter_is_a_problem_not_a_failure() -> None:
    note = parse_note("a.md", "---\ntags: [a, b\n---\nSee [[B]].")
    assert [p.kind for p in note.problems] == ["yaml"]
    assert note.problems[0].line >= 2
    assert [link.target for link in note.links] == ["B"]


def test_front_matter_that_is_not_a_mapping() -> None:
    note = parse_note("a.md", "---\n- one\n- two\n---\ntext")
    assert note.problems[0].kind == "yaml"
    assert "not a mapping" in note.problems[0].message


def test_every_wiki_link_form() -> None:
    note = parse_note(
        "n.md",
        "[[Plain]] [[Shown|the text]] [[Head#Some Part]] [[Blk#^id-1]] [[#Local]] "
        "[[folder/Deep]] ![[Embedded]] ![[Pic.png]]",
    )
    got = [(x.target, x.heading, x.block, x.display, x.embed) for x in note.links]
    assert got == [
        ("Plain", None, None, None, False),
        ("Shown", None, None, "the text", False),
        ("Head", "Some Part", None, None, False),
        ("Blk", None, "id-1", None, False),
        ("", "Local", None, None, False),
        ("folder/Deep", None, None, None, False),
        ("Embedded", None, None, None, True),
        ("Pic.png", None, None, None, True),
    ]


def test_markdown_links_are_decoded_and_external_ones_skipped() -> None:
    note = parse_note(
        "n.md",
        "[a](Other%20Note.md) [b](<Spaced Name.md>) [c](https://example.com) "
        "[d](mailto:x@y.z) [e](#Local%20Head) [f](./sub/Thing.md)",
    )
    got = [(x.target, x.heading, x.markdown) for x in note.links]
    assert got == [
        ("Other Note.md", None, True),
        ("Spaced Name.md", None, True),
        ("", "Local Head", True),
        ("sub/Thing.md", None, True),
    ]


def test_escaped_pipe_in_a_table_link() -> None:
    note = parse_note("n.md", "| a | b |\n|---|---|\n| [[Target\\|shown]] | x |\n")
    assert [(x.target, x.display) for x in note.links] == [("Target", "shown")]


def test_nothing_in_code_or_comments_counts() -> None:
    text = (
        "Real [[One]] and `[[inline code]]` and ``a `[[double]]` b``.\n\n"
        "```\n[[fenced]]\n```\n\n"
        "~~~~md\n```\n[[tilde fence with inner backticks]]\n```\n~~~~\n\n"
        "    [[indented code]]\n\n"
        "%% [[percent comment]] %% visible [[Two]]\n\n"
        "%%\nmulti-line [[percent]]\n%%\n\n"
        "<!-- [[html comment]] -->\n\n"
        "<!--\n[[multi-line html]]\n-->\n\n"
        "Inline <!-- [[inline html]] --> then [[Three]] #tag-here\n\n"
        "`unclosed backtick [[Four]]\n"
    )
    assert targets(text) == ["One", "Two", "Three", "Four"]
    assert parse_note("n.md", text).tags == ("tag-here",)


def test_code_span_across_lines_hides_links() -> None:
    assert targets("start `code\n[[Hidden]]` end [[Shown]]") == ["Shown"]


def test_indented_lines_inside_lists_are_not_code() -> None:
    assert targets("- item\n    - nested [[Deep]]\n\n1. one\n\n    still item [[Para]]") == [
        "Deep",
        "Para",
    ]


def test_indented_line_after_paragraph_is_continuation_not_code() -> None:
    assert targets("A paragraph\n    continues [[Here]]") == ["Here"]


def test_inline_tags_nested_lowercase_and_not_numbers_or_urls() -> None:
    note = parse_note(
        "n.md",
        "#Top and #parent/Child, issue #123, url http://x.y/#frag, [[#Heading]] `#code`\n"
        "# A Heading #inhead\n",
    )
    assert note.tags == ("top", "parent/child", "inhead")


def test_links_know_their_section_and_sentence() -> None:
    note = parse_note(
        "n.md",
        "Intro [[A]].\n\n## Key Frameworks\nFirst sentence here. The second names "
        "[[B|bee]] in passing!  Third one.\n\n## Continue Exploring\n"
        "- [[C]] — why it matters. Also.\n"
        "- [[D]] another\n- a list item with no period [[E]]\n- and more. [[F]]\n",
    )
    by_target = {x.target: x for x in note.links}
    assert by_target["A"].section is None
    assert by_target["B"].section == "Key Frameworks"
    assert by_target["B"].context == "The second names bee in passing!"
    assert by_target["B"].line == 4
    assert by_target["C"].section == "Continue Exploring"
    assert by_target["C"].context == "C — why it matters."
    assert by_target["D"].context == "D another"
    assert by_target["E"].context == "a list item with no period E"
    assert by_target["F"].context == "F"


def test_setext_headings_and_positions() -> None:
    note = parse_note("n.md", "---\na: 1\n---\nTitle [[X]]\n=====\n\nText\n---\n")
    assert [(h.level, h.text, h.line) for h in note.headings] == [
        (1, "Title [[X]]", 4),
        (2, "Text", 7),
    ]
    assert note.links[0].line == 4 and note.links[0].col == 7
    assert note.links[0].section == "Title [[X]]"


def test_block_ids() -> None:
    note = parse_note("n.md", "A claim worth citing. ^claim-1\n\n- item ^item2\n\nnot^an-id\n")
    assert note.block_ids == (("claim-1", 1), ("item2", 3))


def test_summary_is_the_first_plain_paragraph() -> None:
    note = parse_note("n.md", "---\ntype: concept\n---\n# Title\n\nThe definition.\n\n## More\nx")
    assert note.summary == "The definition."
    assert parse_note("n.md", "## Only\n\nLater text").summary == ""


def test_perspective_and_tension_blocks() -> None:
    text = (
        "Def.\n\n## The Multi-Book View\nCialdini in *Influence* shows it.\n\n"
        "### $100M Offers\nHormozi uses it.\n\nA second paragraph.\n\n"
        "## Contradicting & Competing Perspectives\nVoss and Cialdini differ.\n\n"
        "## Real-World Applications\nNot a perspective.\n"
    )
    note = parse_note("n.md", text)
    assert [(b.text, b.subheading, b.line) for b in note.perspectives] == [
        ("Cialdini in *Influence* shows it.", None, 4),
        ("Hormozi uses it.", "$100M Offers", 7),
        ("A second paragraph.", "$100M Offers", 9),
    ]
    assert [b.text for b in note.tensions] == ["Voss and Cialdini differ."]


def test_section_names_are_configurable() -> None:
    options = ParseOptions(perspective_headings=("views",), tension_headings=("debates",))
    note = parse_note("n.md", "## Views\nOne.\n\n## Debates\nTwo.\n", options)
    assert [b.text for b in note.perspectives] == ["One."]
    assert [b.text for b in note.tensions] == ["Two."]


def test_empty_and_whitespace_notes() -> None:
    for text in ("", "\n\n", "---\n---\n", "---\nunclosed front matter"):
        note = parse_note("e.md", text)
        assert note.links == ()
        assert note.problems == ()
