"""`syntopic perspectives` and `syntopic books`: what each book says, from the terminal."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from typing import Any

from syntopic.commands.common import find_note, open_vault, print_json
from syntopic.core.books import (
    Book,
    ConceptPerspectives,
    Perspective,
    perspective_matrix,
    plain_text,
)
from syntopic.core.lens import BookError, Lens, Lenses, find_book, other_side
from syntopic.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "perspectives",
        help="what each book says about a concept, and where they disagree",
        description="Show a concept's perspectives section, block by block, grouped by the "
        "book (or author) each block speaks for, then its tensions.",
    )
    p.add_argument("vault")
    p.add_argument("concept", help="title, alias, file name or path")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_perspectives)
    p = sub.add_parser(
        "books",
        help="the books of a vault and the concepts each speaks to",
        description="List the books (notes with `type: book`, or in a Books/ folder) with "
        "their authors, year, aliases and the concepts they have a perspective on.",
    )
    p.add_argument("vault")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_books)
    p = sub.add_parser(
        "book",
        help="everything one book says, concept by concept",
        description="Every concept the book speaks to, with the book's blocks on it and the "
        "tensions the book takes part in.",
    )
    p.add_argument("vault")
    p.add_argument("book", help="title, alias, file name or path of a book")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_book)
    p = sub.add_parser(
        "compare",
        help="books side by side across the concepts they share",
        description="One row per concept two or more of the books speak to, with each "
        "book's blocks and the tensions between them, then the concepts only one covers.",
    )
    p.add_argument("vault")
    p.add_argument("books", nargs="+", metavar="BOOK", help="two or more books")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_compare)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size((88, 24)).columns))


def _byline(book: Book) -> str:
    parts = [", ".join(book.authors)] if book.authors else []
    if book.year is not None:
        parts.append(str(book.year))
    return ", ".join(parts)


def _heading(p: Perspective) -> str:
    if p.book is not None:
        byline = _byline(p.book)
        return f"{p.label} — {byline}  ({p.book.path})" if byline else f"{p.label}  ({p.book.path})"
    if p.author:
        return f"{p.label}  (author; no book note or no single book named)"
    return p.label


def _print_perspectives(data: ConceptPerspectives) -> None:
    width = _width()
    print(f"{data.title}  ({data.path})")
    if not data:
        print(
            "No perspectives section: add a heading such as 'The Multi-Book View', "
            "'Perspectives' or 'What the books say'."
        )
        return
    counts = _count(len(data.perspectives), "perspective")
    if data.tensions:
        counts += " · " + _count(len(data.tensions), "tension")
    print(counts)
    for p in data.perspectives:
        print(f"\n{_heading(p)}")
        for block in p.blocks:
            print(f"  line {block.line}:")
            print(
                textwrap.fill(
                    plain_text(block.text), width, initial_indent="    ", subsequent_indent="    "
                )
            )
    if data.tensions:
        print("\nWhere they disagree")
        for t in data.tensions:
            who = " vs ".join(t.authors) or "(no book or author named)"
            books = f"  [{', '.join(b.title for b in t.books)}]" if t.books else ""
            print(f"\n  {who}{books}  line {t.line}")
            print(
                textwrap.fill(
                    plain_text(t.text), width, initial_indent="    ", subsequent_indent="    "
                )
            )


def cmd_perspectives(args: argparse.Namespace) -> int:
    vault = open_vault(args.vault)
    path = find_note(vault, args.concept)
    data = vault.perspectives(path)
    if args.json:
        print_json(data.to_json())
    else:
        _print_perspectives(data)
    return 0


def books_data(vault: Any) -> dict[str, Any]:
    """The `syntopic books --json` shape: every book with the concepts it speaks to."""
    matrix = perspective_matrix(vault.graph, vault.books)
    books = []
    for book in vault.books:
        item = book.to_json()
        item["concepts"] = [
            {
                "path": concept,
                "title": vault.notes[concept].title,
                "blocks": matrix.count(concept, book.path),
            }
            for concept in matrix.concepts_of(book.path)
        ]
        books.append(item)
    return {"vault": vault.root, "books": books}


def cmd_books(args: argparse.Namespace) -> int:
    vault = open_vault(args.vault)
    data = books_data(vault)
    if args.json:
        print_json(data)
        return 0
    width = _width()
    for book, item in zip(vault.books, data["books"], strict=True):
        byline = _byline(book)
        print(f"{book.title}{' — ' + byline if byline else ''}  ({book.path})")
        if book.aliases:
            aliases = ", ".join(book.aliases)
            print(
                textwrap.fill(aliases, width, initial_indent="  also: ", subsequent_indent=" " * 4)
            )
        concepts = item["concepts"]
        if concepts:
            listed = ", ".join(
                c["title"] + (f" ({c['blocks']})" if c["blocks"] > 1 else "") for c in concepts
            )
            label = f"  speaks to {_count(len(concepts), 'concept')}: "
            print(textwrap.fill(listed, width, initial_indent=label, subsequent_indent=" " * 4))
        else:
            print("  no perspective found in any concept")
    speaking = sum(1 for item in data["books"] if item["concepts"])
    total = len(data["books"])
    print(f"{_count(total, 'book')}; {speaking} with perspectives on concepts")
    return 0


def _find_books(vault: Any, names: list[str]) -> list[Book]:
    try:
        return [find_book(vault.books, name) for name in names]
    except BookError as exc:
        raise UserError(str(exc)) from exc


def _print_blocks(blocks: Any, width: int, indent: str = "    ") -> None:
    for block in blocks:
        print(f"{indent[:-2]}line {block.line}:")
        print(
            textwrap.fill(
                plain_text(block.text), width, initial_indent=indent, subsequent_indent=indent
            )
        )


def _print_lens(lens: Lens) -> None:
    width = _width()
    book = lens.books[0]
    byline = _byline(book)
    print(f"{book.title}{' — ' + byline if byline else ''}  ({book.path})")
    print(f"speaks to {_count(len(lens.concepts), 'concept')}")
    for view in lens.concepts:
        print(f"\n{view.title}  ({view.path})")
        _print_blocks(view.by_book.get(book.path, ()), width)
        for t in view.tensions:
            against = ", ".join(other_side(t, lens.books)) or "no other side named"
            print(f"  tension, against {against}  (line {t.line})")
            print(
                textwrap.fill(
                    plain_text(t.text), width, initial_indent="    ", subsequent_indent="    "
                )
            )


def cmd_book(args: argparse.Namespace) -> int:
    vault = open_vault(args.vault)
    (book,) = _find_books(vault, [args.book])
    lens = Lenses(vault).lens([book])
    if args.json:
        print_json(lens.to_json())
    else:
        _print_lens(lens)
    return 0


def compare_books(args: argparse.Namespace) -> tuple[Any, Any]:
    from syntopic.core.compare import check_books, compare

    vault = open_vault(args.vault)
    books = _find_books(vault, args.books)
    try:
        check_books(books)
    except BookError as exc:
        raise UserError(str(exc)) from exc
    return vault, compare(Lenses(vault), books)


def cmd_compare(args: argparse.Namespace) -> int:
    _, comparison = compare_books(args)
    if args.json:
        print_json(comparison.to_json())
        return 0
    width = _width()
    books = comparison.books
    print(" vs ".join(b.title for b in books))
    print(
        f"{_count(len(comparison.shared), 'concept')} shared, "
        f"{len(comparison.single)} covered by one of them"
    )
    for view in comparison.shared:
        print(f"\n{view.title}  ({view.path})")
        for book in books:
            blocks = view.by_book.get(book.path)
            print(f"  {book.title}:" if blocks else f"  {book.title}: nothing on this")
            _print_blocks(blocks or (), width, "      ")
        for t in view.tensions:
            sides = ", ".join(other_side(t, ())) or "no sides named"
            print(f"  tension between {sides}  (line {t.line})")
            print(
                textwrap.fill(
                    plain_text(t.text), width, initial_indent="    ", subsequent_indent="    "
                )
            )
    if comparison.single:
        print("\nCovered by one of them")
        for book in books:
            only = [v.title for v in comparison.single if book.path in v.by_book]
            if only:
                print(
                    textwrap.fill(
                        ", ".join(only),
                        width,
                        initial_indent=f"  {book.title}: ",
                        subsequent_indent="    ",
                    )
                )
    return 0
