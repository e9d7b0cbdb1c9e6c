"""The parser's fast link patterns find exactly what their plain spellings find."""

from __future__ import annotations

import random
import re
import sys

from syntopic.core import parse

# the patterns as first written: lazy and backtracking, with `\s`
PLAIN_WIKI = re.compile(r"\[\[([^\[\]\n]+?)\]\]")
PLAIN_MDLINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
PIECES = [
    *"[]()<>\"' \n\t\\|#a.:/",
    *"\x0b\x0c\x1c\x85\xa0\u2000\u200b\u2028\u3000é",
    "[[",
    "]]",
    "](",
    "![",
    ' "t"',
    "https://x",
    "Note",
]


def found(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_spelled_out_blank_is_every_character_backslash_s_matches() -> None:
    blank = re.compile(f"[{parse.SPACE}]")
    space = re.compile(r"\s")
    differ = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if bool(blank.match(chr(code))) != bool(space.match(chr(code)))
    ]
    assert differ == []


def test_link_patterns_match_their_plain_spellings_everywhere() -> None:
    rng = random.Random(16)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30)))
        assert found(parse._MDLINK, text) == found(PLAIN_MDLINK, text), text
        assert found(parse._WIKI, text) == found(PLAIN_WIKI, text), text
        at = rng.randrange(len(text))  # the parser also matches a wiki link in place
        fast, plain = parse._WIKI.match(text, at), PLAIN_WIKI.match(text, at)
        assert (fast and fast.span()) == (plain and plain.span()), (text, at)


PLAIN_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def test_atx_headings_read_as_the_plain_pattern_reads_them() -> None:
    rng = random.Random(6)
    pieces = ["#", "##", "###", " ", "  ", "\t", "a", "b c", "\\", "\r", "\xa0", "`", "[[x]]"]
    for _ in range(50_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        m = PLAIN_ATX.match(line)
        expected = (len(m.group(1)), m.group(2) or "") if m else None
        assert parse.atx_heading(line) == expected, repr(line)


PLAIN_TAG = re.compile(r"(?<!\S)#([^\s#!\"$%&'()*+,.:;<=>?@\[\\\]^`{|}~]+)")


def test_the_tag_pattern_finds_what_its_plain_spelling_finds() -> None:
    rng = random.Random(8)
    pieces = [*"# \t\na/.!1-_é", "\xa0", "\u3000", "##", "#a", " #b", "x#y"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 20)))
        assert found(parse._TAG, text) == found(PLAIN_TAG, text), repr(text)


PLAIN_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.M)


def test_block_ids_are_found_on_the_lines_the_plain_pattern_finds_them() -> None:
    def ids(pattern: re.Pattern[str], text: str) -> list[tuple[str, int]]:
        return [(m.group(1), text.count("\n", 0, m.start())) for m in pattern.finditer(text)]

    rng = random.Random(9)
    pieces = [*"^ \t\na-1é", "\xa0", "^id", " ^x", "\n^b", "^^"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 20)))
        assert ids(parse._BLOCK_ID, text) == ids(PLAIN_BLOCK_ID, text), repr(text)
