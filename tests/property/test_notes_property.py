"""Notes generated from the grammar of our syntax: parse never raises, and the parser and
the renderer find the same links (profiles in hypothesis_profiles.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote

import hypothesis_profiles  # noqa: F401  (loads the profile)
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from syntopic.core import frontmatter
from syntopic.core.parse import parse_note, promote_titles
from syntopic.render import markdown as md
from syntopic.render.obsidian import prepare

WORDS = st.sampled_from(
    ["idea", "Trust", "café", "Ünïcode", "two words", "a.b", "C++", "x_y", "émoji 🚀", "1984"]
)
TEXT = st.sampled_from(
    ["plain text", "it's fine", "a: colon", "under_score", "snake_case_word", "2 + 2", "—"]
)


@st.composite
def wiki_link(draw: st.DrawFn) -> str:
    target = draw(WORDS)
    fragment = draw(st.sampled_from(["", "#Heading", "#^block-1"]))
    shown = draw(st.sampled_from(["", "|shown", "|*styled*"]))
    embed = draw(st.sampled_from(["", "!"]))
    return f"{embed}[[{target}{fragment}{shown}]]"


@st.composite
def markdown_link(draw: st.DrawFn) -> str:
    return f"[{draw(TEXT)}]({quote(draw(WORDS))}.md)"


def _hidden(link: str) -> st.SearchStrategy[str]:
    # places a link must not count: code, comments and escapes (a comment that opens a
    # line, a list item or a quote is an HTML block: the rest of its line is raw too)
    return st.sampled_from(
        [
            f"`{link}`",
            f"%% {link} %%",
            f"a <!-- {link} -->",
            f"<!-- {link} -->",
            f"``a {link} b``",
            "\\" + link.lstrip("!"),
        ]
    )


@st.composite
def emphasis(draw: st.DrawFn) -> str:
    marks = draw(st.lists(st.sampled_from(["*", "_", "**", "__", "~~", "=="]), max_size=40))
    return "".join(marks) + draw(TEXT) + "".join(reversed(marks))


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                TEXT,
                wiki_link(),
                markdown_link(),
                wiki_link().flatmap(_hidden),
                emphasis(),
                st.sampled_from(["#tag", "#nested/tag", "$x^2$", "[[", "]]"]),
            ),
            min_size=1,
            max_size=6,
        )
    )
    return " ".join(parts)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 8))
    line = draw(inline())
    if kind == 0:
        return f"{'#' * draw(st.integers(1, 6))} {line}"
    if kind == 1:
        items = draw(st.lists(inline(), min_size=1, max_size=4))
        return "\n".join(f"- {item}" for item in items)
    if kind == 2:
        title = draw(st.sampled_from(["", " Title", " [[Callout Link]]"]))
        fold = draw(st.sampled_from(["", "+"]))  # a folded one ("-") draws no body
        return f"> [!note]{fold}{title}\n> {line}"
    if kind == 3:
        return f"```\n{line}\n```"
    if kind == 4:  # quotes inside quotes
        return "> " * draw(st.integers(1, 40)) + line
    if kind == 5:  # lists inside lists
        depth = draw(st.integers(1, 30))
        return "\n".join(
            "  " * i + f"- level {i} {line if i == depth - 1 else ''}" for i in range(depth)
        )
    if kind == 6:
        return f"%%\n{line}\n%%"
    if kind == 7:
        return f"{line}\n{draw(inline())}"
    return line


@st.composite
def note(draw: st.DrawFn) -> str:
    front = draw(
        st.sampled_from(
            [
                "",
                "---\ntags: [a, b]\n---\n",
                "---\naliases:\n  - Other\ntype: concept\n---\n",
                '---\nrelated: "[[Prop Link]]"\n---\n',
                "---\na: &a [*a]\n---\n",
                "---\ntags: [[b]]\n---\n",
                "---\nbroken: [\n---\n",
            ]
        )
    )
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    return front + "\n\n".join(blocks) + "\n"


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _tokens(token.children)
        if token.meta and token.meta.get("title_tokens"):  # a callout's title
            yield from _tokens(token.meta["title_tokens"])


def rendered_links(body: str) -> Counter[tuple[str, bool]]:
    """(target, embed) of every link the renderer draws, from its own token stream."""
    env: dict[str, Any] = {"ctx": md.RenderContext()}
    found: Counter[tuple[str, bool]] = Counter()
    for token in _tokens(md._MD.parse(promote_titles(prepare(body)), env)):
        if token.type == "wikilink" and token.meta["target"]:
            found[token.meta["target"], token.meta["embed"]] += 1
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if href and ":" not in href.split("/", 1)[0] and not href.startswith("#"):
                found[unquote(href).split("#", 1)[0].removesuffix(".md"), False] += 1
    return found


@given(note())
def test_parse_never_raises_and_agrees_with_the_renderer(text: str) -> None:
    parsed = parse_note("note.md", text)
    ours = Counter(
        (link.target.removesuffix(".md"), link.embed)
        for link in parsed.links
        if not link.in_properties and link.target
    )
    _, body_start, _ = frontmatter.split(text)
    assert ours == rendered_links(text[body_start:]), text


@given(st.text(max_size=400))
def test_any_text_parses(text: str) -> None:
    note = parse_note("any.md", text)
    assert note.path == "any.md"


@given(note())
def test_every_note_renders_with_its_text(text: str) -> None:
    _, body_start, _ = frontmatter.split(text)
    html = md.render_markdown(text[body_start:])
    for word in ("level 29", "level 20"):  # the deepest list items, when generated
        if f"- {word} " in text:
            assert word in html


def test_an_escaped_link_is_text_to_both() -> None:
    text = "a \\[[not a link]]\n"
    assert Counter((x.target, x.embed) for x in parse_note("n.md", text).links) == (
        rendered_links(text)
    )


def test_a_comment_at_line_start_is_an_html_block_to_both() -> None:
    # raw to the line's end: the link after the comment is no link
    text = "text\n<!-- c --> [[idea]]\n"
    assert Counter((x.target, x.embed) for x in parse_note("n.md", text).links) == (
        rendered_links(text)
    )


def test_a_comment_opening_a_list_item_is_html_to_both() -> None:
    # CommonMark: a list item's or a quote's text is parsed as blocks, so a comment that
    # opens it is an HTML block, raw to the end of its line (and on to its "-->" while
    # the item or quote lasts). Obsidian reads links from such a parse (Remark since
    # v0.8.5, its release notes say) and builds on CommonMark.
    for text, links in (
        ("- <!-- c --> [[idea]]\n", []),
        ("> <!-- c --> [[idea]]\n", []),
        ("- <!-- c\n  [[hidden]] -->\n- [[shown]]\n", ["shown"]),
        ("- <!-- c\n[[shown]]\n", ["shown"]),  # the item ended, and its open comment too
        ("- <!-- c -->\n\n```\n[[code]]\n```\n[[shown]]\n", ["shown"]),
    ):
        ours = Counter((x.target, x.embed) for x in parse_note("n.md", text).links)
        assert ours == rendered_links(text)
        assert sorted(target for target, _ in ours.elements()) == links


def test_brackets_around_code_make_no_link() -> None:
    # A wiki link runs from its [[ to the first ]] of the text as written, code or not
    # ([[The Never `!` Type]] links in Obsidian: quartz issue #1246); a name holding
    # [ or ] is none, and a [[ inside code is code: [[ `[[idea]]` ]] is no link at all.
    for text, links in (
        ("[[ `[[idea]]` ]]\n", []),
        ("[[The Never `!` Type]]\n", ["The Never `!` Type"]),
        ("[[a `]]` b]] [[c]]\n", ["a `", "c"]),
    ):
        ours = Counter((x.target, x.embed) for x in parse_note("n.md", text).links)
        assert ours == rendered_links(text)
        assert sorted(target for target, _ in ours.elements()) == links


def test_a_fence_opening_a_list_item_hides_its_links_from_both() -> None:
    # CommonMark: a fence may open a list item (or a quote); its code runs to the closing
    # fence or to the end of the item, and a tilde fence's info string may hold tildes,
    # so `- ~~~~struck~~~~` opens code, not strikethrough.
    for text, links in (
        ("- ~~~~struck~~~~ [[idea]]\n", []),
        ("- ```\n  [[code]]\n  ```\n- [[after]]\n", ["after"]),
        ("- ```\n  [[code]]\n[[after]]\n", ["after"]),  # the item ended, and its code too
        ("> ```\n> [[code]]\n\n[[after]]\n", ["after"]),
        ("- ```\n  50%% off\n  ```\n\n[[after]]\n", ["after"]),  # %% in code is code
    ):
        ours = Counter((x.target, x.embed) for x in parse_note("n.md", text).links)
        assert ours == rendered_links(text)
        assert sorted(target for target, _ in ours.elements()) == links
