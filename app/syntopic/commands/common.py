"""What every subcommand shares: opening a vault, finding a note, printing JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from syntopic.errors import UserError

if TYPE_CHECKING:
    from syntopic.core.vault import Vault

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line (a UserError), not a usage block and exit."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see `{self.prog} --help`)")


def open_vault(path: str) -> Vault:
    """The vault at ``path``, or a UserError that says why not."""
    # imported here: `--help` and the GUI start should not pay for the graph stack
    from syntopic.core.vault import Vault

    if not os.path.exists(path):
        raise UserError(f"no such folder: {path}")
    if not os.path.isdir(path):
        raise UserError(f"not a folder: {path} (give the vault's folder, not a file)")
    try:
        return Vault.open(path)
    except OSError as exc:
        raise UserError(f"cannot read vault {path}: {exc.strerror or exc}") from exc


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


def json_text(data: Any, *, compact: bool = False, ascii_only: bool = False) -> str:
    """``data`` as JSON text ending in a newline: indented, or on one line."""
    # indent makes json use its pure-Python encoder, about 3x slower than the C one
    indent = None if compact else 2
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent) + "\n"


def print_json(data: Any, *, compact: bool = False) -> None:
    """Write ``data`` as JSON to stdout in one write (``compact``: on one line).

    json.dump to a text stream makes one write per token, each a system call
    when stdout is unbuffered (PYTHONUNBUFFERED, python -u): 0.9 s of system
    time for a 6,500-note graph. The text is built first and written once.
    """
    text = json_text(data, compact=compact)
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if raw is None:  # a replaced stdout without bytes underneath (an IDE, StringIO)
        stream.write(text)
        stream.flush()
        return
    try:
        encoded = text.encode(stream.encoding or "utf-8")
    except UnicodeEncodeError:  # a C-locale terminal: escapes lose nothing
        encoded = json_text(data, compact=compact, ascii_only=True).encode("ascii")
    stream.flush()  # anything printed before goes first
    raw.write(encoded)
    raw.flush()
