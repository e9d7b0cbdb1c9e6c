"""The front matter nearly every note has, read without PyYAML, to the same values.

Handles ``key: value`` lines, flow lists of scalars (``[a, b]``), block lists of
scalars (``- a``, indented or not, empty items too), quoted strings without
escapes, and full-line comments. Scalars resolve as frontmatter's PyYAML loader
resolves them (booleans as YAML 1.2 has them, so ``yes`` is a word; ``~`` is
null; ``2024-01-05`` a date kept as its ISO string). Anything else returns None,
and PyYAML reads it; a differential test holds the two to the same answers.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

_KEY = re.compile(r"[A-Za-z_][\w-]*$")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+$")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# YAML 1.2 booleans, as frontmatter's loader reads them (yes/no/on/off are words)
_BOOL = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NULL = {"~", "null", "Null", "NULL"}
# characters PyYAML reads as line breaks or refuses, and tabs (which YAML treats
# differently by position): a source with any of them goes to PyYAML
_UNUSUAL = re.compile(
    "[\t\r\x85\u2028\u2029\ufeff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# a plain scalar may start with these; other ASCII marks are YAML indicators or
# start a number, a float like .5, a merge key or a value key, and go to PyYAML
_PLAIN_FIRST = frozenset("$(/_")

_NO = (False, None)


def _plain(text: str, in_flow: bool) -> tuple[bool, Any]:
    """An unquoted scalar: (True, value) when sure, else (False, None)."""
    first = text[0]
    if first.isdigit() or first == "-":
        if _INT.match(text):
            return True, int(text)
        if _FLOAT.match(text):
            return True, float(text)
        if _DATE.match(text):
            try:
                return True, _dt.date.fromisoformat(text).isoformat()
            except ValueError:
                return _NO  # PyYAML's message for a date that is not one
        return _NO
    if not (first.isalpha() or first in _PLAIN_FIRST or ord(first) > 127):
        return _NO
    if ": " in text or " #" in text or text.endswith(":"):
        return _NO
    if in_flow and any(c in text for c in ",[]{}:#"):
        return _NO
    if text in _BOOL:
        return True, _BOOL[text]
    if text in _NULL:
        return True, None
    return True, text


def _scalar(text: str, in_flow: bool = False) -> tuple[bool, Any]:
    """A value the fast path is sure about, as (True, value); else (False, None)."""
    if not text:
        return _NO
    quote = text[0]
    if quote in "\"'":
        if len(text) < 2 or text[-1] != quote:
            return _NO
        inner = text[1:-1]
        if quote in inner or "\\" in inner:
            return _NO
        return True, inner
    return _plain(text, in_flow)


def _flow_list(text: str) -> tuple[bool, Any]:
    if not text.endswith("]") or "[" in text[1:] or "]" in text[:-1] or "{" in text:
        return _NO
    inner = text[1:-1].strip()
    if not inner:
        return True, []
    items = []
    for part in inner.split(","):
        ok, value = _scalar(part.strip(), in_flow=True)
        if not ok:
            return _NO
        items.append(value)
    return True, items


def load(source: str) -> dict[str, Any] | None:
    """The mapping ``source`` holds, or None when it is not one of the common shapes."""
    if _UNUSUAL.search(source):
        return None
    data: dict[str, Any] = {}
    opened: list[str] = []  # keys written with nothing after the colon
    pending: list[Any] | None = None  # the items of a key waiting for its `- item` lines
    item_indent = -1
    for line in source.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        head = stripped[0]
        if head == "#":
            continue  # a comment on a line of its own
        if head == "-" and (len(stripped) == 1 or stripped[1] == " "):
            if pending is None:
                return None
            indent = len(line) - len(line.lstrip(" "))
            if item_indent < 0:
                item_indent = indent
            elif indent != item_indent:
                return None
            if len(stripped) == 1:
                pending.append(None)  # `- ` with nothing after it: a null item
                continue
            ok, value = _scalar(stripped[2:].strip())
            if not ok:
                return None
            pending.append(value)
            continue
        if line[0] == " ":
            return None  # a nested mapping, or a value continued on the next line
        key, sep, rest = line.partition(":")
        if not sep or key in data or key in _BOOL or key in _NULL or not _KEY.match(key):
            return None
        if rest and rest[0] != " ":
            return None  # `key:value` is one plain scalar to YAML, not a pair
        rest = rest.strip()
        if not rest:
            data[key] = pending = []
            opened.append(key)
            item_indent = -1
            continue
        pending = None
        ok, value = _flow_list(rest) if rest[0] == "[" else _scalar(rest)
        if not ok:
            return None
        data[key] = value
    for key in opened:
        if not data[key]:
            data[key] = None  # a key with no items under it is null in YAML
    return data
