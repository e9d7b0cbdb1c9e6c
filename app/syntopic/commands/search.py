"""`syntopic search VAULT QUERY`: ranked notes with highlighted snippets."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol

from syntopic.commands.output import print_json
from syntopic.errors import UserError

if TYPE_CHECKING:
    import argparse

    from syntopic.search.results import SearchResult

BOLD, PLAIN = "\x1b[1m", "\x1b[0m"
SYNTAX = (
    'words (all must match), "a phrase", a OR b, NOT word or -word, prefix*, fuzzy~, '
    "and filters tag:, book:, author:, path:, type:, section:, title:"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search: ranked notes with snippets",
        description=f"Search the notes of a vault. Query syntax: {SYNTAX}.",
    )
    p.add_argument("vault")
    p.add_argument("query", help="what to look for (quote it in the shell)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="hits to show (10)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_search)


class Args(Protocol):
    vault: str
    query: str
    limit: int
    json: bool


def main(argv: Sequence[str]) -> int:
    """`syntopic search ...` without the other subcommands' imports (cli's fast lane)."""
    args = plain_args(argv)
    if args is None:  # help, an error, or a form only argparse reads
        import argparse

        parser = argparse.ArgumentParser(prog="syntopic")
        register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
        return cmd_search(parser.parse_args(["search", *argv]))
    return cmd_search(args)


def plain_args(argv: Sequence[str]) -> Args | None:
    """VAULT QUERY with --json and --limit N, read without argparse (whose import
    and parser are a tenth of a quick search); None for anything else, which
    argparse then reads (or explains)."""
    words: list[str] = []
    values: dict[str, Any] = {"json": False, "limit": 10}
    rest = iter(argv)
    for arg in rest:
        if arg == "--json":
            values["json"] = True
        elif arg == "--limit" or arg.startswith("--limit="):
            number = arg.partition("=")[2] if "=" in arg else next(rest, None)
            try:
                values["limit"] = int(number or "")
            except ValueError:
                return None
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    if len(words) != 2:
        return None
    found: Args = SimpleNamespace(vault=words[0], query=words[1], **values)
    return found


def cmd_search(args: Args) -> int:
    if args.limit < 1:
        raise UserError(f"--limit must be at least 1, not {args.limit}")
    result = None
    if os.path.isdir(args.vault):
        from syntopic.core.cachedir import search_index_dir
        from syntopic.core.freshness import FreshnessCheck

        # the walk that tells whether the index is current starts before the
        # search package (and whoosh) is imported, to run alongside it
        check = FreshnessCheck(args.vault, search_index_dir(os.path.abspath(args.vault)))
        from syntopic.search.quick import search_current

        # the index is current: no parse, no graph (and no networkx import)
        result = search_current(args.vault, args.query, args.limit, check)
    if result is None:
        result = _search_vault(args)
    if args.json:
        print_json(result.to_json())
        return 0
    _print_text(result, sys.stdout.isatty())
    return 0


def _search_vault(args: Args) -> SearchResult:
    """Open the vault, bring its index up to date (or make it), then search."""
    from syntopic.commands.common import open_vault
    from syntopic.core.cache import wait_saved
    from syntopic.search.index import SearchIndex

    vault = open_vault(args.vault)
    # the process waits for the parse cache's save before it exits anyway; waiting
    # now leaves no other thread, so the index build forks its workers (no
    # forkserver, no fresh interpreters importing whoosh)
    wait_saved()
    with SearchIndex(vault) as index:
        index.build()
        result = index.search(args.query, limit=args.limit, snippets=args.limit)
        if index.needs_build:  # damage found while searching: rebuilt, asked again
            index.build()
            result = index.search(args.query, limit=args.limit, snippets=args.limit)
        for message in index.take_messages():
            print(f"syntopic: {message}", file=sys.stderr)
    return result


def _print_text(result: Any, tty: bool) -> None:
    before, after = (BOLD, PLAIN) if tty else ("«", "»")
    if result.notice:
        print(result.notice)
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}")
    if not result.hits:
        print(f"No notes match {result.query!r}.")
        return
    shown = len(result.hits)
    more = f" (showing {shown})" if result.total > shown else ""
    notes = "1 note matches" if result.total == 1 else f"{result.total} notes match"
    print(f"{notes}{more}.\n")
    for rank, hit in enumerate(result.hits, 1):
        title = f"{before}{hit.title}{after}" if tty else hit.title
        print(f"{rank:>2}. {title}  {hit.path}  (score {hit.score:.2f})")
        for snippet in hit.snippets:
            print(f"    {snippet.marked(before, after)}")
        print()
