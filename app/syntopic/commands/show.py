"""`syntopic show VAULT NOTE`: one note's outline, links and backlinks."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from syntopic.commands.common import Subparsers, find_note, open_vault, print_json

if TYPE_CHECKING:
    from syntopic.core.vault import Vault


def register(sub: Subparsers) -> None:
    p = sub.add_parser("show", help="one note: outline, links and backlinks")
    p.add_argument("vault")
    p.add_argument("note", help="title, alias, file name or path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_show)


def show_data(vault: Vault, path: str) -> dict[str, Any]:
    """The `syntopic show --json` shape of the note at ``path``."""
    note = vault.notes[path]
    outgoing = [
        {
            "target": link.target,
            "resolved": res.path,
            "heading": link.heading,
            "block": link.block,
            "embed": link.embed,
            "line": link.line,
            "section": link.section,
        }
        for link, res in vault.outgoing(path)
    ]
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
    data = show_data(vault, path)
    if args.json:
        print_json(data)
        return 0
    print(f"{data['title']}  ({path}, {vault.graph.nodes[path]['type']})")  # note, concept, ...
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
