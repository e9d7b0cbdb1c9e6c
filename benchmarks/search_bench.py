"""Full-text search figures: index build, one-note update, query latency.

`measure(vault_root)` returns rows of (what, value, budget), and
``python -m benchmarks.search_bench VAULT`` prints them. The index
is built in a temporary folder (never the user cache); the edited note is put
back byte for byte with its mtime, as run.py's incremental phase does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

EDIT_MARK = ".syntopic-bench-editing"  # as in run.py: exists while a note is edited
EDITS = 10
ROUNDS = 3

# Fifty queries over the generated vaults' vocabulary: plain words common and
# rare, phrases, OR, NOT, prefixes, fuzzy words, every filter, and typos that
# take the did-you-mean path.
QUERIES: tuple[str, ...] = (
    "ledger",
    "reciprocal",
    "bottleneck",
    "harbor",
    "mentor",
    "friction",
    "checklist",
    "compass",
    "prototype",
    "tide",
    "reciprocal gift",
    "quiet harbor",
    "anchor bias",
    "steady rhythm habit",
    "fragile commitment",
    "mentor student lesson",
    '"quiet harbor"',
    '"reciprocal obligation"',
    '"the difference between"',
    "habit OR ritual",
    "ledger OR journal OR notebook",
    "(bridge OR river) harbor",
    "habit -ritual",
    "negotiation NOT concession",
    "-draft tag:principle",
    "recip*",
    "negot*",
    "sched*",
    "bottle*",
    "ledgr~",
    "negotation~",
    "reciprocl~",
    "shedule~",
    "harbr~1",
    "tag:principle",
    "tag:psychology",
    "tag:review",
    "type:book",
    "type:concept habit",
    "path:Psychology habit",
    "path:Books",
    'section:"key frameworks" anchor',
    "section:tensions",
    "author:Lockhart",
    'book:"Adaptive Emotions"',
    "title:ledger",
    "author:Marchetti ledger",
    "bottlenek",
    "reciprocaly gift",
    'tag:principle ("quiet harbor" OR ledger)',
)

Row = tuple[str, float, str]


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def _pick_note(vault: object) -> str:
    """A mid-sized concept note (not a book): what an author typically edits."""
    stats = vault.stats  # type: ignore[attr-defined]
    notes = vault.notes  # type: ignore[attr-defined]
    paths = sorted(
        (p for p in notes if not p.startswith("Books/") and "/" in p),
        key=lambda p: (stats[p].size, p),
    )
    return paths[len(paths) // 2]


def _edit_rounds(vault: object, index: object, root: Path) -> list[float]:
    """Time `index.update(event)` after editing one note, ``EDITS`` times."""
    from syntopic.core.vault import Change

    path = _pick_note(vault)
    file = root / path
    original = file.read_bytes()
    st = os.stat(file)
    mark = root / EDIT_MARK
    mark.write_text("a benchmark is editing this vault; regenerate it if this file stays\n")
    times: list[float] = []
    try:
        for i in range(EDITS):
            word = f"zqxbench{i}"
            file.write_bytes(original + f"\n\nAn added line about {word}.\n".encode())
            os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns + (i + 1) * 1_000_000_000))
            event = vault.apply([Change("modified", path)])  # type: ignore[attr-defined]
            start = time.perf_counter()
            index.update(event)  # type: ignore[attr-defined]
            times.append(time.perf_counter() - start)
            found = [h.path for h in index.search(word).hits]  # type: ignore[attr-defined]
            if found != [path]:
                raise RuntimeError(f"edit {i}: search for {word} found {found}, not {path}")
    finally:
        file.write_bytes(original)
        os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns))
        event = vault.apply([Change("modified", path)])  # type: ignore[attr-defined]
        index.update(event)  # type: ignore[attr-defined]
        mark.unlink(missing_ok=True)
    return times


def measure(vault_root: Path, workers: int | None = None) -> list[Row]:
    """Build, update and query an index of ``vault_root``; rows of (what, value, budget).

    Values are in the unit the label ends with. Query latency is the whole
    `SearchIndex.search` (20 hits, snippets for 10, did-you-mean), each query
    timed on its first run, after the note edits (so with their segments).
    """
    from syntopic.core.vault import Vault
    from syntopic.search.index import SearchIndex

    root = Path(vault_root).resolve()
    vault = Vault.open(str(root))
    notes = len(vault.notes)
    megabytes = sum(s.size for s in vault.stats.values()) / 1e6
    rows: list[Row] = []

    def row(what: str, value: float, budget: str = "") -> None:
        rows.append((f"search: {what}", value, budget))

    with tempfile.TemporaryDirectory(prefix="syntopic-search-bench-") as tmp:
        folder = Path(tmp) / "index"
        ticks: list[float] = []
        index = SearchIndex(vault, folder=folder, workers=workers)
        start = time.perf_counter()
        report = index.build(progress=lambda done, total: ticks.append(time.perf_counter()))
        build = time.perf_counter() - start
        if report.added != notes or index.doc_count() != notes:
            raise RuntimeError(f"the build indexed {index.doc_count()} of {notes} notes")
        row(f"full index build, {notes:,} notes, {megabytes:.1f} MB, {index.workers} workers (s)",
            build, "<= 8 s")  # fmt: skip
        row("first progress report after (s)", (ticks[0] - start) if ticks else build)
        row("progress reports during the build", float(len(ticks)))
        index.close()

        index = SearchIndex(vault, folder=folder)
        start = time.perf_counter()
        report = index.build()
        row("index reopened and synced, nothing changed (ms)", (time.perf_counter() - start) * 1e3)
        if report.added or report.removed:
            raise RuntimeError(f"a sync after a build changed the index: {report}")

        edits = _edit_rounds(vault, index, root)
        row(f"one note edited -> update(event), median of {EDITS} (ms)",
            statistics.median(edits) * 1e3, "<= 100 ms")  # fmt: skip
        row(f"one note edited -> update(event), slowest of {EDITS} (ms)", max(edits) * 1e3)

        for warm in ("warmup", "placeholder words", "tag:nothing"):  # not in the set
            index.search(warm)
        runs: list[list[float]] = []
        for _ in range(ROUNDS):
            times = []
            for q in QUERIES:
                start = time.perf_counter()
                index.search(q, limit=20, snippets=10)
                times.append((time.perf_counter() - start) * 1e3)
            runs.append(times)
        n = len(QUERIES)
        row(f"query p50 of {n} queries, first run each (ms)", _percentile(runs[0], 50))
        row(f"query p95 of {n} queries, first run each (ms)", _percentile(runs[0], 95), "<= 30 ms")
        row(f"query slowest of {n}, first run (ms)", max(runs[0]))
        best = [min(t) for t in zip(*runs, strict=True)]
        row(f"query p95 of {n} queries, best of {ROUNDS} runs each (ms)", _percentile(best, 95))
        row("segments after build and edits", float(index.segment_count()))
        index.close()
    return rows


def slowest(vault_root: Path, count: int = 8) -> list[tuple[float, str]]:
    """The slowest queries of the set (one run each after a warm-up), for tuning."""
    from syntopic.core.vault import Vault
    from syntopic.search.index import SearchIndex

    vault = Vault.open(str(vault_root))
    with (
        tempfile.TemporaryDirectory(prefix="syntopic-search-bench-") as tmp,
        SearchIndex(vault, folder=Path(tmp) / "index") as index,
    ):
        index.build()
        index.search("warmup")
        timed = []
        for q in QUERIES:
            start = time.perf_counter()
            index.search(q)
            timed.append(((time.perf_counter() - start) * 1e3, q))
    return sorted(timed, reverse=True)[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_bench", description=__doc__)
    parser.add_argument("vault", type=Path, help="e.g. benchmarks/vaults/notes-6500-seed-7")
    parser.add_argument(
        "--workers", type=int, default=None, help="build processes (default: cores, max 4)"
    )
    parser.add_argument("--json", action="store_true", help="rows as JSON")
    parser.add_argument("--slowest", action="store_true", help="list the slowest queries instead")
    args = parser.parse_args(argv)
    if not args.vault.is_dir():
        print(f"search_bench: no such folder: {args.vault}", file=sys.stderr)
        return 2
    if args.slowest:
        for ms, q in slowest(args.vault):
            print(f"{ms:8.1f} ms  {q}")
        return 0
    rows = measure(args.vault, workers=args.workers)
    if args.json:
        json.dump(
            [{"what": w, "value": round(v, 3), "budget": b} for w, v, b in rows],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    width = max(len(w) for w, _, _ in rows)
    for what, value, budget in rows:
        print(f"{what:<{width}}  {value:10.2f}  {budget}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
