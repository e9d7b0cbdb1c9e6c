"""`syntopic --self-test`: does this installation work? Exit 0 if so, 1 if not.

Runs the code paths a reader's first minutes use, on the bundled example
vault (or the one given): bundled resources, opening and parsing (in worker
processes, which a frozen app must be able to start), the full-text index
(also in worker processes), graph layout, a rendered note, the perspectives
view, and a study map in each format. One line per step with its time.

Nothing is written outside a temporary folder: not the vault, not the
user's cache (the caches go to the temporary folder), not the settings.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from syntopic import __version__
from syntopic.paths import app_icon, bundled_vault, is_frozen, resource

WORKERS = 2  # enough to prove worker processes start; cheap on a small machine


@dataclass
class Context:
    """What the steps hand on to each other."""

    root: str
    scratch: Path
    vault: Any = None
    concept: str = ""
    facts: dict[str, Any] = field(default_factory=dict)


Step = Callable[[Context], str]


@contextmanager
def _forced(module: Any, name: str, value: int) -> Iterator[None]:
    """Lower a module's "worth using processes" threshold, so a small vault uses them too."""
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


@contextmanager
def _cache_in(folder: Path) -> Iterator[None]:
    old = os.environ.get("SYNTOPIC_CACHE_DIR")
    os.environ["SYNTOPIC_CACHE_DIR"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SYNTOPIC_CACHE_DIR", None)
        else:
            os.environ["SYNTOPIC_CACHE_DIR"] = old


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# -- steps ------------------------------------------------------------------------
def step_resources(ctx: Context) -> str:
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon

    from syntopic.export import draw

    draw.ensure_app()  # offscreen when there is no display
    _check(not QIcon(str(app_icon())).isNull(), f"cannot load the icon {app_icon()}")
    for name in draw.FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        _check(font_id >= 0, f"cannot load the font {resource('fonts', name)}")
    family = draw.font_family()
    for parts in (("styles", "note.css"), ("templates", "concept.md")):
        _check(resource(*parts).is_file(), f"missing {resource(*parts)}")
    platform_name = QGuiApplication.platformName()
    return f"icon, font '{family}', styles, templates (Qt platform {platform_name})"


def step_open(ctx: Context) -> str:
    from syntopic.core.vault import Vault

    _check(os.path.isdir(ctx.root), f"no such folder: {ctx.root}")
    ctx.vault = vault = Vault.open(ctx.root)
    _check(len(vault.notes) > 0, f"no notes in {ctx.root}")
    # the concept with the most voices: the later steps show it
    voices = {p: len(vault.perspectives(p).perspectives) for p in vault.notes}
    ctx.concept = max(sorted(voices), key=lambda p: voices[p])
    ctx.facts["voices"] = voices[ctx.concept]
    links = sum(len(n.links) for n in vault.notes.values())
    return f"{len(vault.notes)} notes, {len(vault.books)} books, {links} links"


def step_parse(ctx: Context) -> str:
    """Parse every note in worker processes, started from a thread as the app's loader
    does (so by forkserver on POSIX), and compare with parsing here."""
    from syntopic.core import load, pool
    from syntopic.core.codec import encode

    vault = ctx.vault
    rels = sorted(vault.notes)
    here = [encode(n) for n in load.parse_files(vault.root, rels, vault.options, workers=1)]
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["method"] = pool.process_context().get_start_method()
            with _forced(load, "PARALLEL_THRESHOLD", 0):
                notes = load.parse_files(vault.root, rels, vault.options, workers=WORKERS)
            outcome["notes"] = [encode(n) for n in notes]
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="self-test parse")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    _check(outcome["notes"] == here, "worker processes parsed the notes differently")
    return f"{len(rels)} notes in {WORKERS} worker processes ({outcome['method']}), as parsed here"


def step_search(ctx: Context) -> str:
    from syntopic.search import indexer
    from syntopic.search.index import SearchIndex

    vault = ctx.vault
    title = vault.notes[ctx.concept].title
    with (
        _forced(indexer, "PARALLEL_MIN", 0),
        SearchIndex(vault, folder=ctx.scratch / "search", workers=WORKERS) as index,
    ):
        report = index.build()
        _check(index.doc_count() == len(vault.notes), "the index misses notes")
        result = index.search(title, limit=10)
    paths = [hit.path for hit in result.hits]
    _check(ctx.concept in paths, f"searching {title!r} did not find {ctx.concept}")
    return f"{report.added} notes indexed by a worker process pool; {title!r}: {result.total} hits"


def step_layout(ctx: Context) -> str:
    from syntopic.layout.arrange import arrange
    from syntopic.layout.snapshot import GraphSnapshot

    snapshot = GraphSnapshot.from_graph(ctx.vault.graph)
    placed = arrange(snapshot, {}).positions
    _check(len(placed) == len(snapshot), "the layout lost nodes")
    _check(len(set(placed)) > 1, "the layout put every node in one place")
    return f"{len(snapshot)} nodes, {len(snapshot.edges)} edges"


def _shown(widget: Any) -> None:
    """Lay ``widget`` out and paint it once, as a window would."""
    widget.resize(900, 640)
    image = widget.grab().toImage()
    _check(not image.isNull() and image.width() > 0, "the view did not paint")


def step_note(ctx: Context) -> str:
    from syntopic.render.note import NoteRenderer
    from syntopic.ui.note_view import NoteView

    note = ctx.vault.notes[ctx.concept]
    view = NoteView()
    view.vault_root = ctx.vault.root
    view.setHtml(NoteRenderer(ctx.vault).page_html(ctx.concept))
    _shown(view)
    text = view.document().toPlainText()
    _check(note.title in text, f"the rendered note lacks its title {note.title!r}")
    return f"{note.title!r}, {len(text)} characters"


def step_perspectives(ctx: Context) -> str:
    from syntopic.ui.perspectives_view import PerspectivesView

    view = PerspectivesView()
    try:
        counts: list[int] = []
        view.count_changed.connect(counts.append)
        view.show_concept(ctx.vault, ctx.concept)
        _shown(view)
        voices = ctx.facts["voices"]
        _check(counts[-1:] == [voices], f"the view shows {counts[-1:]} voices, not {voices}")
        _check(bool(view.document().toPlainText().strip()), "the perspectives view is empty")
    finally:
        # its lens holds it (a cycle): left to the collector, the widget could be
        # freed on whichever thread the collector next runs on, or never (a freeze)
        view.deleteLater()
    return f"{ctx.vault.notes[ctx.concept].title!r}, {voices} voices side by side"


def step_export(ctx: Context) -> str:
    from syntopic.export import draw

    options = draw.PageOptions(width=800)
    from syntopic.export.mapbuild import build_map

    smap = build_map(ctx.vault, concept=ctx.concept, fit=draw.page_fit(options))
    sizes = []
    for fmt in draw.MAP_FORMATS:
        out = draw.write_map(smap, ctx.scratch / f"map.{fmt}", options)
        size = out.stat().st_size
        _check(size > 0, f"{out.name} is empty")
        sizes.append(f"{out.name} {size // 1024 or 1} KB")
    svg = (ctx.scratch / "map.svg").read_text(encoding="utf-8")
    _check("<svg" in svg, "map.svg is not SVG")
    return f"{len(smap.nodes)} notes: " + ", ".join(sizes)


STEPS: tuple[tuple[str, Step], ...] = (
    ("resources", step_resources),
    ("open vault", step_open),
    ("parse", step_parse),
    ("search", step_search),
    ("layout", step_layout),
    ("render note", step_note),
    ("perspectives", step_perspectives),
    ("export map", step_export),
)


def run_self_test(vault: str | None = None, out: Any = None) -> int:
    """Run every step, print a line each; 0 if all passed, 1 at the first failure."""
    out = out or sys.stdout
    root = os.path.abspath(vault or str(bundled_vault()))
    kind = "standalone" if is_frozen() else "from source"
    print(
        f"syntopic {__version__} self-test ({kind}, Python {platform.python_version()}, "
        f"{platform.system()}), vault {root}",
        file=out,
        flush=True,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="syntopic-selftest-") as tmp:
        scratch = Path(tmp)
        ctx = Context(root=root, scratch=scratch)
        with _cache_in(scratch / "cache"):
            for name, step in STEPS:
                t0 = time.perf_counter()
                try:
                    detail = step(ctx)
                except Exception as exc:
                    seconds = time.perf_counter() - t0
                    print(f"FAIL {seconds:6.2f} s  {name}: {exc}", file=out, flush=True)
                    traceback.print_exc(file=sys.stderr)
                    print("self-test failed", file=out, flush=True)
                    return 1
                seconds = time.perf_counter() - t0
                print(f"ok   {seconds:6.2f} s  {name}: {detail}", file=out, flush=True)
    print(f"self-test passed in {time.perf_counter() - started:.2f} s", file=out, flush=True)
    return 0
