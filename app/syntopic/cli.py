"""The `syntopic` command: argument parsing and dispatch; the commands live in commands/."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from syntopic.errors import UserError

if TYPE_CHECKING:
    # imported where used: `syntopic search` answers before any of them is needed
    import argparse
    from collections.abc import Callable, Sequence
    from types import ModuleType

VIEWS = ("note", "perspectives", "matrix", "graph", "compare")


def _sub_parser() -> argparse.ArgumentParser:
    from syntopic import __version__
    from syntopic.commands.common import Parser

    parser = Parser(
        prog="syntopic",
        description="Browse a vault of linked Markdown concept notes.",
    )
    parser.add_argument("--version", action="version", version=f"syntopic {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _commands():
        module.register(sub)
    return parser


def _commands() -> tuple[ModuleType, ...]:
    """Each module adds its subcommands with `register(subparsers)`, in this order in
    --help. Imported here, not at the top: `syntopic search` needs none of the others."""
    from syntopic.commands import books, check, export, graph, new, search, show, stats

    return (stats, check, graph, show, new, search, books, export)


def subcommands(parser: argparse.ArgumentParser | None = None) -> list[str]:
    """The names of every subcommand, in the order --help lists them."""
    import argparse

    parser = parser or _sub_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _gui_parser(names: Sequence[str]) -> argparse.ArgumentParser:
    from syntopic import __version__
    from syntopic.commands.common import Parser

    parser = Parser(
        prog="syntopic",
        description="Open a vault, or a note in its vault, in the desktop app (the bundled "
        f"example by default). Subcommands: {', '.join(names)} "
        "(see `syntopic COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"syntopic {__version__}")
    parser.add_argument(
        "vault",
        nargs="?",
        metavar="VAULT | NOTE.md",
        help="the vault folder, or a note file: its vault (the nearest folder upward "
        "holding .obsidian/, else the note's folder) opens at that note",
    )
    parser.add_argument("--open", metavar="NOTE", help="note to open (title, alias or path)")
    parser.add_argument("--view", choices=VIEWS, default="note", help="tab to show")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window and exit")
    parser.add_argument("--size", metavar="WxH", type=_size, help="window size, e.g. 900x600")
    parser.add_argument(
        "--theme", choices=("system", "light", "dark"), help="theme for this run (not remembered)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (open, parse, search, render, export) "
        "and exit 0 or 1",
    )
    return parser


def _size(text: str) -> tuple[int, int]:
    import argparse  # loaded already: this runs while arguments are parsed

    w, _, h = text.lower().partition("x")
    if not (w.isdigit() and h.isdigit()):
        raise argparse.ArgumentTypeError(f"not a size like 900x600: {text}")
    return int(w), int(h)


def gui_target(vault: str | None, open_note: str | None) -> tuple[str | None, str | None]:
    """(vault folder, note to open) for what the user pointed at: a folder or a note file."""
    if vault is None or os.path.isdir(vault):
        return vault, open_note
    if not os.path.exists(vault):
        raise UserError(f"no such folder or note: {vault}")
    from syntopic.core.locate import locate_note

    try:
        root, rel = locate_note(vault)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    if open_note is not None:
        raise UserError(f"give a note file or --open, not both ({vault}, --open {open_note})")
    return str(root), rel


def _run_gui(args: argparse.Namespace) -> int:
    from syntopic.paths import bundled_vault, is_frozen

    if args.self_test:
        from syntopic.selftest import run_self_test

        return run_self_test(args.vault)
    vault, open_note = gui_target(args.vault, args.open)
    # the standalone app opens the last vault (first run: a copy of the example)
    if vault is None and not is_frozen():
        vault = str(bundled_vault())
    if vault is not None and not os.path.isdir(vault):
        raise UserError(f"no such folder: {vault}")
    from syntopic.ui.launch import run_gui

    look = {"size": args.size, "theme": args.theme}
    return run_gui(vault, open_note=open_note, view=args.view, screenshot=args.screenshot, **look)


def run() -> NoReturn:
    """The `syntopic` command: `main`, then leave at once when no window was made."""
    from syntopic.exit import leave_now, leaving

    leaving()
    code = main()
    if "PySide6" not in sys.modules:
        # a command-line answer is printed: leave without freeing the vault object
        # by object (a tenth of a warm `stats`); saves and exit handlers still run
        leave_now(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list[:1] == ["search"]:  # answered from the index in a blink: import no more
            from syntopic.commands import search

            return search.main(args_list[1:])
        if args_list[:1] in (["stats"], ["graph"]):
            # a kept answer is a walk and one read: the other subcommands are not imported
            from importlib import import_module

            lane: ModuleType = import_module(f"syntopic.commands.{args_list[0]}")
            code: int = lane.main(args_list[1:])
            return code
        parser = _sub_parser()
        names = subcommands(parser)
        if args_list and args_list[0] in names:
            args = parser.parse_args(args_list)
            func: Callable[[argparse.Namespace], int] = args.func
            return func(args)
        return _run_gui(_gui_parser(names).parse_args(args_list))
    except UserError as exc:
        print(f"syntopic: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: nothing more to say
        sys.stderr.close()
        return 0
