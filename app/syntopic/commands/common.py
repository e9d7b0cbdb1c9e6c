"""What every subcommand shares: opening a vault, finding a note, printing JSON."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TypeAlias

# JSON output lives in output (`syntopic search` imports no argparse); named here too
from syntopic.commands.output import json_text as json_text
from syntopic.commands.output import print_json as print_json
from syntopic.errors import UserError
from syntopic.exit import keep_until_exit

if TYPE_CHECKING:
    from syntopic.core.load import Opening
    from syntopic.core.scan import ScanResult
    from syntopic.core.vault import Vault

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line (a UserError), not a usage block and exit."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see `{self.prog} --help`)")


def run_alone(name: str, register: Callable[[Subparsers], None], argv: Sequence[str]) -> int:
    """Run subcommand ``name`` without importing the others (cli's fast lane for the
    commands that answer from a kept result in a tenth of a second)."""
    parser: argparse.ArgumentParser = Parser(prog="syntopic")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args([name, *argv])
    result: int = args.func(args)
    return result


def open_vault(
    path: str, *, found: ScanResult | None = None, opening: Opening | None = None
) -> Vault:
    """The vault at ``path``, or a UserError that says why not (``found``: its walk, if
    made; ``opening``: the walk and parse begun already)."""
    # imported here: `--help` and the GUI start should not pay for the graph stack
    from syntopic.core.vault import Vault

    if not os.path.exists(path):
        raise UserError(f"no such folder: {path}")
    if not os.path.isdir(path):
        raise UserError(f"not a folder: {path} (give the vault's folder, not a file)")
    try:
        vault = Vault.open(path, found=found, opening=opening)
    except OSError as exc:
        raise UserError(f"cannot read vault {path}: {exc.strerror or exc}") from exc
    if vault.cache_message:  # said once: this run rebuilds the cache
        print(f"syntopic: {vault.cache_message}", file=sys.stderr)
    keep_until_exit(vault)  # not freed note by note when the command returns
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
