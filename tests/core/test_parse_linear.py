"""The parse grows linearly with the note for every shape (counted in bytecodes, not timed).

Wall-clock ratios live in `benchmarks/parse_shapes.py`; here the parser's own
Python steps are counted, which is exact and does not depend on the machine.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from syntopic.core import linktext, masks, parse
from syntopic.core.parse import parse_note

OUR_FILES = {parse.__file__, linktext.__file__, masks.__file__}


def steps(text: str) -> int:
    """Bytecodes the parser's own modules execute to parse ``text``."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        if event == "opcode":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if frame.f_code.co_filename not in OUR_FILES:
            return None
        frame.f_trace_opcodes = True
        return local

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        parse_note("n.md", text)
    finally:
        sys.settrace(previous)
    return count


SHAPES: dict[str, Callable[[int], str]] = {
    "index list": lambda n: "## Index\n" + "\n".join(f"- [[Topic {i}]]" for i in range(n)),
    "one long line": lambda n: "word [[Liking]] " * n,
    "one paragraph of sentences": lambda n: " ".join(f"See [[N{i}|n]] here." for i in range(n)),
    "table": lambda n: "| a | b |\n|---|---|\n" + "\n".join(f"| [[R{i}]] | x |" for i in range(n)),
    "stray backticks": lambda n: "a ` b `` [[L]] " * n,
    "block ids": lambda n: "\n".join(f"Line {i} ^id-{i}" for i in range(n)),
    "headings": lambda n: "\n".join(f"# H{i}\n[[L{i}]]" for i in range(n)),
    "markdown and wiki links": lambda n: " ".join(f"[[W{i}]] [m](M{i}.md)" for i in range(n)),
    "property list": lambda n: (
        "---\nrelated:\n" + "".join(f'  - "[[P{i}]]"\n' for i in range(n)) + "---\nBody."
    ),
    "prices and math": lambda n: "costs $5 and [[X]] $a+b$ " * n,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_ten_times_the_note_is_ten_times_the_work(shape: str) -> None:
    make = SHAPES[shape]
    small, large = steps(make(100)), steps(make(1000))
    assert small > 0
    assert large / small < 11, f"{shape}: {small} -> {large} steps for 10x the text"


def test_the_large_shapes_keep_lines_and_contexts_right() -> None:
    n = 20_000
    note = parse_note("n.md", "\n".join(f"- [[T{i}]] item {i}" for i in range(n)))
    assert len(note.links) == n
    last = note.links[-1]
    assert (last.target, last.line, last.col, last.context) == (
        f"T{n - 1}",
        n,
        3,
        f"T{n - 1} item {n - 1}",
    )
    line = parse_note("n.md", "word [[Liking]] " * n)
    assert len(line.links) == n and line.links[-1].col == (n - 1) * 16 + 6
