"""Link and backlink counts per note, ours beside obsidiantools', and where they differ.

    python -m benchmarks.linkdiff VAULT [--show 40]

Counts wiki links in the body only (no embeds, Markdown links or property links),
as obsidiantools' ``wikilinks_index`` does. Notes are keyed as obsidiantools keys them (the file
name, or a path where two files share a name); unresolved targets as
``ghost:NAME``. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from syntopic.core.vault import ResolvedLink, Vault


def _shown_target(rl: ResolvedLink) -> str:
    link = rl.link
    if link.heading is None and link.block is None:
        return link.target
    return f"{link.target}#{link.heading if link.heading is not None else '^' + str(link.block)}"


def _counted(rl: ResolvedLink) -> bool:
    """What obsidiantools counts: wiki links of the body (not embeds, not properties)."""
    return not (rl.link.embed or rl.link.markdown or rl.link.in_properties)


def compare(root: Path, show: int) -> dict[str, int]:
    """Print the differing notes (up to ``show`` of each kind); return the counts."""
    import obsidiantools.api as otools  # the bench extra: imported only here

    theirs = otools.Vault(root).connect()
    ours = Vault.open(str(root), use_cache=False)
    key_of = {str(path): key for key, path in theirs.md_file_index.items()}

    def key(path: str) -> str:
        return key_of.get(path, ours.notes[path].name)

    links: dict[str, Counter[str]] = {}
    back: Counter[str] = Counter()
    for source, resolved in ours.resolved.items():
        mine = links.setdefault(key(source), Counter())
        for rl in resolved:
            if not _counted(rl):
                continue
            mine[_shown_target(rl)] += 1
            res = rl.resolution
            if res.attachment or res.path == source:
                continue
            back[key(res.path) if res.path else "ghost:" + rl.link.target.rsplit("/", 1)[-1]] += 1
    differing_links = 0
    for name in sorted(set(links) | set(theirs.wikilinks_index)):
        a, b = links.get(name, Counter()), Counter(theirs.wikilinks_index.get(name, []))
        if a.total() != b.total():
            differing_links += 1
            if differing_links <= show:
                print(f"links  {name}: ours {a.total()}, obsidiantools {b.total()}")
                print(f"       only ours {dict(a - b)}; only obsidiantools {dict(b - a)}")
    ghosts = set(theirs.nonexistent_notes)
    their_back = {
        ("ghost:" if k in ghosts else "") + k: len(v) for k, v in theirs.backlinks_index.items()
    }
    differing_back = 0
    for name in sorted(set(back) | set(their_back)):
        if back.get(name, 0) != their_back.get(name, 0):
            differing_back += 1
            if differing_back <= show:
                mine, other = back.get(name, 0), their_back.get(name, 0)
                print(f"back   {name}: ours {mine}, obsidiantools {other}")
    counts = {
        "notes": len(ours.notes),
        "obsidiantools_notes": len(theirs.wikilinks_index),
        "links_ours": sum(c.total() for c in links.values()),
        "links_obsidiantools": sum(len(v) for v in theirs.wikilinks_index.values()),
        "notes_with_other_link_counts": differing_links,
        "targets_with_other_backlink_counts": differing_back,
    }
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("vault", type=Path)
    parser.add_argument("--show", type=int, default=40, help="differences printed of each kind")
    args = parser.parse_args(argv)
    if not args.vault.is_dir():
        print(f"no such folder: {args.vault}", file=sys.stderr)
        return 2
    compare(args.vault.resolve(), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
