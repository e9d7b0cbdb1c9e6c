"""`syntopic graph VAULT`: the link graph as text, as JSON, or written to a file."""

from __future__ import annotations

import argparse

from syntopic.commands.common import Subparsers, open_vault, print_json
from syntopic.errors import UserError


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


def cmd_graph(args: argparse.Namespace) -> int:
    if args.output:
        from syntopic.commands import export

        return export.cmd_graph(args)
    if args.force:
        raise UserError("--force goes with -o FILE")
    vault = open_vault(args.vault)
    if args.json:
        from syntopic.core import graphdata

        # one line: a machine reads it, and the C encoder is 3x the indenting one
        print_json(graphdata.to_json(vault.graph), compact=True)
        return 0
    g = vault.graph
    for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        section = f"  [{attrs['section']}]" if attrs.get("section") else ""
        print(f"{g.nodes[u]['title']} -> {g.nodes[v]['title']}{section}")
    return 0
