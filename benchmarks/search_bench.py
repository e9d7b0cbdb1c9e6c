"""Full-text search figures: index build, one-note update, query latency, the CLI.

`measure(vault_root)` returns rows of (what, value, budget), and
``python -m benchmarks.search_bench VAULT`` prints them, each with its ratio
to the floor (`benchmarks/floor.py`: read every note, one regex, a networkx
graph, as a whole process) and, for the command line, to ``rg -l -i`` for
the same word, all measured in the same run. The index is built in a
temporary folder (never the user cache); the edited note is put back byte
for byte with its mtime, as run.py's incremental phase does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
CLI_WORD = "plugin"  # a word of the real vaults' notes (`--word habit` for generated ones)
CLI_RUNS = 7


def _cpu() -> float:
    """CPU seconds of this process and every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process, its output discarded."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if done.returncode not in (0, 1):  # rg says 1 when nothing matches
        raise RuntimeError(f"{argv} failed with {done.returncode}")
    return time.perf_counter() - start, _cpu() - cpu


def _medians(commands: dict[str, Callable[[], tuple[float, float]]], runs: int) -> dict[str, float]:
    """Median wall time of each command, the commands interleaved run by run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, run in commands.items():
            times[name].append(run()[0])
    return {name: statistics.median(t) for name, t in times.items()}


def floor_seconds(vault_root: Path, runs: int = 3) -> tuple[float, float]:
    """Median wall and CPU of `benchmarks/floor.py` over ``vault_root`` as a whole process."""
    argv = [sys.executable, "-m", "benchmarks.floor", str(vault_root)]
    done = [_timed(argv) for _ in range(runs)]
    return statistics.median(d[0] for d in done), statistics.median(d[1] for d in done)


def cli_rows(vault_root: Path, word: str = CLI_WORD, runs: int = CLI_RUNS) -> list[Row]:
    """`syntopic search` as a user runs it: first (parse + index build), then warm,
    each a whole process, against `rg -l -i`, a bare Python start and the floor
    in the same run.

    The runs use compiled bytecode, as an installed Syntopic does (pip and the
    frozen app compile it): written on the first run into a temporary
    PYTHONPYCACHEPREFIX, never into the source tree. A shell that sets
    PYTHONDONTWRITEBYTECODE would otherwise recompile every module each run.
    """
    rows: list[Row] = []
    with (
        tempfile.TemporaryDirectory(prefix="syntopic-search-bench-cache-") as cache,
        tempfile.TemporaryDirectory(prefix="syntopic-search-bench-pyc-") as pyc,
    ):
        env = {**os.environ, "SYNTOPIC_CACHE_DIR": cache, "PYTHONPYCACHEPREFIX": pyc}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        search = [sys.executable, "-m", "syntopic", "search", str(vault_root), word, "--json"]
        wall, cpu = _timed(search, env)
        rows.append(("cli: first `search` (parse, index build), wall (s)", wall, ""))
        rows.append(("cli: first `search` (parse, index build), CPU (s)", cpu, ""))
        commands: dict[str, Callable[[], tuple[float, float]]] = {
            "search": lambda: _timed(search, env),
            "python": lambda: _timed([sys.executable, "-c", "pass"], env),
            "floor": lambda: _timed([sys.executable, "-m", "benchmarks.floor", str(vault_root)]),
        }
        rg = shutil.which("rg")
        if rg is not None:
            commands["rg"] = lambda: _timed([rg, "-l", "-i", word, str(vault_root)])
        _timed(search, env)  # one more: every run below is warm
        medians = _medians(commands, runs)
    rows.append((f"cli: warm `search {word} --json`, whole process, median of {runs} (s)",
                 medians["search"], "<= 3x rg"))  # fmt: skip
    rows.append((f"cli: bare `python -c pass`, median of {runs} (s)", medians["python"], ""))
    if "rg" in medians:
        rows.append((f"cli: `rg -l -i {word}`, median of {runs} (s)", medians["rg"], ""))
        rows.append(("cli: warm search / rg (x)", medians["search"] / medians["rg"], "<= 3"))
        rows.append(("cli: bare Python start / rg (x)", medians["python"] / medians["rg"], ""))
    rows.append((f"cli: floor.py, median of {runs} (s)", medians["floor"], ""))
    return rows


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
    from syntopic.core.cache import wait_saved
    from syntopic.core.vault import Vault
    from syntopic.search.index import SearchIndex

    root = Path(vault_root).resolve()
    vault = Vault.open(str(root))
    # the parse cache is saved by a thread: with it gone the build's workers are
    # forked children of this process, so their CPU is counted (a forkserver's
    # children are not ours)
    wait_saved()
    notes = len(vault.notes)
    megabytes = sum(s.size for s in vault.stats.values()) / 1e6
    rows: list[Row] = []

    def row(what: str, value: float, budget: str = "") -> None:
        rows.append((f"search: {what}", value, budget))

    with tempfile.TemporaryDirectory(prefix="syntopic-search-bench-") as tmp:
        folder = Path(tmp) / "index"
        ticks: list[float] = []
        index = SearchIndex(vault, folder=folder, workers=workers)
        cpu, start = _cpu(), time.perf_counter()
        report = index.build(progress=lambda done, total: ticks.append(time.perf_counter()))
        build = time.perf_counter() - start
        build_cpu = _cpu() - cpu
        if report.added != notes or index.doc_count() != notes:
            raise RuntimeError(f"the build indexed {index.doc_count()} of {notes} notes")
        row(f"full index build, {notes:,} notes, {megabytes:.1f} MB, {index.workers} workers (s)",
            build, "<= 8 s")  # fmt: skip
        row("full index build, CPU of every process (s)", build_cpu, "<= 5 s")
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
    parser.add_argument("--word", default=CLI_WORD, help=f"the command line's query ({CLI_WORD})")
    parser.add_argument(
        "--no-cli", action="store_true", help="skip the whole-process `syntopic search` figures"
    )
    args = parser.parse_args(argv)
    if not args.vault.is_dir():
        print(f"search_bench: no such folder: {args.vault}", file=sys.stderr)
        return 2
    if args.slowest:
        for ms, q in slowest(args.vault):
            print(f"{ms:8.1f} ms  {q}")
        return 0
    floor_wall, floor_cpu = floor_seconds(args.vault)
    rows = measure(args.vault, workers=args.workers)
    if not args.no_cli:
        rows += cli_rows(args.vault, args.word)
    rows.append(("floor.py, whole process, median of 3: wall (s)", floor_wall, ""))
    rows.append(("floor.py, whole process, median of 3: CPU (s)", floor_cpu, ""))
    if args.json:
        json.dump(
            [
                {
                    "what": w,
                    "value": round(v, 4),
                    "budget": b,
                    "floor_ratio": _ratio(w, v, floor_wall, floor_cpu),
                }
                for w, v, b in rows
            ],
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    width = max(len(w) for w, _, _ in rows)
    print(f"{'':<{width}}  {'value':>10}  {'/ floor':>8}  budget")
    for what, value, budget in rows:
        ratio = _ratio(what, value, floor_wall, floor_cpu)
        shown = f"{ratio:7.2f}x" if ratio is not None else ""
        print(f"{what:<{width}}  {value:10.3f}  {shown:>8}  {budget}")
    return 0


def _ratio(what: str, value: float, floor_wall: float, floor_cpu: float) -> float | None:
    """A figure in seconds or ms over the floor's time of the same kind (None otherwise)."""
    if what.endswith("(ms)"):
        value /= 1e3
    elif not what.endswith("(s)"):
        return None
    return value / (floor_cpu if "CPU" in what else floor_wall)


if __name__ == "__main__":
    sys.exit(main())
