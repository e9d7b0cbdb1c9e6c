"""Paragraphs pasted one to a line, as text copied from a web page or a PDF arrives."""

from __future__ import annotations

import re

# a line that ends a sentence: "...in return." / "...they said.”" / "...(2016)."
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]*_]*\s*$")
MEAN_LENGTH = 200
"""Characters a line must hold on average to count as a paragraph of its own. Hard-wrapped
prose (~80 a line) and one sentence a line (~100) stay one paragraph."""


def pasted_paragraphs(lines: list[str], first_line: int) -> list[tuple[str, int]] | None:
    """Each line with its line number, when a paragraph's lines read as paragraphs of
    their own (two or more, each ending a sentence, long on average); else None."""
    if len(lines) < 2:
        return None
    if sum(len(line) for line in lines) < MEAN_LENGTH * len(lines):
        return None
    if not all(_SENTENCE_END.search(line) for line in lines):
        return None
    return [(line, first_line + i) for i, line in enumerate(lines)]
