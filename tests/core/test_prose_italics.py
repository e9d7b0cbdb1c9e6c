"""Italic spans (titles by convention, never people) found as Markdown reads them."""

from __future__ import annotations

import itertools
import re

import pytest

from syntopic.core.prose import Prose

# The rule written the plain way (look-behind first): the fast patterns must agree.
PLAIN = re.compile(r"(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])|(?<![\w_])_[^_\s][^_\n]*_(?!\w)")


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in Prose(text).italics]


@pytest.mark.parametrize(
    ("text", "italic"),
    [
        ("Cialdini's *Influence* shows it.", ["*Influence*"]),
        ("In _Pre-Suasion_ he adds more.", ["_Pre-Suasion_"]),
        ("*Influence* and _Pre-Suasion_ agree.", ["*Influence*", "_Pre-Suasion_"]),
        ("**bold** is not italic, nor is a*b*c.", []),
        ("snake_case_names and x_y_ stay words.", []),
        ("* not a title*: a star before a space opens nothing.", []),
        ("An *open title\n* across lines is not one.", []),
        ("_*Both marks*_ nest.", ["_*Both marks*_"]),
        ("*A _mixed_ title* then _another_.", ["*A _mixed_ title*", "_another_"]),
        ("No marks at all.", []),
    ],
)
def test_italic_titles_are_found_and_words_with_marks_are_not(text: str, italic: list[str]) -> None:
    assert spans(text) == italic
    assert spans(text) == [m.group() for m in PLAIN.finditer(text)]


def test_every_short_mix_of_marks_agrees_with_the_plain_rule() -> None:
    # every string of up to six of these characters: 19,531 of them
    for size in range(7):
        for chars in itertools.product("*_a \n", repeat=size):
            text = "".join(chars)
            want = [(m.start(), m.end()) for m in PLAIN.finditer(text)]
            assert Prose(text).italics == want, text
