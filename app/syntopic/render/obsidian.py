"""Obsidian syntax markdown-it has no rule for: comments, lone block ids, highlights, task marks."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from syntopic.core.parse import block_in_container, inside

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LONE_BLOCK_ID = re.compile(r"^[ \t]*\^([A-Za-z0-9-]+)[ \t]*$")
_BACKTICKS = re.compile(r"`+")
_TASK = re.compile(r"^\[([^\]\sxX])\][ \t]")

# what each custom task mark means in the community themes, drawn with glyphs
# DejaVu Sans has (it ships with the app)
TASK_MARKS = {
    "/": ("◑", "in progress"),
    "-": ("⊟", "cancelled"),
    ">": ("➔", "deferred"),
    "<": ("⇤", "scheduled"),
    "?": ("⍰", "question"),
    "!": ("⚠", "important"),
    "*": ("★", "star"),
}


def _comment_start(line: str, start: int) -> int:
    """Where ``%%`` opens a comment in ``line`` from ``start``, skipping inline code; -1 if not."""
    i = start
    while True:
        pct = line.find("%%", i)
        tick = line.find("`", i)
        if pct < 0:
            return -1
        if tick < 0 or pct < tick:
            return pct
        run = _BACKTICKS.match(line, tick)
        assert run is not None
        close = line.find(run.group(0), run.end())
        # an unclosed run is literal backticks; a closed one is code, where %% is text
        i = run.end() if close < 0 else close + len(run.group(0))


def prepare(text: str) -> str:
    """Hide ``%% comments %%`` (across blank lines too) and attach lone ``^block-id`` lines.

    A lone id belongs to the block above it, so it moves onto that block's
    last line, where the inline block-id rule turns it into an anchor. Code is
    left alone. The result has exactly the lines of the input (headings keep
    their line numbers).
    """
    lines = text.split("\n")
    fence = ""
    held: tuple[int, int] | None = None  # the list item or quote the open fence is in
    in_comment = False
    last_text = -1  # the last line (index) outside code that a block id could join
    for n, line in enumerate(lines):
        if in_comment:
            end = line.find("%%")
            if end < 0:
                lines[n] = ""
                continue
            in_comment = False
            line = line[end + 2 :]
        if fence and held is not None:
            within = inside(line, held)
            if within is None:  # the list item or quote ended, and its code with it
                fence, held = "", None
            else:
                line = within
        if fence:
            if line.lstrip(" ").startswith(fence):
                fence, held = "", None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[0] * 3
            last_text = -1
            continue
        if line.lstrip()[:1] in "-*+>0123456789" and ("`" in line or "~" in line):
            block = block_in_container(line)  # `- ```` opens code in the item, as CommonMark has it
            if block is not None and isinstance(block[0], tuple):
                fence, held = block[0][0] * 3, block[1]
                last_text = -1
                continue
        kept, i = [], 0
        while True:
            start = _comment_start(line, i)
            if start < 0:
                kept.append(line[i:])
                break
            kept.append(line[i:start])
            end = line.find("%%", start + 2)
            if end < 0:
                in_comment = True
                break
            i = end + 2
        line = "".join(kept)
        lone = _LONE_BLOCK_ID.match(line)
        if lone and last_text >= 0:
            lines[last_text] = lines[last_text].rstrip() + " ^" + lone.group(1)
            line = ""
        lines[n] = line
        if line.strip():
            last_text = -1 if line.lstrip().startswith("|") else n
        elif n > 0 and not lines[n - 1].strip():
            last_text = -1  # two blank lines: the id would be on its own
    return "\n".join(lines)


def highlight_rule(state: StateInline, silent: bool) -> bool:
    """``==text==`` marks text, with Markdown inside it."""
    src, pos = state.src, state.pos
    if not src.startswith("==", pos) or src.startswith("===", pos):
        return False
    end = src.find("==", pos + 2, state.posMax)
    if end < 0 or end == pos + 2 or src[pos + 2].isspace() or src[end - 1].isspace():
        return False
    if not silent:
        old_max = state.posMax
        state.pos, state.posMax = pos + 2, end
        state.push("highlight_open", "span", 1)
        state.md.inline.tokenize(state)
        state.push("highlight_close", "span", -1)
        state.posMax = old_max
    state.pos = end + 2
    return True


def custom_tasks(state: Any) -> None:
    """A list item that starts ``[?]`` (any one mark but space and x) is a task item too."""
    tokens: list[Token] = state.tokens
    for i in range(2, len(tokens)):
        inline = tokens[i]
        if (
            inline.type != "inline"
            or tokens[i - 1].type != "paragraph_open"
            or tokens[i - 2].type != "list_item_open"
            or not inline.children
            or inline.children[0].type != "text"
        ):
            continue
        first = inline.children[0]
        m = _TASK.match(first.content)
        if m is None:
            continue
        mark = m.group(1)
        glyph, meaning = TASK_MARKS.get(mark, ("☐", f"marked {mark}"))
        first.content = first.content[m.end() :]
        box = Token("task_mark", "", 0)
        box.content, box.meta = glyph, {"title": meaning, "mark": mark}
        inline.children.insert(0, box)
        tokens[i - 2].attrSet("class", "task-list-item")
