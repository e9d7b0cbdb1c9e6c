"""YAML front matter: split it off the body and load it safely."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import yaml

from syntopic.core.model import Problem

# the C loader is several times faster; fall back where libyaml is missing
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split(text: str) -> tuple[str | None, int, int]:
    """Return (yaml source or None, body offset, number of lines it spans).

    Front matter is a block fenced by ``---`` on the very first line and a
    closing ``---`` or ``...`` line; anything else is body.
    """
    if not text.startswith("---"):
        return None, 0, 0
    first_end = text.find("\n")
    if first_end < 0 or text[3:first_end].strip():
        return None, 0, 0
    pos = first_end + 1
    lines = 1
    while pos <= len(text):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        lines += 1
        if line.rstrip() in ("---", "..."):
            body = len(text) if end < 0 else end + 1
            return text[first_end + 1 : pos], body, lines
        if end < 0:
            break
        pos = end + 1
    return None, 0, 0


def _plain(value: Any) -> Any:
    """Make YAML values JSON-safe: dates become ISO strings, keys strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, _dt.date | _dt.datetime | _dt.time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def load(source: str) -> tuple[dict[str, Any], Problem | None]:
    """Parse front matter; a malformed block yields ({}, the problem)."""
    if not source.strip():
        return {}, None
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening ---
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, Problem("yaml", f"malformed front matter: {reason}", line)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        kind = type(data).__name__
        return {}, Problem("yaml", f"front matter is a {kind}, not a mapping of keys", 1)
    plain = _plain(data)
    assert isinstance(plain, dict)
    return plain, None


def string_list(value: Any) -> list[str]:
    """Read a list-or-string property (aliases, tags) as a list of strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def tag_list(value: Any) -> list[str]:
    """Front-matter tags: a list, or a string separated by commas or spaces."""
    raw: list[str] = []
    for item in string_list(value):
        raw.extend(p for p in item.replace(",", " ").split() if p)
    return [t.lstrip("#").lower() for t in raw if t.lstrip("#")]
