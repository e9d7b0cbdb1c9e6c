"""Everything that reaches into whoosh's private names: its codec, writer, formats and files.

whoosh-reloaded is pinned below its next major version in pyproject.toml;
upgrading it means reading this package against the new one.

Importing this package first imports whoosh without imports that cost a
command-line search more than they serve it: `urllib.request` (for a
download helper we never call), the `cached_property` package (which
imports asyncio, for one property that `functools.cached_property` serves),
`whoosh.lang.morph_en` (its regular expressions take longer to compile than
a query takes to answer, for a query type we never make), `calendar` (with
`locale`, for date fields we do not have: loaded when first used) and
`hashlib`, whose OpenSSL start costs more than the MD5 whoosh hashes terms
with (CPython's own `_md5` gives the same digests).
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(word: str) -> Any:
    from whoosh.lang.morph_en import variations  # the real module, compiled only now

    return variations(word)


def _lazy(name: str) -> types.ModuleType:
    """A stand-in that imports the real module when an attribute is first read."""
    stand_in = types.ModuleType(name)

    def real(attr: str) -> Any:
        # what tools ask of any module (PySide6's import hook asks __wrapped__)
        # is not there, nor anything while whoosh's import still sees the stand-in
        if attr.startswith("__") or sys.modules.get(name) is stand_in:
            raise AttributeError(attr)
        return getattr(importlib.import_module(name), attr)

    stand_in.__getattr__ = real  # type: ignore[method-assign]
    return stand_in


def _md5_only() -> types.ModuleType | None:
    try:
        md5 = importlib.import_module("_md5").md5
    except (ImportError, AttributeError):  # a Python without it: whoosh gets hashlib
        return None
    stand_in = types.ModuleType("hashlib")
    stand_in.md5 = md5  # type: ignore[attr-defined]
    return stand_in


def _import_whoosh() -> None:
    if "whoosh.reading" in sys.modules:
        return
    stand_ins = {
        "urllib.request": types.ModuleType("urllib.request"),
        "cached_property": types.ModuleType("cached_property"),
        "whoosh.lang.morph_en": types.ModuleType("whoosh.lang.morph_en"),
    }
    stand_ins["urllib.request"].urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    stand_ins["cached_property"].cached_property = functools.cached_property  # type: ignore[attr-defined]
    stand_ins["whoosh.lang.morph_en"].variations = _variations  # type: ignore[attr-defined]
    stand_ins["calendar"] = _lazy("calendar")
    md5_only = _md5_only()
    if md5_only is not None:
        stand_ins["hashlib"] = md5_only
    added = [name for name in stand_ins if name not in sys.modules]
    for name in added:
        sys.modules[name] = stand_ins[name]
    try:
        import whoosh.compat
        import whoosh.filedb.filetables
        import whoosh.query
        import whoosh.reading
        import whoosh.util.times  # noqa: F401
    finally:
        # only whoosh saw them: anyone importing these later gets the real modules
        for name in added:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]


_import_whoosh()
