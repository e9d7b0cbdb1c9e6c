"""Benchmark runner: times the engine on generated vaults, every figure in a fresh process."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from benchmarks import versus_floor
from benchmarks.generate import GENERATOR_VERSION, GeneratedVault, generate, read_marker

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VAULTS = HERE / "vaults"  # gitignored
RESULT_TAG = "BENCH-RESULT "
EDIT_MARK = ".syntopic-bench-editing"  # exists while a child has notes of the vault changed
LARGE = 50_000  # from this size on: one run per figure, no reference
REFERENCE_TIMEOUT = 600.0

Metrics = dict[str, float]
CacheMode = Literal["fresh", "warm", "none"]


# -- what runs inside the child process -----------------------------------------------
@dataclass(frozen=True, slots=True)
class ChildArgs:
    vault: Path
    edits: int


def _peak_memory() -> Metrics:
    """Peak RSS in MiB of this process and of its largest finished child (a parse worker)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return {}
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes there, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return {"maxrss_mb": own, "worker_maxrss_mb": workers}


def measure_open(args: ChildArgs) -> Metrics:
    """`Vault.open` once; whether the parse cache is warm is up to the parent."""
    from syntopic.core.vault import Vault

    start = time.perf_counter()
    vault = Vault.open(str(args.vault))
    seconds = time.perf_counter() - start
    graph = vault.graph
    return {
        "seconds": seconds,
        "notes": len(vault.notes),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        **_peak_memory(),
    }


class _Undo:
    """Puts changed notes back byte for byte, mtime included, so the parse cache stays valid."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.saved: dict[str, tuple[bytes, int, int] | None] = {}

    def keep(self, rel: str) -> None:
        if rel in self.saved:
            return
        path = self.root / rel
        if path.exists():
            st = path.stat()
            self.saved[rel] = (path.read_bytes(), st.st_atime_ns, st.st_mtime_ns)
        else:
            self.saved[rel] = None

    def restore(self, rel: str) -> None:
        state = self.saved.pop(rel)
        path = self.root / rel
        if state is None:
            path.unlink(missing_ok=True)
        else:
            data, atime, mtime = state
            path.write_bytes(data)
            os.utime(path, ns=(atime, mtime))

    def restore_all(self) -> None:
        for rel in list(self.saved):
            self.restore(rel)


def measure_incremental(args: ChildArgs) -> Metrics:
    """Median `Vault.apply` time for an edited, a new, a deleted and a re-created note."""
    from syntopic.core.vault import Change, Vault

    marker = read_marker(args.vault)
    if marker is None or len(marker.edit_candidates) < 2:
        raise RuntimeError("vault has no generator marker with edit candidates")
    candidates = list(marker.edit_candidates)
    root = args.vault
    vault = Vault.open(str(root))
    start = time.perf_counter()
    vault.prepare_updates()  # the app does this in a worker right after opening
    prepare = time.perf_counter() - start

    def timed(change: Change) -> float:
        start = time.perf_counter()
        vault.apply([change])
        return (time.perf_counter() - start) * 1000

    times: dict[str, list[float]] = {"modified": [], "created": [], "deleted": [], "restored": []}
    undo = _Undo(root)
    mark = root / EDIT_MARK
    mark.write_text("a benchmark is editing this vault; regenerate it if this file stays\n")
    try:
        for i in range(args.edits):
            edited = candidates[(2 * i) % len(candidates)]
            doomed = candidates[(2 * i + 1) % len(candidates)]
            if edited == doomed:
                raise RuntimeError("need at least two edit candidates")
            other = Path(doomed).stem

            # 1. an edit: one new line with a new link, mtime bumped a second
            undo.keep(edited)
            path = root / edited
            st = path.stat()
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\nAdded by the benchmark (edit {i}): see also [[{other}]].\n")
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
            times["modified"].append(timed(Change("modified", edited)))
            if not vault.graph.has_edge(edited, doomed):
                raise RuntimeError(f"edit {i}: the new link of {edited} is not in the graph")

            # 2. a new note linking to two existing notes and one missing one
            folder = edited.rsplit("/", 1)[0]
            scratch = f"{folder}/Benchmark Scratch {i}.md"
            undo.keep(scratch)
            (root / scratch).write_text(
                f"---\ntype: concept\ntags: [benchmark]\n---\n# Benchmark Scratch {i}\n\n"
                f"A new note that points at [[{Path(edited).stem}]] and [[{other}]], "
                f"and at [[Benchmark Missing {i}]]. #benchmark\n",
                encoding="utf-8",
            )
            times["created"].append(timed(Change("created", scratch)))
            if scratch not in vault.notes:
                raise RuntimeError(f"edit {i}: the created note is not in the vault")

            # 3. a well-linked existing note deleted, 4. then put back
            undo.keep(doomed)
            (root / doomed).unlink()
            times["deleted"].append(timed(Change("deleted", doomed)))
            if doomed in vault.notes:
                raise RuntimeError(f"edit {i}: the deleted note is still in the vault")
            undo.restore(doomed)
            times["restored"].append(timed(Change("created", doomed)))

            # put the rest back (untimed) so every round starts from the same vault
            undo.restore(scratch)
            undo.restore(edited)
            vault.apply([Change("deleted", scratch), Change("modified", edited)])
    finally:
        undo.restore_all()
        mark.unlink(missing_ok=True)
    out: Metrics = {"prepare_ms": prepare * 1000, "edits": float(args.edits)}
    for kind, values in times.items():
        out[f"{kind}_ms"] = statistics.median(values)
        out[f"{kind}_max_ms"] = max(values)
    return out | _peak_memory()


def measure_obsidiantools(args: ChildArgs) -> Metrics:
    """The reference: ``obsidiantools.api.Vault(path).connect()``."""
    api = importlib.import_module("obsidiantools.api")  # no type stubs: keep it dynamic
    start = time.perf_counter()
    vault = api.Vault(args.vault).connect()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "nodes": float(len(vault.graph)), **_peak_memory()}


# -- what the parent reports ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Budget:
    limit: float
    sizes: tuple[int, ...] = ()  # empty: every size

    def applies(self, size: int) -> bool:
        return not self.sizes or size in self.sizes


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: a metric of a phase, its unit and budgets."""

    label: str
    metric: str
    unit: Literal["s", "ms", "MB", "x"]
    budgets: tuple[Budget, ...] = ()

    def budget(self, size: int) -> float | None:
        return next((b.limit for b in self.budgets if b.applies(size)), None)


@dataclass(frozen=True, slots=True)
class Phase:
    """A measurement: a child function, how to set up its parse cache, and its rows.

    ``repeat`` phases run once per repetition, each in a fresh process, and
    report medians; the others take their own medians in a single process.
    ``derive`` adds metrics computed from other phases (ratios).
    """

    key: str
    measure: Callable[[ChildArgs], Metrics]
    rows: tuple[Row, ...]
    cache: CacheMode = "warm"
    repeat: bool = True
    reference: bool = False
    timeout: float = 3600.0
    derive: Callable[[dict[str, Outcome]], Metrics] | None = None


@dataclass(slots=True)
class Outcome:
    metrics: Metrics = field(default_factory=dict)
    runs: int = 0
    error: str | None = None
    note: str | None = None


def _ratio_to_cold(results: dict[str, Outcome]) -> Metrics:
    cold, ref = results.get("cold"), results.get("reference")
    if cold and ref and cold.metrics.get("seconds") and ref.metrics.get("seconds"):
        return {"ratio": ref.metrics["seconds"] / cold.metrics["seconds"]}
    return {}


COLD_BUDGETS = (Budget(2.0, (6500,)), Budget(30.0, (100_000,)))
WARM_BUDGETS = (Budget(0.6, (6500,)),)
EDIT = (Budget(50.0),)
PHASES: tuple[Phase, ...] = (
    Phase(
        "cold",
        measure_open,
        (
            Row("cold graph build: `Vault.open`, empty parse cache", "seconds", "s", COLD_BUDGETS),
            Row("peak memory, cold build (main process)", "maxrss_mb", "MB"),
            Row("peak memory, cold build (largest parse worker)", "worker_maxrss_mb", "MB"),
        ),
        cache="fresh",
    ),
    Phase(
        "warm",
        measure_open,
        (
            Row("warm graph build: `Vault.open`, parse cache filled", "seconds", "s", WARM_BUDGETS),
            Row("peak memory, warm build", "maxrss_mb", "MB"),
        ),
    ),
    Phase(
        "incremental",
        measure_incremental,
        (
            Row("update index after open (`prepare_updates`, once)", "prepare_ms", "ms"),
            Row("note edited (a line with a new link) -> `apply`", "modified_ms", "ms", EDIT),
            Row("note created -> `apply`", "created_ms", "ms", EDIT),
            Row("well-linked note deleted -> `apply`", "deleted_ms", "ms", EDIT),
            Row("deleted note put back -> `apply`", "restored_ms", "ms", EDIT),
        ),
        repeat=False,
    ),
    Phase(
        "reference",
        measure_obsidiantools,
        (
            Row("reference: obsidiantools `Vault(path).connect()`", "seconds", "s"),
            Row("obsidiantools time / ours cold", "ratio", "x"),
        ),
        cache="none",
        reference=True,
        timeout=REFERENCE_TIMEOUT,
        derive=_ratio_to_cold,
    ),
)
PHASE_KEYS = tuple(p.key for p in PHASES)


# -- running children ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ChildResult:
    metrics: Metrics | None
    error: str | None = None
    timed_out: bool = False


def run_child(key: str, vault: Path, cache_dir: Path, edits: int, timeout: float) -> ChildResult:
    """Run one phase's measurement in a fresh interpreter with its own parse cache dir."""
    env = dict(os.environ, SYNTOPIC_CACHE_DIR=str(cache_dir))
    cmd = [sys.executable, "-m", "benchmarks.run", "--child", key, "--vault", str(vault)]
    cmd += ["--edits", str(edits)]
    try:
        done = subprocess.run(
            cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return ChildResult(None, f"did not finish within {timeout / 60:.0f} min", True)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_TAG):
            return ChildResult(json.loads(line[len(RESULT_TAG) :]))
    lines = [ln.strip() for ln in done.stderr.splitlines() if ln.strip()]
    reason = lines[-1] if lines else f"exit status {done.returncode}"
    return ChildResult(None, reason[:200])


@dataclass(slots=True)
class SizeRun:
    """Everything one vault size's phases share: the vault, temp dirs, the warm cache."""

    size: int
    vault: GeneratedVault
    tmp: Path
    repeat: int
    edits: int
    warm_cache: Path | None = None
    results: dict[str, Outcome] = field(default_factory=dict)
    _dirs: int = 0

    def new_cache_dir(self) -> Path:
        self._dirs += 1
        path = self.tmp / f"cache-{self._dirs}"
        path.mkdir()
        return path

    def warm(self) -> Path:
        """A parse cache filled by a previous open (made now if no cold run did)."""
        if self.warm_cache is None:
            cache = self.new_cache_dir()
            _log(f"[{self.size:,}] filling a parse cache")
            done = run_child("cold", self.vault.root, cache, self.edits, 3600)
            if done.error:
                raise RuntimeError(f"could not fill the parse cache: {done.error}")
            self.warm_cache = cache
        return self.warm_cache


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_phase(phase: Phase, ctx: SizeRun) -> Outcome:
    runs = ctx.repeat if phase.repeat else 1
    samples: list[Metrics] = []
    outcome = Outcome()
    target = ctx.vault.root
    for i in range(runs):
        if phase.cache == "fresh":
            cache = ctx.new_cache_dir()
        elif phase.cache == "warm":
            try:
                cache = ctx.warm()
            except RuntimeError as exc:
                return Outcome(error=str(exc))
        else:
            cache = ctx.new_cache_dir()  # unused, but never the user's own cache
        done = run_child(phase.key, target, cache, ctx.edits, phase.timeout)
        if done.error and not done.timed_out and phase.reference and i == 0 and ctx.vault.non_utf8:
            # obsidiantools cannot read a note that is not UTF-8: say so, then time
            # it on the same vault without those few notes
            _log(f"[{ctx.size:,}] {phase.key} failed on the full vault: {done.error}")
            outcome.note = (
                f"fails on the full vault ({done.error}); timed without its "
                f"{len(ctx.vault.non_utf8)} non-UTF-8 notes"
            )
            target = _utf8_view(ctx.vault)
            done = run_child(phase.key, target, cache, ctx.edits, phase.timeout)
        metrics, error = done.metrics, done.error
        if error or metrics is None:
            outcome.error = error
            _log(f"[{ctx.size:,}] {phase.key} run {i + 1}: failed: {error}")
            break
        samples.append(metrics)
        if phase.cache == "fresh":
            ctx.warm_cache = cache  # the open just filled it
        shown = metrics.get("seconds")
        brief = f"{shown:.3f} s" if shown is not None else "done"
        _log(f"[{ctx.size:,}] {phase.key} run {i + 1}/{runs}: {brief}")
    if samples:
        keys = set().union(*samples)
        outcome.metrics = {
            k: statistics.median(s[k] for s in samples if k in s) for k in sorted(keys)
        }
        outcome.runs = len(samples)
    if target != ctx.vault.root:
        shutil.rmtree(target, ignore_errors=True)
    return outcome


def _utf8_view(vault: GeneratedVault) -> Path:
    """The vault as hard links, minus its non-UTF-8 notes (for a reader that needs UTF-8)."""
    view = VAULTS / f"{vault.root.name}.utf8-view"
    shutil.rmtree(view, ignore_errors=True)
    skip = set(vault.non_utf8)
    for dirpath, dirnames, filenames in os.walk(vault.root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, vault.root)
        (view / rel_dir).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
            if rel in skip or name.startswith("."):
                continue
            try:
                os.link(os.path.join(dirpath, name), view / rel)
            except OSError:
                shutil.copy2(os.path.join(dirpath, name), view / rel)
    return view


def ensure_vault(size: int, seed: int) -> GeneratedVault:
    """The generated vault for (size, seed), made again only if missing, stale or dirty."""
    root = VAULTS / f"notes-{size}-seed-{seed}"
    marker = read_marker(root)
    if (
        marker is not None
        and marker.version == GENERATOR_VERSION
        and marker.notes == size
        and marker.seed == seed
        and not (root / EDIT_MARK).exists()
    ):
        return dataclasses.replace(marker, root=root)
    _log(f"[{size:,}] generating {root.relative_to(REPO)}")
    vault = generate(root, size, seed, overwrite=True)
    _log(f"[{size:,}] {vault.bytes / 1e6:.1f} MB written in {vault.seconds:.1f} s")
    return vault


# -- the table -----------------------------------------------------------------------
def _format(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.0f}×" if value >= 10 else f"{value:.1f}×"


def _limit(limit: float, unit: str) -> str:
    return f"≤ {limit:g} {unit}"


def table_rows(ctx: SizeRun, phases: Sequence[Phase], notes: list[str]) -> list[list[str]]:
    """The rows for one size; footnotes are appended to ``notes``."""
    v = ctx.vault
    cold = ctx.results.get("cold")
    graph = ""
    if cold and cold.metrics:
        m = cold.metrics
        graph = f"; graph {m['nodes']:,.0f} nodes, {m['edges']:,.0f} edges"
    label = (
        f"**{v.notes:,} notes**, {v.bytes / 1e6:.1f} MB, {v.links / v.notes:.1f} links/note{graph}"
    )
    rows: list[list[str]] = []
    for phase in phases:
        outcome = ctx.results.get(phase.key)
        if outcome is None:
            continue
        runs = f" (median of {outcome.runs})" if outcome.runs > 1 else ""
        for row in phase.rows:
            budget = row.budget(ctx.size)
            value = outcome.metrics.get(row.metric)
            if outcome.error and value is None:
                result, status = f"failed: {outcome.error}", "❌ fail" if budget else ""
            elif value is None:
                continue
            else:
                result = _format(value, row.unit)
                if row.unit == "s":
                    result += runs
                if outcome.note and row.metric == "seconds":
                    notes.append(f"{v.notes:,} notes, {phase.key}: {outcome.note}")
                    result += f" [{len(notes)}]"
                status = ""
                if budget is not None:
                    status = "✅ pass" if value <= budget else "❌ fail"
            limit = _limit(budget, row.unit) if budget is not None else ""
            rows.append([label, row.label, result, limit, status])
            label = ""
    return rows


def render(rows: list[list[str]], header: str, notes: Sequence[str] = ()) -> str:
    lines = [header, "", "| vault | measurement | result | budget | |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    if notes:
        lines += ["", *(f"[{i}] {note}  " for i, note in enumerate(notes, 1))]
    return "\n".join(lines) + "\n"


def _header(repeat: int, edits: int) -> str:
    cpu = os.cpu_count() or 1
    runs = f": median of {repeat} processes (one from {LARGE:,} notes on)" if repeat > 1 else ""
    return (
        f"Syntopic benchmarks, {dt.date.today().isoformat()}: {platform.system()} "
        f"{platform.machine()}, {cpu} cores, Python {platform.python_version()}. "
        f"Every figure is timed with `time.perf_counter()` inside a fresh process"
        f"{runs}; edits are the "
        f"median of {edits} in one process. Vaults from `benchmarks/generate.py` "
        f"(seeded, deterministic); files are in the OS page cache."
    )


def _floor_vault(spec: str, seed: int) -> Path:
    """A folder as given, or ``gen:SIZE``: the generated vault of that size."""
    if spec.startswith("gen:"):
        return ensure_vault(_sizes(spec[4:])[0], seed).root
    return Path(spec)


def _versus_floor(vault: Path, repeat: int) -> str:
    figures = versus_floor.measure(vault, max(1, repeat), _log)
    return versus_floor.render(vault, figures)


def _sizes(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        scale = 1000 if part.endswith("k") else 1
        out.append(round(float(part.rstrip("k")) * scale))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--sizes", default="1000,6500", help="vault sizes, e.g. 1k,6.5k,100k")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="processes per figure (median)")
    parser.add_argument("--edits", type=int, default=20, help="edits per incremental figure")
    parser.add_argument("--phases", default=",".join(PHASE_KEYS), help="subset of phases")
    parser.add_argument("--no-reference", action="store_true", help="skip obsidiantools")
    parser.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    parser.add_argument(
        "--floor",
        type=str,
        action="append",
        metavar="VAULT",
        help="only whole-process stats and Vault.open against benchmarks/floor.py on VAULT "
        "(repeatable; 'gen:6500' for a generated vault)",
    )
    parser.add_argument(
        "--with-floor", action="store_true", help="also compare each generated size to the floor"
    )
    parser.add_argument("--child", choices=PHASE_KEYS, help=argparse.SUPPRESS)
    parser.add_argument("--vault", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        phase = next(p for p in PHASES if p.key == args.child)
        metrics = phase.measure(ChildArgs(args.vault, args.edits))
        print(RESULT_TAG + json.dumps(metrics), flush=True)
        return 0

    if args.floor:
        VAULTS.mkdir(parents=True, exist_ok=True)
        tables = [_versus_floor(_floor_vault(str(v), args.seed), args.repeat) for v in args.floor]
        text = "\n".join(tables)
        print(text)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(text, encoding="utf-8")
        return 0

    wanted = {k.strip() for k in args.phases.split(",") if k.strip()}
    unknown = wanted - set(PHASE_KEYS)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    phases = [p for p in PHASES if p.key in wanted]
    rows: list[list[str]] = []
    notes: list[str] = []
    floors: list[str] = []
    VAULTS.mkdir(parents=True, exist_ok=True)
    for size in _sizes(args.sizes):
        vault = ensure_vault(size, args.seed)
        repeat = 1 if size >= LARGE else max(1, args.repeat)
        with tempfile.TemporaryDirectory(prefix="syntopic-bench-") as tmp:
            ctx = SizeRun(size, vault, Path(tmp), repeat, args.edits)
            for phase in phases:
                if phase.reference and (args.no_reference or size >= LARGE):
                    continue
                ctx.results[phase.key] = run_phase(phase, ctx)
                if phase.derive is not None:
                    ctx.results[phase.key].metrics.update(phase.derive(ctx.results))
        rows += table_rows(ctx, phases, notes)
        if args.with_floor:
            floors.append(_versus_floor(vault.root, args.repeat))
    text = render(rows, _header(args.repeat, args.edits), notes)
    text = "\n".join([text, *floors])
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
