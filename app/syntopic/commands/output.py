"""Printing JSON to stdout: built first, written once."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from typing import Any

BATCH = 1000  # items of a long top-level list encoded per json.dumps call


def json_text(data: Any, *, compact: bool = False, ascii_only: bool = False) -> str:
    """``data`` as JSON text ending in a newline: indented, or on one line."""
    return "".join(_json_parts(data, compact, ascii_only))


def _json_parts(data: Any, compact: bool, ascii_only: bool) -> Iterator[str]:
    """The text of json.dumps(data), in parts, ending in a newline.

    Indenting makes json use its pure-Python encoder, three times slower than
    the C one, so big output (the graph) is compact. Its long top-level lists
    go a batch at a time: one json.dumps of 30,000 links keeps 900,000 small
    strings alive at once and faults in 100 MB, a third of the run's system time.
    """
    if not compact:
        yield json.dumps(data, ensure_ascii=ascii_only, indent=2)
    elif isinstance(data, dict):
        yield "{"
        for i, (key, value) in enumerate(data.items()):
            yield (", " if i else "") + json.dumps(key, ensure_ascii=ascii_only) + ": "
            if isinstance(value, list) and len(value) > BATCH:
                yield "["
                for start in range(0, len(value), BATCH):
                    batch = json.dumps(value[start : start + BATCH], ensure_ascii=ascii_only)
                    yield (", " if start else "") + batch[1:-1]
                yield "]"
            else:
                yield json.dumps(value, ensure_ascii=ascii_only)
        yield "}"
    else:
        yield json.dumps(data, ensure_ascii=ascii_only)
    yield "\n"


def print_json(data: Any, *, compact: bool = False) -> None:
    """Write ``data`` as JSON to stdout in one write (``compact``: on one line).

    json.dump to a text stream makes one write per token, each a system call
    when stdout is unbuffered (PYTHONUNBUFFERED, python -u): 0.9 s of system
    time for a 6,500-note graph. The text is built first and written once.
    """
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if raw is None:  # a replaced stdout without bytes underneath (an IDE, StringIO)
        stream.write(json_text(data, compact=compact))
        stream.flush()
        return
    encoding = stream.encoding or "utf-8"
    try:
        encoded = b"".join(part.encode(encoding) for part in _json_parts(data, compact, False))
    except UnicodeEncodeError:  # a C-locale terminal: escapes lose nothing
        encoded = json_text(data, compact=compact, ascii_only=True).encode("ascii")
    stream.flush()  # anything printed before goes first
    raw.write(encoded)
    raw.flush()


def json_utf8(data: Any, *, compact: bool = False) -> bytes:
    """``data`` as `print_json` writes it to a UTF-8 stdout."""
    return b"".join(part.encode("utf-8") for part in _json_parts(data, compact, False))


def print_json_utf8(body: bytes, *, compact: bool = False) -> None:
    """Write JSON already encoded by `json_utf8` (a kept answer) as `print_json`
    would: as it is to a UTF-8 stdout, else decoded and printed anew."""
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if raw is None or codecs.lookup(stream.encoding or "utf-8").name != "utf-8":
        print_json(json.loads(body), compact=compact)
        return
    stream.flush()
    raw.write(body)
    raw.flush()
