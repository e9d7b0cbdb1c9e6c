"""Notes nested deeper than the Markdown parser goes: shown as text, never dropped."""

from __future__ import annotations

import html
from typing import Any

# markdown-it's CommonMark preset stops at 20 levels and silently drops whatever is
# deeper (a list ten levels deep is enough). 100 is far past any real note and far
# from the recursion limit (the parser recurses once a level; ~700 levels overflow).
MAX_NESTING = 100
TOO_DEEP = "syntopic_too_deep"  # set in the render env when content was cut


def guard(state: Any) -> None:
    """A core rule: note in the env when a block was opened at the limit and left empty.

    That is the parser's mark of content it gave up on; nothing else opens a block
    that deep.
    """
    tokens = state.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.nesting == 1 and token.level >= MAX_NESTING - 1 and tokens[i + 1].nesting == -1:
            state.env[TOO_DEEP] = True
            return


def plain_page(text: str) -> str:
    """The whole note as text, under a notice saying why."""
    return (
        f'<p class="problem">⚠ This note is nested more than {MAX_NESTING} levels deep '
        "(quotes or lists inside each other), deeper than Syntopic draws; "
        "it is shown as plain text so nothing is hidden.</p>\n"
        f'<pre style="white-space: pre-wrap">{html.escape(text)}</pre>\n'
    )
