"""What every subcommand shares: opening a vault, finding a note, printing JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from syntopic.errors import UserError

if TYPE_CHECKING:
    from syntopic.core.scan import ScanResult
    from syntopic.core.vault import Vault

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line (a UserError), not a usage block and exit."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see `{self.prog} --help`)")


def open_vault(path: str, *, found: ScanResult | None = None) -> Vault:
    """The vault at ``path``, or a UserError that says why not (``found``: its walk, if made)."""
    # imported here: `--help` and the GUI start should not pay for the graph stack
    from syntopic.core.vault import Vault

    if not os.path.exists(path):
        raise UserError(f"no such folder: {path}")
    if not os.path.isdir(path):
        raise UserError(f"not a folder: {path} (give the vault's folder, not a file)")
    try:
        vault = Vault.open(path, found=found)
    except OSError as exc:
        raise UserError(f"cannot read vault {path}: {exc.strerror or exc}") from exc
    if vault.cache_message:  # said once: this run rebuilds the cache
        print(f"syntopic: {vault.cache_message}", file=sys.stderr)
    return vault


def find_note(vault: Vault, query: str) -> str:
    """The path of the note ``query`` names (path, title, file name or alias)."""
    path = vault.find(query)
    if path is not None and path in vault.notes:
        return path
    import difflib  # only for the hint: no need to load it on every run

    names = {n.title: p for p, n in vault.notes.items()}
    for p, n in vault.notes.items():
        names.setdefault(n.name, p)
        for alias in n.aliases:
            names.setdefault(alias, p)
    close = difflib.get_close_matches(query, list(names), n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise UserError(f"no note '{query}' in {vault.root}{hint}")


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
