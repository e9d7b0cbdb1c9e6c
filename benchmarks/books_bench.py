"""A book's lens and a 3-book comparison: how soon they are ready, and the UI-thread cost.

``python -m benchmarks.books_bench VAULT`` opens the vault (twice: the second,
timed open is warm), then for the median book and the book that speaks to the
most concepts times, each on a fresh `Lenses` (nothing remembered):

- the lens (core) and the lens with its first page of HTML (what the window
  waits for, made in a worker);
- a comparison of three books (the median three, and the three biggest) with
  its first page of HTML;
- the UI-thread part: laying out one page in a QTextBrowser (offscreen).

The floor, measured in the same run, is the least work any lens needs: for
every concept the book speaks to, find the book's title in each of its
perspective and tension blocks with ``str.find``. Each figure is printed with
its ratio to that floor, and the team's floor (`floor.py`: read every note,
one regex, a DiGraph) is printed once beside them. Rounds: the best of five and
the median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROUNDS = 5
BUDGET_MS = 100.0

Row = dict[str, Any]


def _timed(fn: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """(best, median) in milliseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


def _concepts_of(vault: Any, book: str) -> list[str]:
    return list(
        dict.fromkeys(
            c for _, c, kind in vault.graph.out_edges(book, data="kind") if kind == "perspective"
        )
    )


def _floor(vault: Any, books: list[Any]) -> Callable[[], int]:
    """The least work a lens needs: one `str.find` of the title per block of its concepts."""
    concepts = {c for b in books for c in _concepts_of(vault, b.path)}
    notes = [vault.notes[c] for c in concepts]

    def scan() -> int:
        found = 0
        for book in books:
            title = book.title
            for note in notes:
                for block in (*note.perspectives, *note.tensions):
                    if block.text.find(title) >= 0:
                        found += 1
        return found

    return scan


def measure(vault_root: Path, ui: bool = True) -> list[Row]:
    from syntopic.core.compare import compare
    from syntopic.core.lens import Lenses
    from syntopic.core.vault import Vault
    from syntopic.render.lens import COMPARE_PAGE, comparison_html, lens_html, page_window
    from syntopic.render.note import NoteRenderer

    Vault.open(str(vault_root))  # fills the parse cache: the timed open is warm
    started = time.perf_counter()
    vault = Vault.open(str(vault_root))
    open_ms = (time.perf_counter() - started) * 1000
    sizes = sorted(((len(_concepts_of(vault, b.path)), b.path) for b in vault.books), reverse=True)
    by_path = vault.books.books
    median = len(sizes) // 2
    picks = {
        "median book": [by_path[sizes[median][1]]],
        "biggest book": [by_path[sizes[0][1]]],
    }
    trios = {
        "median 3 books": [by_path[p] for _, p in sizes[median - 1 : median + 2]],
        "biggest 3 books": [by_path[p] for _, p in sizes[:3]],
    }
    rows: list[Row] = [
        {"what": "vault", "value": f"{len(vault.notes)} notes, {len(vault.books)} books"},
        {"what": "warm open", "ms": round(open_ms, 1)},
    ]
    from benchmarks.floor import floor as vault_floor

    team_floor, _ = _timed(lambda: vault_floor(str(vault_root)), rounds=3)
    rows.append({"what": "floor.py (read, regex, DiGraph)", "ms": round(team_floor, 1)})
    renderer = NoteRenderer(vault)
    pages: dict[str, str] = {}
    for label, books in picks.items():
        floor, _ = _timed(_floor(vault, books))
        concepts = sizes[0][0] if label == "biggest book" else sizes[median][0]

        def whole_lens(b: list[Any] = books) -> None:
            Lenses(vault).lens(b)

        lens_best, lens_mid = _timed(whole_lens)

        def lens_page(b: list[Any] = books, key: str = label) -> None:
            lens = Lenses(vault).lens(b, page_window(0))
            pages[key] = lens_html(lens, renderer, title=b[0].title, page=0)

        page_best, page_mid = _timed(lens_page)
        rows.append(
            {
                "what": f"lens, {label} ({concepts} concepts)",
                "floor_ms": round(floor, 2),
                "ms": round(lens_best, 1),
                "median_ms": round(lens_mid, 1),
                "ratio": round(lens_best / floor, 1) if floor else None,
                "with_first_page_ms": round(page_best, 1),
                "with_first_page_median_ms": round(page_mid, 1),
                "budget_ms": BUDGET_MS,
            }
        )
    for label, books in trios.items():
        floor, _ = _timed(_floor(vault, books))

        def whole_compare(b: list[Any] = books) -> None:
            compare(Lenses(vault), b)

        best, mid = _timed(whole_compare)

        def compare_page(b: list[Any] = books, key: str = label) -> None:
            comparison = compare(Lenses(vault), b, page_window(0, COMPARE_PAGE))
            pages[key] = comparison_html(comparison, renderer, page=0)

        page_best, page_mid = _timed(compare_page)
        rows.append(
            {
                "what": f"compare, {label}",
                "floor_ms": round(floor, 2),
                "ms": round(best, 1),
                "median_ms": round(mid, 1),
                "ratio": round(best / floor, 1) if floor else None,
                "with_first_page_ms": round(page_best, 1),
                "with_first_page_median_ms": round(page_mid, 1),
                "budget_ms": BUDGET_MS,
            }
        )
    if ui:
        rows.extend(_layout_rows(pages))
    return rows


def _layout_rows(pages: dict[str, str]) -> list[Row]:
    """The UI thread's share: laying out one page of HTML in a QTextBrowser."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTextBrowser

    app = QApplication.instance() or QApplication([])
    view = QTextBrowser()
    view.resize(900, 700)
    view.show()
    rows: list[Row] = []
    for label, page in pages.items():

        def lay_out(text: str = page) -> None:
            view.setHtml(text)
            view.document().size()  # the layout a paint would need
            app.processEvents()  # and the paint itself

        best, mid = _timed(lay_out)
        rows.append(
            {
                "what": f"UI thread: lay out the first page, {label}",
                "kb": round(len(page) / 1024),
                "ms": round(best, 1),
                "median_ms": round(mid, 1),
                "budget_ms": BUDGET_MS,
            }
        )
    view.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.books_bench", description=__doc__)
    parser.add_argument("vault", type=Path, help="e.g. a 6,500-note generated vault")
    parser.add_argument("--json", action="store_true", help="rows as JSON")
    parser.add_argument("--no-ui", action="store_true", help="skip the Qt layout rows")
    args = parser.parse_args(argv)
    if not args.vault.is_dir():
        print(f"books_bench: no such folder: {args.vault}", file=sys.stderr)
        return 2
    rows = measure(args.vault, ui=not args.no_ui)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        what = row.pop("what")
        print(f"{what:55s} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
