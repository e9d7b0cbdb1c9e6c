"""Everything that reaches into whoosh's private names: its codec, writer, formats and files.

whoosh-reloaded is pinned below its next major version in pyproject.toml;
upgrading it means reading this package against the new one.

Importing this package first imports whoosh without three of its imports
that cost more than the rest of a command-line search: `urllib.request` (for
a download helper we never call), the `cached_property` package (which
imports asyncio, for one property that `functools.cached_property` serves)
and `whoosh.lang.morph_en` (its regular expressions take longer to compile
than a query takes to answer, for a query type we never make).
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(word: str) -> Any:
    from whoosh.lang.morph_en import variations  # the real module, compiled only now

    return variations(word)


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
    added = [name for name in stand_ins if name not in sys.modules]
    for name in added:
        sys.modules[name] = stand_ins[name]
    try:
        import whoosh.compat
        import whoosh.query
        import whoosh.reading  # noqa: F401
    finally:
        # only whoosh saw them: anyone importing these later gets the real modules
        for name in added:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]


_import_whoosh()
