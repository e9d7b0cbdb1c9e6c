"""The `syntopic` command: the desktop app, and subcommands for scripts."""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from syntopic import __version__
from syntopic.errors import UserError
from syntopic.paths import bundled_vault, is_frozen

# Feature modules add their own subcommands through `register(subparsers)`.
FEATURE_COMMANDS: tuple[str, ...] = (
    "syntopic.commands.books",
    "syntopic.commands.search",
    "syntopic.commands.export",
)
SUBCOMMANDS = (
    "stats",
    "check",
    "graph",
    "show",
    "new",
    "search",
    "perspectives",
    "books",
    "export",
)
VIEWS = ("note", "perspectives", "matrix", "graph")


def open_vault(path: str) -> Any:
    from syntopic.core.vault import Vault

    if not os.path.exists(path):
        raise UserError(f"no such folder: {path}")
    if not os.path.isdir(path):
        raise UserError(f"not a folder: {path} (give the vault's folder, not a file)")
    try:
        return Vault.open(path)
    except OSError as exc:
        raise UserError(f"cannot read vault {path}: {exc.strerror or exc}") from exc


def find_note(vault: Any, query: str) -> str:
    path = vault.find(query)
    if path is not None and path in vault.notes:
        return str(path)
    names = {n.title: p for p, n in vault.notes.items()}
    for p, n in vault.notes.items():
        names.setdefault(n.name, p)
        for alias in n.aliases:
            names.setdefault(alias, p)
    close = difflib.get_close_matches(query, list(names), n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise UserError(f"no note '{query}' in {vault.root}{hint}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- subcommands ----------------------------------------------------------------
def cmd_stats(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    vault = open_vault(args.vault)
    elapsed = time.perf_counter() - started
    g = vault.graph
    notes = vault.notes.values()
    tags = {t for n in notes for t in n.tags}
    kinds: dict[str, int] = {}
    for _, kind in g.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    link_count = sum(len(n.links) for n in notes)
    problems = sum(len(n.problems) for n in notes) + sum(
        len(p) for p in vault.scan_problems.values()
    )
    data = {
        "vault": vault.root,
        "notes": len(vault.notes),
        "books": kinds.get("book", 0),
        "unresolved_targets": kinds.get("ghost", 0),
        "links": link_count,
        "edges": g.number_of_edges(),
        "tags": len(tags),
        "orphans": len(vault.orphans()),
        "components": len(vault.components()),
        "attachments": len(vault.attachments),
        "file_problems": problems,
        "hubs": [
            {"path": p, "title": vault.notes[p].title, "linked_from": c}
            for p, c in vault.hubs(5)
            if c
        ],
        "load_seconds": round(elapsed, 3),
    }
    if args.json:
        print_json(data)
        return 0
    print(f"Vault        {data['vault']}")
    print(f"Notes        {data['notes']}  ({data['books']} books)")
    print(f"Links        {data['links']}  ({data['unresolved_targets']} unresolved targets)")
    print(f"Tags         {data['tags']}")
    print(f"Orphans      {data['orphans']}")
    print(f"Components   {data['components']}")
    print(f"Attachments  {data['attachments']}")
    print(f"Problems     {data['file_problems']}  (run `syntopic check` for details)")
    if data["hubs"]:
        hubs = ", ".join(f"{h['title']} ({h['linked_from']})" for h in data["hubs"])
        print(f"Hubs         {hubs}")
    print(f"Loaded in    {elapsed:.2f} s")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from syntopic.core.check import check, summary

    vault = open_vault(args.vault)
    findings = check(vault, obsidian=args.obsidian)
    if args.json:
        print_json(
            {
                "vault": vault.root,
                "findings": [f._asdict() for f in findings],
                "summary": summary(findings),
            }
        )
    else:
        for f in findings:
            print(f.format())
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        counts = ", ".join(f"{n} {k}" for k, n in summary(findings).items())
        tail = f" ({counts})" if counts else ""
        print(f"{len(vault.notes)} notes checked: {errors} errors, {warnings} warnings{tail}")
    return 1 if args.strict and findings else 0


def cmd_graph(args: argparse.Namespace) -> int:
    from syntopic.core import graphdata

    vault = open_vault(args.vault)
    if args.output:
        out = Path(args.output)
        if out.suffix.lower().lstrip(".") not in graphdata.FORMATS:
            raise UserError(f"unknown graph format '{out.suffix}' (use .json, .graphml or .gexf)")
        if not out.parent.is_dir():
            raise UserError(f"no such folder: {out.parent}")
        try:
            graphdata.write(vault.graph, out)
        except OSError as exc:
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
        g = vault.graph
        print(f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
        return 0
    if args.json:
        print_json(graphdata.to_json(vault.graph))
        return 0
    g = vault.graph
    for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        section = f"  [{attrs['section']}]" if attrs.get("section") else ""
        print(f"{g.nodes[u]['title']} -> {g.nodes[v]['title']}{section}")
    return 0


def _show_data(vault: Any, path: str) -> dict[str, Any]:
    note = vault.notes[path]
    outgoing = []
    for link, res in vault.outgoing(path):
        outgoing.append(
            {
                "target": link.target,
                "resolved": res.path,
                "heading": link.heading,
                "block": link.block,
                "embed": link.embed,
                "line": link.line,
                "section": link.section,
            }
        )
    return {
        "path": path,
        "title": note.title,
        "type": note.type,
        "kind": vault.graph.nodes[path]["kind"],
        "aliases": list(note.aliases),
        "tags": list(note.tags),
        "properties": note.properties,
        "summary": note.summary,
        "headings": [{"level": h.level, "text": h.text, "line": h.line} for h in note.headings],
        "links": outgoing,
        "backlinks": [
            {
                "source": b.source,
                "line": b.link.line,
                "section": b.link.section,
                "context": b.link.context,
            }
            for b in vault.backlinks(path)
        ],
        "problems": [p._asdict() for p in note.problems],
    }


def cmd_show(args: argparse.Namespace) -> int:
    vault = open_vault(args.vault)
    path = find_note(vault, args.note)
    data = _show_data(vault, path)
    if args.json:
        print_json(data)
        return 0
    print(f"{data['title']}  ({path}, {data['type'] or data['kind']})")
    if data["aliases"]:
        print(f"Aliases: {', '.join(data['aliases'])}")
    if data["tags"]:
        print(f"Tags: {', '.join('#' + t for t in data['tags'])}")
    if data["summary"]:
        print(f"\n{data['summary']}\n")
    if data["headings"]:
        print("Outline:")
        for h in data["headings"]:
            print(f"  {'  ' * (h['level'] - 1)}{h['text']}")
    print(f"Links out ({len(data['links'])}):")
    for link in data["links"]:
        where = link["resolved"] or "(unresolved)"
        print(f"  {link['target'] or '#'}  -> {where}  (line {link['line']})")
    print(f"Backlinks ({len(data['backlinks'])}):")
    for b in data["backlinks"]:
        print(f"  {b['source']}:{b['line']}  {b['context']}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from syntopic.core.newnote import create_note

    if not os.path.isdir(args.vault):
        raise UserError(f"no such folder: {args.vault}")
    try:
        path = create_note(args.vault, args.title, args.template, folder=args.folder)
    except (FileExistsError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"cannot write the note: {exc.strerror or exc}") from exc
    print(path)
    return 0


# -- argument parsing -----------------------------------------------------------
def _sub_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syntopic",
        description="Browse a vault of linked Markdown concept notes.",
    )
    parser.add_argument("--version", action="version", version=f"syntopic {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("stats", help="counts, hubs and load time of a vault")
    p.add_argument("vault")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_stats)
    p = sub.add_parser("check", help="broken links, bad front matter, unreadable files")
    p.add_argument("vault")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--strict", action="store_true", help="exit 1 when anything is found")
    p.add_argument(
        "--obsidian", action="store_true", help="judge links as Obsidian: aliases do not resolve"
    )
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("graph", help="print or write the link graph")
    p.add_argument("vault")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="node-link JSON on stdout")
    group.add_argument("-o", "--output", metavar="FILE", help="write .json, .graphml or .gexf")
    p.set_defaults(func=cmd_graph)
    p = sub.add_parser("show", help="one note: outline, links and backlinks")
    p.add_argument("vault")
    p.add_argument("note", help="title, alias, file name or path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("new", help="create a note from a template (the only command that writes)")
    p.add_argument("vault")
    p.add_argument("title")
    p.add_argument("--template", choices=("concept", "book"), default="concept")
    p.add_argument("--folder", default="", help="folder inside the vault")
    p.set_defaults(func=cmd_new)
    for name in FEATURE_COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syntopic",
        description="Open a vault in the desktop app (the bundled example by default). "
        f"Subcommands: {', '.join(SUBCOMMANDS)} (see `syntopic COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"syntopic {__version__}")
    parser.add_argument("vault", nargs="?", help="the vault folder")
    parser.add_argument("--open", metavar="NOTE", help="note to open (title, alias or path)")
    parser.add_argument("--view", choices=VIEWS, default="note", help="tab to show")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window and exit")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (open, parse, search, render, export) "
        "and exit 0 or 1",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if is_frozen():
        # in the standalone app, a worker process (spawn, forkserver) is this
        # executable started again: it runs its task here and exits
        multiprocessing.freeze_support()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            args = _sub_parser().parse_args(args_list)
            func: Callable[[argparse.Namespace], int] = args.func
            return func(args)
        args = _gui_parser().parse_args(args_list)
        if args.self_test:
            from syntopic.selftest import run_self_test

            return run_self_test(args.vault)
        from syntopic.ui.launch import run_gui

        # the standalone app opens the last vault (first run: a copy of the example)
        vault = args.vault or (None if is_frozen() else str(bundled_vault()))
        if vault is not None and not os.path.isdir(vault):
            raise UserError(f"no such folder: {vault}")
        return run_gui(vault, open_note=args.open, view=args.view, screenshot=args.screenshot)
    except UserError as exc:
        print(f"syntopic: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: nothing more to say
        sys.stderr.close()
        return 0
