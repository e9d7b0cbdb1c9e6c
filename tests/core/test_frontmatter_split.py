"""Front matter ends at the first ``---`` or ``...`` line, however the text around it looks."""

from __future__ import annotations

import random

from syntopic.core import frontmatter


def line_by_line(text: str) -> tuple[str | None, int, int]:
    """The rule read one line at a time: (source, body offset, lines it spans)."""
    lines = text.split("\n")
    if len(lines) < 2 or not lines[0].startswith("---") or lines[0][3:].strip():
        return None, 0, 0
    offset = len(lines[0]) + 1
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip() in ("---", "..."):
            body = min(offset + len(line) + 1, len(text))
            return text[len(lines[0]) + 1 : offset], body, number
        offset += len(line) + 1
    return None, 0, 0


def test_split_finds_the_closing_line_as_a_line_by_line_reading_does() -> None:
    rng = random.Random(11)
    pieces = [
        "---",
        "...",
        "--",
        "-",
        ".",
        "\n",
        "\n",
        " ",
        "\t",
        "\r",
        "\x85",
        "\u2028",
        "a: 1",
        "#",
    ]
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14)))
        if rng.random() < 0.5:
            text = "---\n" + text
        assert frontmatter.split(text) == line_by_line(text), repr(text)
