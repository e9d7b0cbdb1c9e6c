"""The front-matter fields Syntopic reads, brought to the shapes it reads them in."""

from __future__ import annotations

from typing import Any

# field -> "text" (one string) or "list" (a string or a list of strings)
SHAPES = {
    "title": "text",
    "type": "text",
    "year": "year",
    "author": "list",
    "authors": "list",
    "tags": "list",
    "tag": "list",
    "aliases": "list",
    "alias": "list",
}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a yes/no value"
    return "a value"


def _scalars(value: list[Any], found: set[str]) -> list[Any]:
    """The strings and numbers in ``value``, nested lists flattened; notes what was odd."""
    out: list[Any] = []
    for item in value:
        if isinstance(item, list):
            found.add("a list inside the list (an unquoted [[link]]?)")
            out.extend(_scalars(item, found))
        elif isinstance(item, dict):
            found.add("a mapping in the list, left out")
        elif isinstance(item, bool):
            found.add("a yes/no value in the list, left out")
        elif item is not None:
            out.append(item if isinstance(item, str) else str(item))
    return out


def _text(key: str, value: Any, wrong: list[str]) -> Any:
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) and "[[" in v for v in value):
        # an Obsidian property of links (type: ["[[Parks]]", "[[Shrines]]"]) or an empty
        # one, as vaults made in Obsidian use it: kept whole for its links, not our text
        return value
    if isinstance(value, list):
        items = _scalars(value, set())
        if items:
            wrong.append(f"'{key}' is a list, not one value; used its first item")
            return items[0]
    wrong.append(f"'{key}' is {_kind(value)}, not text; left out")
    return None


def _list(key: str, value: Any, wrong: list[str]) -> Any:
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, list):
        for v in value:
            if type(v) is not str:
                break
        else:
            return value  # the usual case, kept as it is
        found: set[str] = set()
        items = _scalars(value, found)
        if found:
            wrong.append(f"'{key}' has " + " and ".join(sorted(found)))
        return items
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    wrong.append(f"'{key}' is {_kind(value)}, not text or a list; left out")
    return None


def _year(key: str, value: Any, wrong: list[str]) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _text(key, value, wrong)


_NORMALISE = {"text": _text, "list": _list, "year": _year}
_BY_FIELD = {key: _NORMALISE[shape] for key, shape in SHAPES.items()}


def normalise(props: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``props`` with the known fields in shape, and a phrase for each that was not.

    Wrong shapes are mended where the intent is plain (``tags: [[b]]`` is the tag
    ``b``) and left out where it is not, so no field is ever shown as a Python
    repr such as ``['b']``.
    """
    wrong: list[str] = []
    out = props
    for key in [key for key in _BY_FIELD if key in props]:  # skips the absent ones cheaply
        value = props[key]
        fixed = _BY_FIELD[key](key, value, wrong)
        if fixed is not value:
            if out is props:
                out = dict(props)
            if fixed is None and value is not None:
                del out[key]
            else:
                out[key] = fixed
    return out, wrong
