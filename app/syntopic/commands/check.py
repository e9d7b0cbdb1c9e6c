"""`syntopic check VAULT`: broken links, bad front matter, unreadable files."""

from __future__ import annotations

import argparse

from syntopic.commands.common import Subparsers, open_vault, print_json


def register(sub: Subparsers) -> None:
    p = sub.add_parser("check", help="broken links, bad front matter, unreadable files")
    p.add_argument("vault")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on any error or warning (notices do not count)",
    )
    p.add_argument(
        "--obsidian", action="store_true", help="judge links as Obsidian: aliases do not resolve"
    )
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from syntopic.core.check import check, fails_strict, summary

    vault = open_vault(args.vault)
    findings = check(vault, obsidian=args.obsidian)
    if args.json:
        print_json(
            {
                "vault": vault.root,
                "findings": [f._asdict() for f in findings],
                "summary": summary(findings),
            }
        )
    else:
        for f in findings:
            print(f.format())
        errors = sum(1 for f in findings if f.severity == "error")
        notices = sum(1 for f in findings if f.severity == "notice")
        warnings = len(findings) - errors - notices
        counts = ", ".join(f"{n} {k}" for k, n in summary(findings).items())
        tail = f" ({counts})" if counts else ""
        also = f", {notices} notices" if notices else ""
        print(f"{len(vault.notes)} notes checked: {errors} errors, {warnings} warnings{also}{tail}")
    return 1 if args.strict and fails_strict(findings) else 0
