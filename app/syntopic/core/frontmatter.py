"""YAML front matter: split it off the body and load it safely."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

from syntopic.core import fields, yamlfast
from syntopic.core.model import Problem

# the C loader is several times faster; fall back where libyaml is missing
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _flow_text(node: yaml.Node) -> str:
    """A collection used as a key, written back as flow text: ``{{date}}`` keeps ``{date}``."""
    if isinstance(node, yaml.MappingNode):
        pairs = (_flow_text(k) + (f": {_flow_text(v)}" if v.value else "") for k, v in node.value)
        return "{" + ", ".join(pairs) + "}"
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(_flow_text(v) for v in node.value) + "]"
    return str(node.value)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loading that accepts a collection as a key, as YAML (and Obsidian) do.

    Templates write ``created: {{date}}``: a mapping keyed by a mapping, valid
    YAML that Python's dicts cannot hold, so such a key becomes its text.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        node.value = [
            (k if isinstance(k, yaml.ScalarNode) else yaml.ScalarNode(_STR, _flow_text(k)), v)
            for k, v in node.value
        ]
        return super().construct_mapping(node, deep)


_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
# YAML 1.2, as Obsidian reads it: only true and false are booleans, so `aliases: [Yes]`
# is the alias "Yes" and `publish: yes` the word (PyYAML follows YAML 1.1 here)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


# a closing line, found from the newline before it: `---` or `...` and blanks to the
# line's end (what `line.rstrip()` leaves as the mark), the newline ending it included
_CLOSING = re.compile(r"\n(?:---|\.\.\.)[^\S\n]*(?:\n|\Z)")


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
    close = _CLOSING.search(text, first_end)
    if close is None:
        return None, 0, 0
    at = close.start() + 1  # where the closing line starts
    return text[first_end + 1 : at], close.end(), text.count("\n", 0, at) + 1


# Part of the parse cache's stamp: bump when the same front matter reads differently.
VERSION = 1  # 1: bounded, known fields in shape

# Bounds on what a front matter may make: YAML aliases let a few lines stand for
# billions of values ("billion laughs") or for a list that contains itself.
MAX_SOURCE = 256 * 1024  # characters of YAML
MAX_DEPTH = 20  # lists and mappings inside each other
MAX_VALUES = 10_000  # values once aliases are expanded
MAX_REUSE = 100  # lists and mappings reached again through an alias


class Unbounded(ValueError):
    """The front matter goes past one of the bounds; the message says which."""


class _Plainer:
    """Copies YAML values into JSON-safe ones, counting what the copy costs."""

    def __init__(self) -> None:
        self.values = 0
        self.reused = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()  # containers on the way down to the current value

    def plain(self, value: Any, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise Unbounded(f"more than {MAX_VALUES:,} values once aliases are expanded")
        if isinstance(value, dict | list | tuple | set):
            if depth >= MAX_DEPTH:
                raise Unbounded(f"nested deeper than {MAX_DEPTH} levels")
            key = id(value)
            if key in self.open:
                raise Unbounded("an alias refers to the list or mapping it is in")
            if key in self.seen:
                self.reused += 1
                if self.reused > MAX_REUSE:
                    raise Unbounded(f"more than {MAX_REUSE} aliases to lists or mappings")
            self.seen.add(key)
            self.open.add(key)
            try:
                if isinstance(value, dict):
                    return {str(k): self.plain(v, depth + 1) for k, v in value.items()}
                return [self.plain(v, depth + 1) for v in value]
            finally:
                self.open.discard(key)
        if isinstance(value, _dt.date | _dt.datetime | _dt.time):
            return value.isoformat()
        if value is None or isinstance(value, str | int | float | bool):
            return value
        return str(value)


def _plain(value: Any) -> Any:
    """Make YAML values JSON-safe (dates become ISO strings, keys strings), within bounds.

    Raises `Unbounded`.
    """
    return _Plainer().plain(value, 0)


def load(source: str) -> tuple[dict[str, Any], Problem | None]:
    """Parse front matter; a malformed or unbounded block yields ({}, the problem).

    Known fields (title, tags, ...) come back in the shapes the app reads; a field
    of the wrong shape is mended where it can be and reported in the problem.
    """
    if not source.strip():
        return {}, None
    if len(source) > MAX_SOURCE:
        kb = len(source) // 1024
        return {}, Problem("yaml", f"front matter not read: {kb} KB is over the 256 KB limit", 1)
    data = yamlfast.load(source)
    if data is None:
        data, problem = _yaml_load(source)
        if problem is not None:
            return {}, problem
    fixed, wrong = fields.normalise(data)
    if wrong:
        return fixed, Problem("property", "front matter: " + "; ".join(wrong), 1)
    return fixed, None


def _yaml_load(source: str) -> tuple[dict[str, Any], Problem | None]:
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening ---
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, Problem("yaml", f"malformed front matter: {reason}", line)
    except (ValueError, TypeError, OverflowError) as exc:  # `date: 2024-13-45`
        return {}, Problem("yaml", f"malformed front matter: {exc}", 1)
    except RecursionError:  # the pure-Python loader, where libyaml is missing
        return {}, Problem("yaml", "front matter not read: nested too deeply", 1)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        kind = type(data).__name__
        return {}, Problem("yaml", f"front matter is a {kind}, not a mapping of keys", 1)
    try:
        plain = _plain(data)
    except Unbounded as exc:
        return {}, Problem("yaml", f"front matter not read: {exc}", 1)
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
