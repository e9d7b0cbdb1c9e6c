"""Launch to window on screen for installed copies of the app, under X (Xvfb will do).

    xvfb-run -a -s "-noreset" python packaging/launch_time.py [--runs N] EXE [EXE...]

For each executable: the first start with a fresh home (it copies the example
library), then N warm starts (median); beside them the floor measured in the same
run, `EXE --version` (process start, Python and the bundle's imports, no Qt).
A window counts as on screen when X reports a top-level window named for
Syntopic as viewable (polled with xwininfo every few milliseconds). Xvfb needs
-noreset: without it the server resets when the last client leaves, and the
next launch can find no display.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = re.compile(rb'^\s+(0x[0-9a-f]+) "[^"]*Syntopic"', re.MULTILINE)


def viewable_window() -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True).stdout
    for wid in TITLE.findall(tree):
        info = subprocess.run(["xwininfo", "-id", wid], capture_output=True).stdout
        if b"IsViewable" in info:
            return True
    return False


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SYNTOPIC_", "QT_"))}
    env.update(HOME=str(home), SYNTOPIC_CACHE_DIR=str(home / "cache"))
    return env


def launch(exe: str, home: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([exe], env=env_for(home), stdout=subprocess.DEVNULL)
    try:
        while not viewable_window():
            if proc.poll() is not None:
                raise SystemExit(f"{exe} exited with {proc.returncode} before showing a window")
            if time.perf_counter() - start > 60:
                raise SystemExit(f"{exe}: no window after 60 s")
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def floor(exe: str, home: Path) -> float:
    start = time.perf_counter()
    subprocess.run([exe, "--version"], env=env_for(home), check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exe", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("no DISPLAY: run under xvfb-run -a")
    for exe in args.exe:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            first = launch(exe, home)
            warm = statistics.median(launch(exe, home) for _ in range(args.runs))
            base = statistics.median(floor(exe, home) for _ in range(args.runs))
        print(
            f"{exe}: first start {first:.2f} s, warm {warm:.2f} s (median of {args.runs}); "
            f"floor ({Path(exe).name} --version) {base:.2f} s: "
            f"{first / base:.1f}x / {warm / base:.1f}x the floor"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
