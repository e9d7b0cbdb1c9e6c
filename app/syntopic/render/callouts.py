"""Obsidian's callout types, their aliases, icons and colours."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CalloutType:
    name: str
    icon: str  # a glyph the bundled DejaVu Sans draws, so every desktop shows it
    rgb: tuple[int, int, int]


_BLUE, _CYAN, _GREEN = (8, 109, 221), (0, 160, 158), (8, 155, 68)
_ORANGE, _RED, _PURPLE, _GREY = (214, 106, 0), (213, 43, 62), (120, 82, 238), (128, 128, 128)

TYPES = {
    t.name: t
    for t in (
        CalloutType("note", "✎", _BLUE),
        CalloutType("abstract", "☰", _CYAN),
        CalloutType("info", "ℹ", _BLUE),
        CalloutType("todo", "☑", _BLUE),
        CalloutType("tip", "✦", _CYAN),
        CalloutType("success", "✔", _GREEN),
        CalloutType("question", "?", _ORANGE),
        CalloutType("warning", "⚠", _ORANGE),
        CalloutType("failure", "✘", _RED),
        CalloutType("danger", "⚡", _RED),
        CalloutType("bug", "⚙", _RED),
        CalloutType("example", "✱", _PURPLE),
        CalloutType("quote", "❝", _GREY),
    )
}
ALIASES = {
    "summary": "abstract",
    "tldr": "abstract",
    "hint": "tip",
    "important": "tip",
    "check": "success",
    "done": "success",
    "help": "question",
    "faq": "question",
    "caution": "warning",
    "attention": "warning",
    "fail": "failure",
    "missing": "failure",
    "error": "danger",
    "cite": "quote",
}


def callout_type(name: str) -> CalloutType:
    """The type a ``[!name]`` names; an unknown name looks like a note, as in Obsidian."""
    key = name.lower()
    return TYPES.get(ALIASES.get(key, key), TYPES["note"])


def _mix(rgb: tuple[int, int, int], base: tuple[int, int, int], amount: float) -> str:
    r, g, b = (round(c * amount + o * (1 - amount)) for c, o in zip(rgb, base, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def callout_css(dark: bool) -> str:
    """One rule set per type: a tinted box, a border and a title in the type's colour."""
    page = (13, 17, 23) if dark else (255, 255, 255)
    rules = [
        "table.callout { margin: 10px 0px; }",
        "table.callout td { border: none; padding: 6px 12px; }",
        "p.callout-title { font-weight: 600; margin-top: 2px; margin-bottom: 2px; }",
        "a.callout-fold { text-decoration: none; }",
        "ul.contains-task-list { list-style-type: none; }",
        f"span.highlight {{ background-color: {'#6b5a00' if dark else '#fff3a3'}; }}",
        f"pre.math, span.math {{ color: {'#d2a8ff' if dark else '#6f42c1'}; }}",
        f"p.notice {{ background-color: {'#2d2410' if dark else '#fff8e6'}; padding: 6px; }}",
        f"span.blocked {{ color: {'#e3b341' if dark else '#9a6700'}; }}",
        f"p.code-label {{ color: {'#8b949e' if dark else '#656d76'}; font-size: 12px; "
        "margin-bottom: 0px; }",
    ]
    for t in TYPES.values():
        tint = _mix(t.rgb, page, 0.18 if dark else 0.10)
        line = _mix(t.rgb, page, 0.75 if dark else 0.55)
        title = _mix(t.rgb, (255, 255, 255), 0.75) if dark else _mix(t.rgb, (0, 0, 0), 0.85)
        rules.append(
            f"table.callout-{t.name} {{ background-color: {tint}; border: 1px solid {line}; }}"
        )
        rules.append(f"p.callout-title-{t.name}, a.callout-title-{t.name} {{ color: {title}; }}")
    return "\n".join(rules) + "\n"
