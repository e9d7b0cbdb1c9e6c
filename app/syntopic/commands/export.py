"""`syntopic export`: study maps, study guides, graph data and flashcards from the terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from syntopic.commands.common import find_note, open_vault
from syntopic.errors import UserError
from syntopic.export.files import Cancelled, ExportError, Progress, check_destination


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="study maps, study guides, graph data and flashcards",
        description="Export what a student needs to revise: a printable map of a concept's "
        "neighbourhood, a study guide, graph data for Gephi/Cytoscape/D3, Anki flashcards. "
        "An existing file is replaced only with --force.",
    )
    kinds = p.add_subparsers(dest="export_kind", required=True, metavar="WHAT")

    m = kinds.add_parser(
        "map",
        help="a concept's (or a book's) neighbourhood as SVG, PNG or PDF",
        description="Draw a concept with the notes around it, ring by ring, for print.",
    )
    m.add_argument("vault")
    m.add_argument("concept", nargs="?", help="title, alias, file name or path")
    m.add_argument("--book", help="map a book and the concepts it speaks to instead")
    m.add_argument("--depth", type=int, default=1, help="rings of links to show, 1 to 3")
    m.add_argument(
        "--all-links", action="store_true", help="also draw the links between outer notes"
    )
    _output(m, ".svg, .png or .pdf")
    m.add_argument("--page", choices=("a4", "letter"), default="a4")
    m.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape")
    m.add_argument("--width", type=int, help="PNG width in pixels (default: the page at --dpi)")
    m.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    m.set_defaults(func=cmd_map)

    g = kinds.add_parser(
        "guide",
        help="a study guide for concepts (or a book) as Markdown or HTML",
        description="Definitions, each book's perspective, tensions, key frameworks and the "
        "links between the chosen concepts, in one file.",
    )
    g.add_argument("vault")
    g.add_argument("concepts", nargs="*", metavar="CONCEPT")
    g.add_argument("--book", help="every concept the book speaks to")
    g.add_argument("--title", help="the guide's title")
    g.add_argument("--with-map", action="store_true", help="embed each concept's map (HTML)")
    _output(g, ".md or .html")
    g.set_defaults(func=cmd_guide)

    d = kinds.add_parser(
        "graph",
        help="the whole graph as JSON (D3), GraphML or GEXF (Gephi, Cytoscape)",
        description="Every note and link, with front matter, kinds, colours and positions.",
    )
    d.add_argument("vault")
    _output(d, ".json, .graphml or .gexf")
    d.set_defaults(func=cmd_graph)

    c = kinds.add_parser(
        "cards",
        help="Anki flashcards (CSV or .apkg) for concepts or a book",
        description="One card per concept (its definition) and one per book perspective.",
    )
    c.add_argument("vault")
    c.add_argument("concepts", nargs="*", metavar="CONCEPT")
    c.add_argument("--book", help="every concept the book speaks to")
    c.add_argument("--deck", help="deck name in .apkg (default: the vault's folder name)")
    _output(c, ".csv or .apkg")
    c.set_defaults(func=cmd_cards)

    c = kinds.add_parser(
        "compare",
        help="books side by side as Markdown or HTML",
        description="The comparison `syntopic compare` prints, as one file.",
    )
    c.add_argument("vault")
    c.add_argument("books", nargs="+", metavar="BOOK", help="two or more books")
    _output(c, ".md or .html")
    c.set_defaults(func=cmd_compare)


def _output(p: argparse.ArgumentParser, kinds: str) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=f"write {kinds}")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _terminal_progress() -> Progress | None:
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int, what: str) -> bool:
        counter = f"[{done}/{total}] " if total else ""
        sys.stderr.write(f"\r\033[K{counter}{what}")
        if done >= total > 0:
            sys.stderr.write("\r\033[K")
        sys.stderr.flush()
        return True

    return report


def _run(out: Path, force: bool, job: Callable[[Progress | None], Any]) -> Any:
    """Run one export with the errors a user can fix turned into one line."""
    try:
        check_destination(out, force)
        return job(_terminal_progress())
    except FileExistsError as exc:
        raise UserError(f"{out} already exists (add --force to replace it)") from exc
    except (IsADirectoryError, NotADirectoryError, ExportError) as exc:
        raise UserError(str(exc)) from exc
    except Cancelled as exc:
        raise UserError("export cancelled; nothing written") from exc
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc


def _suffix(out: Path, allowed: tuple[str, ...]) -> str:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in allowed:
        listed = ", ".join("." + a for a in allowed)
        shown = out.suffix or "no suffix"
        raise UserError(f"cannot tell the format from {shown} (use {listed})")
    return fmt


def _book(vault: Any, name: str) -> str:
    path = find_note(vault, name)
    if path not in vault.books:
        raise UserError(f"'{vault.notes[path].title}' is not a book (type: book, or in Books/)")
    return path


def _concepts(vault: Any, args: argparse.Namespace) -> list[str]:
    from syntopic.export.guide import concepts_of_book

    found = [find_note(vault, c) for c in args.concepts]
    if args.book:
        book = _book(vault, args.book)
        of_book = concepts_of_book(vault, book)
        if not of_book:
            raise UserError(f"'{vault.notes[book].title}' speaks to no concept yet")
        found.extend(of_book)
    if not found:
        raise UserError("name at least one concept, or a book with --book")
    return list(dict.fromkeys(found))


def cmd_map(args: argparse.Namespace) -> int:
    from syntopic.export import draw
    from syntopic.export.mapbuild import build_map

    out = Path(args.output)
    _suffix(out, draw.MAP_FORMATS)
    if not 1 <= args.depth <= 3:
        raise UserError("--depth must be 1, 2 or 3")
    if bool(args.concept) == bool(args.book):
        raise UserError("name one concept, or a book with --book")
    options = draw.PageOptions(
        page=args.page, orientation=args.orientation, width=args.width, dpi=args.dpi
    )
    try:
        draw.check_options(out.suffix.lower().lstrip("."), options)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    vault = open_vault(args.vault)
    if args.book:
        centre = {"book": _book(vault, args.book)}
    else:
        centre = {"concept": find_note(vault, args.concept)}

    def job(progress: Progress | None) -> Any:
        fit = draw.page_fit(options)
        smap = build_map(vault, depth=args.depth, all_links=args.all_links, fit=fit, **centre)
        draw.write_map(smap, out, options, overwrite=args.force, progress=progress)
        return smap

    smap = _run(out, args.force, job)
    print(f"wrote {out} ({len(smap.nodes)} notes, {len(smap.edges)} links drawn)")
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from syntopic.export import guide

    out = Path(args.output)
    fmt = _suffix(out, guide.GUIDE_FORMATS)
    if args.with_map and fmt != "html":
        raise UserError("--with-map needs an .html guide")
    vault = open_vault(args.vault)
    concepts = _concepts(vault, args)
    maps = None
    if args.with_map:
        from syntopic.export import draw
        from syntopic.export.mapbuild import build_map

        def maps(path: str) -> str:
            return draw.map_svg(build_map(vault, concept=path, fit=draw.page_fit()))

    title = args.title
    if title is None and args.book:
        title = f"{vault.notes[_book(vault, args.book)].title}: study guide"

    def job(progress: Progress | None) -> Any:
        return guide.write_guide(
            vault,
            concepts,
            out,
            title=title,
            maps=maps,
            overwrite=args.force,
            progress=progress,
        )

    _run(out, args.force, job)
    print(f"wrote {out} ({len(concepts)} concept{'s' * (len(concepts) != 1)})")
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    from syntopic.export import graph

    out = Path(args.output)
    _suffix(out, graph.GRAPH_FORMATS)
    vault = open_vault(args.vault)

    def job(progress: Progress | None) -> Any:
        return graph.write_graph(vault, out, overwrite=args.force, progress=progress)

    _run(out, args.force, job)
    g = vault.graph
    print(f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    return 0


def cmd_cards(args: argparse.Namespace) -> int:
    from syntopic.export import cards

    out = Path(args.output)
    _suffix(out, cards.CARD_FORMATS)
    vault = open_vault(args.vault)
    concepts = _concepts(vault, args)
    deck = args.deck or Path(vault.root).name

    def job(progress: Progress | None) -> Any:
        return cards.write_cards(
            vault, concepts, out, deck_name=deck, overwrite=args.force, progress=progress
        )

    made = _run(out, args.force, job)
    print(f"wrote {out} ({len(made)} cards from {len(concepts)} concepts)")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from syntopic.commands.books import compare_books
    from syntopic.export.compare import COMPARE_FORMATS, write_compare

    out = Path(args.output)
    _suffix(out, COMPARE_FORMATS)
    vault, compared = compare_books(args)
    _run(
        out, args.force, lambda _progress: write_compare(vault, compared, out, overwrite=args.force)
    )
    shared = len(compared.shared)
    print(f"wrote {out} ({shared} shared concept{'s' * (shared != 1)})")
    return 0
