"""Whole-process `stats` (cold, warm) and `Vault.open` against `floor.py`, timed in one run.

The runs interleave (floor, cold stats, warm stats, cold open, warm open, again) so
that a busy machine slows every figure alike; each is reported as a median and as
its ratio to the floor's median. Run on any folder, generated or real:
``python -m benchmarks.run --floor /work/vaults/obsidian-hub --repeat 5``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOALS = {"stats cold": 2.0, "stats warm": 1.1}  # issue 16: whole process, times the floor


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    samples: tuple[float, ...]
    cpu: tuple[float, ...] = ()  # user + system seconds of the process and its workers

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None


def _children_cpu() -> float | None:
    try:
        import resource
    except ImportError:  # not on Windows: wall time only
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], cache: Path | None, cpu: list[float] | None = None) -> float:
    """Wall seconds of one process (its CPU seconds, workers included, into ``cpu``).

    CPU time barely moves with the machine's load, where wall time does: on a
    shared builder it is the steadier of the two ratios.
    """
    env = dict(os.environ)
    # an installed Syntopic runs from bytecode (pip and the frozen app compile it);
    # without this, a shell that sets the variable recompiles every module each run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cache is not None:
        env["SYNTOPIC_CACHE_DIR"] = str(cache)
    used = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = _children_cpu()
    if cpu is not None and after is not None and used is not None:
        cpu.append(after - used)
    if done.returncode not in (0, 1):  # stats exits 1 when the vault has problems
        tail = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise RuntimeError(f"{' '.join(cmd[1:4])}: {tail}")
    return seconds


def _open_seconds(vault: Path, cache: Path) -> float:
    """`Vault.open` alone, timed inside a fresh process by the runner's child."""
    from benchmarks.run import run_child

    done = run_child("cold", vault, cache, 0, 3600)
    if done.metrics is None:
        raise RuntimeError(f"Vault.open: {done.error}")
    return done.metrics["seconds"]


def measure(vault: Path, repeat: int, log: Callable[[str], None]) -> list[Figure]:
    """Interleaved medians of every figure for one vault."""
    python = sys.executable
    floor = [python, str(HERE / "floor.py"), str(vault)]
    stats = [python, "-m", "syntopic", "stats", str(vault)]
    samples: dict[str, list[float]] = {
        k: [] for k in ("floor", "stats cold", "stats warm", "open cold", "open warm")
    }
    cpu: dict[str, list[float]] = {k: [] for k in ("floor", "stats cold", "stats warm")}
    with tempfile.TemporaryDirectory(prefix="syntopic-floor-") as tmp:
        warm = Path(tmp, "warm")
        warm.mkdir()
        # the warm caches: the parse cache is written by a full open (as the window
        # does), the kept answer by `stats` (which leaves the parse cache alone)
        _open_seconds(vault, warm)
        _timed(stats, warm)
        _timed(floor, None)
        for i in range(repeat):
            cold = Path(tmp, f"cold-{i}")
            cold.mkdir()
            cold_open = Path(tmp, f"open-{i}")
            cold_open.mkdir()
            samples["floor"].append(_timed(floor, None, cpu["floor"]))
            samples["stats cold"].append(_timed(stats, cold, cpu["stats cold"]))
            samples["stats warm"].append(_timed(stats, warm, cpu["stats warm"]))
            samples["open cold"].append(_open_seconds(vault, cold_open))
            samples["open warm"].append(_open_seconds(vault, warm))
            got = ", ".join(f"{k} {v[-1]:.2f}" for k, v in samples.items())
            log(f"[{vault.name}] run {i + 1}/{repeat}: {got} s")
    return [Figure(k, tuple(v), tuple(cpu.get(k, ()))) for k, v in samples.items()]


def render(vault: Path, figures: list[Figure]) -> str:
    """A Markdown table: each figure, its runs, its ratio to the floor, the goal."""
    base = next(f for f in figures if f.label == "floor")
    floor, floor_cpu = base.median, base.cpu_median
    names = {
        "floor": "`benchmarks/floor.py` (read, one regex, DiGraph), whole process",
        "stats cold": "`syntopic stats`, whole process, empty parse cache",
        "stats warm": "`syntopic stats`, whole process, warm parse cache",
        "open cold": "`Vault.open` in its process, empty parse cache",
        "open warm": "`Vault.open` in its process, warm parse cache",
    }
    lines = [
        f"**{vault}** ({len(figures[0].samples)} interleaved runs, medians)",
        "",
        "| figure | median | runs | × floor | goal | CPU | CPU × floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for fig in figures:
        runs = " ".join(f"{s:.2f}" for s in fig.samples)
        goal = GOALS.get(fig.label)
        ratio = fig.median / floor
        mark = "" if goal is None else f"≤ {goal:g}× {'✅' if ratio <= goal else '❌'}"
        used = fig.cpu_median
        cpu = f"{used:.2f} s | {used / floor_cpu:.2f}×" if used is not None and floor_cpu else " | "
        lines.append(
            f"| {names[fig.label]} | {fig.median:.2f} s | {runs} | {ratio:.2f}× | {mark} | {cpu} |"
        )
    return "\n".join(lines) + "\n"
