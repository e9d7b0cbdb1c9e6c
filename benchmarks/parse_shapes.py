"""Parse cost per KB of a note, for each shape at 1×, 10× and 100× its size: flat means linear.

``python -m benchmarks.parse_shapes [--base 1000]``. Each figure is the best of three
CPU-time measurements of `parse_note` in this process; the ratio columns divide the
cost per KB at 10× and 100× by the cost per KB at 1×, so a linear parse reads ≈ 1
and a quadratic one ≈ 10 and ≈ 100, whatever the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from syntopic.core.parse import parse_note

SHAPES: dict[str, Callable[[int], str]] = {
    "index list (`- [[Tn]]` lines)": lambda n: "\n".join(f"- [[Topic {i}]]" for i in range(n)),
    "one line (`word [[Liking]] `)": lambda n: "word [[Liking]] " * n,
    "one paragraph of sentences": lambda n: " ".join(f"See [[N{i}|n]] here." for i in range(n)),
    "table rows": lambda n: (
        "| a | b |\n|---|---|\n" + "\n".join(f"| [[R{i}]] | x |" for i in range(n))
    ),
    "stray backticks": lambda n: "a ` b `` [[L]] " * n,
    "block ids": lambda n: "\n".join(f"Line {i} ^id-{i}" for i in range(n)),
    "headings": lambda n: "\n".join(f"# H{i}\n[[L{i}]]" for i in range(n)),
    "property list": lambda n: (
        "---\nrelated:\n" + "".join(f'  - "[[P{i}]]"\n' for i in range(n)) + "---\nBody."
    ),
    "prose with prices and math": lambda n: "costs $5 and [[X]] $a+b$ " * n,
}


def cpu_seconds(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        parse_note("n.md", text)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parse_shapes", description=__doc__)
    parser.add_argument("--base", type=int, default=1000, help="items at 1× (100× = base*100)")
    args = parser.parse_args(argv)
    print("| shape | size at 100× | µs/KB at 1× | 10× / 1× | 100× / 1× |")
    print("|---|---|---|---|---|")
    for name, make in SHAPES.items():
        per_kb: list[float] = []
        size = 0
        for scale in (1, 10, 100):
            text = make(args.base * scale)
            size = len(text.encode("utf-8"))
            per_kb.append(cpu_seconds(text) / (size / 1024))
        base = per_kb[0] or 1e-9
        print(
            f"| {name} | {size / 1e6:.1f} MB | {per_kb[0] * 1e6:.0f} | "
            f"{per_kb[1] / base:.2f} | {per_kb[2] / base:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
