"""`syntopic new VAULT TITLE`: a note from a template (the only command that writes)."""

from __future__ import annotations

import argparse
import os

from syntopic.commands.common import Subparsers
from syntopic.errors import UserError


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "new",
        help="create a note from a template (the only command that writes)",
        description="Create VAULT/[FOLDER/]TITLE.md from a template, written whole and never "
        "over an existing file. The file name is made safe for Windows, macOS and Linux. A "
        "title that already names a note anywhere in the vault (in any case) is refused, since "
        "links to that name would start reaching the new note; --folder F --allow-duplicate "
        "creates it in F anyway.",
    )
    p.add_argument("vault")
    p.add_argument("title", help="the note's title (a trailing .md is dropped)")
    p.add_argument("--template", choices=("concept", "book"), default="concept")
    p.add_argument("--folder", default="", help="folder inside the vault")
    p.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="create the note in --folder even if a note elsewhere has the same name",
    )
    p.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    from syntopic.core.newnote import NoteExists, create_note

    if not os.path.isdir(args.vault):
        raise UserError(f"no such folder: {args.vault}")
    if args.allow_duplicate and not args.folder:
        raise UserError("--allow-duplicate needs --folder: say where the second note goes")
    try:
        path = create_note(
            args.vault,
            args.title,
            args.template,
            folder=args.folder,
            allow_duplicate=args.allow_duplicate,
        )
    except NoteExists as exc:
        hint = "; to create it anyway: --folder F --allow-duplicate" if exc.elsewhere else ""
        raise UserError(f"{exc}{hint}") from exc
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"cannot write the note: {exc.strerror or exc}") from exc
    print(path)
    return 0
