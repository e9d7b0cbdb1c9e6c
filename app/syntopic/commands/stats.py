"""`syntopic stats VAULT`: counts, hubs and load time of a vault."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from syntopic.commands.common import Subparsers, open_vault, print_json, run_alone

if TYPE_CHECKING:
    from syntopic.core.load import Opening
    from syntopic.core.stats_cache import StatsCache
    from syntopic.core.vault import Vault


def register(sub: Subparsers) -> None:
    p = sub.add_parser("stats", help="counts, hubs and load time of a vault")
    p.add_argument("vault")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_stats)


def main(argv: Sequence[str]) -> int:
    """`syntopic stats ...` without the other subcommands' imports (cli's fast lane)."""
    return run_alone("stats", register, argv)


def cmd_stats(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    kept = _kept(args.vault)
    data = kept.load() if kept is not None else None
    if data is None:
        vault = open_vault(args.vault, opening=_begin(kept) if kept is not None else None)
        data = summarise(vault)
        if kept is not None:
            kept.save_behind(data)
    elapsed = time.perf_counter() - started
    data["load_seconds"] = round(elapsed, 3)
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


def _kept(path: str) -> StatsCache | None:
    """The vault's walk and kept answer; None where the full open explains what is wrong."""
    if not os.path.isdir(path):
        return None
    from syntopic.core.stats_cache import StatsCache  # no graph stack for a kept answer

    try:
        return StatsCache(path)
    except OSError:
        return None


def _begin(kept: StatsCache) -> Opening | None:
    """The parse under way on every core before this process imports the graph stack."""
    from syntopic.core.load import Opening
    from syntopic.core.parse import DEFAULT_OPTIONS

    try:
        # nothing else to do here until the notes are in: this process parses too.
        # Only the answer is kept: encoding every note for the parse cache would
        # cost a cold run a tenth of its time, for the window's next open.
        # For the same reason no link's sentence is cut out: no count reads one.
        return Opening(
            kept.root, DEFAULT_OPTIONS, found=kept.found, here=True, save=False, contexts=False
        )
    except OSError:
        return None  # the full open says what is wrong


def summarise(vault: Vault) -> dict[str, Any]:
    """What `stats` reports of an open vault (all but the time it took)."""
    notes = vault.notes.values()
    tags = {t for n in notes for t in n.tags}
    kinds: dict[str, int] = {}
    types: dict[str, int] = {}  # note, concept, book, ... as the legend counts them
    for _, attrs in vault.node_attributes():
        kinds[attrs["kind"]] = kinds.get(attrs["kind"], 0) + 1
        if attrs["kind"] != "ghost":
            types[attrs["type"]] = types.get(attrs["type"], 0) + 1
    link_count = sum(len(n.links) for n in notes)
    problems = sum(len(n.problems) for n in notes) + sum(
        len(p) for p in vault.scan_problems.values()
    )
    return {
        "vault": vault.root,
        "notes": len(vault.notes),
        "books": kinds.get("book", 0),
        "types": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        "unresolved_targets": kinds.get("ghost", 0),
        "links": link_count,
        "edges": vault.link_count,  # kept equal to the graph's edge count, in O(1)
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
    }
