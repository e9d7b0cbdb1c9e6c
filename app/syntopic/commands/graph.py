"""`syntopic graph VAULT`: the link graph as text, as JSON, or written to a file."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from syntopic.commands.common import Subparsers, open_vault, run_alone
from syntopic.commands.output import json_utf8, print_json_utf8
from syntopic.errors import UserError

if TYPE_CHECKING:
    from syntopic.core.stats_cache import StatsCache

_MAGIC = b"SYNTOPIC-GRAPH-JSON-1\n"
# what the kept output is made by besides the core (which `StatsCache` stamps)
_OWN_CODE = (Path(__file__), Path(__file__).with_name("output.py"))


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "graph",
        help="print or write the link graph",
        description="Print every link (source -> target), the graph as node-link JSON, "
        "or write it to a file as `syntopic export graph` does "
        "(an existing file is replaced only with --force).",
    )
    p.add_argument("vault")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--json", action="store_true", help="node-link JSON (D3, networkx) on stdout, one line"
    )
    group.add_argument("-o", "--output", metavar="FILE", help="write .json, .graphml or .gexf")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_graph)


def main(argv: Sequence[str]) -> int:
    """`syntopic graph ...` without the other subcommands' imports (cli's fast lane:
    the books and export modules were a third of a warm `graph --json`)."""
    return run_alone("graph", register, argv)


def cmd_graph(args: argparse.Namespace) -> int:
    if args.output:
        from syntopic.commands import export

        return export.cmd_graph(args)
    if args.force:
        raise UserError("--force goes with -o FILE")
    if args.json:
        _print_json(args.vault)
        return 0
    vault = open_vault(args.vault)
    g = vault.graph
    for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        section = f"  [{attrs['section']}]" if attrs.get("section") else ""
        print(f"{g.nodes[u]['title']} -> {g.nodes[v]['title']}{section}")
    return 0


def _print_json(path: str) -> None:
    """The graph as node-link JSON on one line (a machine reads it, and the C
    encoder is 3x the indenting one), kept for the next run as `stats` keeps
    its answer: a warm `graph --json` is a walk and one read, not a load."""
    kept = KeptJson.of(path)
    body = kept.load() if kept is not None else None
    if body is None:
        from syntopic.core import graphdata

        vault = open_vault(path, found=kept.walk.found if kept is not None else None)
        body = json_utf8(graphdata.to_json(vault.graph), compact=True)
        if kept is not None:
            kept.save_behind(body)
    print_json_utf8(body, compact=True)


class KeptJson:
    """The last `graph --json` output of a vault, valid for exactly the walk,
    parse cache and core code `stats` keys its kept answer by, and this
    command's own code."""

    def __init__(self, walk: StatsCache) -> None:
        self.walk = walk
        self.file = walk.file.with_name("graph-json.bin")

    @classmethod
    def of(cls, path: str) -> KeptJson | None:
        """The vault's walk and kept output; None where the full open explains what is wrong."""
        if not os.path.isdir(path):
            return None
        from syntopic.core.stats_cache import StatsCache  # no graph stack for a kept answer

        try:
            return cls(StatsCache(path))
        except OSError:
            return None

    def _stamp(self) -> bytes:
        own = []
        for file in _OWN_CODE:
            with contextlib.suppress(OSError):
                st = file.stat()
                own.append((file.name, st.st_size, st.st_mtime_ns))
        return self.walk.stamp() + repr(own).encode("ascii")

    def load(self) -> bytes | None:
        """The kept output when it was made for this walk; None otherwise."""
        from syntopic.core.cache import CacheFault, read_blob, wait_saved

        wait_saved(self.file)
        try:
            body = read_blob(self.file, _MAGIC, self._stamp())
        except CacheFault:
            return None  # made again and rewritten: nothing lost worth a message
        return None if body is None else bytes(body)

    def save_behind(self, body: bytes) -> None:
        """Keep ``body`` once the parse cache's own save (part of the key) is done."""
        from syntopic.core.cache import pending_save, save_behind, write_blob

        parse_save = pending_save(self.walk.parse_file)

        def write() -> None:
            if parse_save is not None:
                parse_save.join()
            with contextlib.suppress(OSError):  # a read-only or full cache dir costs speed only
                write_blob(self.file, _MAGIC, self._stamp(), [body])

        save_behind(self.file, write)
