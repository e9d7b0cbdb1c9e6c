"""Find every note below a vault root, skipping hidden folders and symlink loops."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple

from syntopic.core.model import Problem


class FileStat(NamedTuple):
    """What the parse cache keys on: a change in either means re-parse."""

    size: int
    mtime_ns: int


@dataclass(slots=True)
class ScanResult:
    """Notes (vault-relative POSIX path -> stat), other files, and problems."""

    notes: dict[str, FileStat] = field(default_factory=dict)
    attachments: set[str] = field(default_factory=set)
    problems: dict[str, list[Problem]] = field(default_factory=dict)


def is_hidden(rel_path: str) -> bool:
    """True when any part of the path is a dot-file or dot-folder."""
    return any(part.startswith(".") for part in rel_path.split("/"))


def is_note(name: str) -> bool:
    return name.lower().endswith(".md") and not name.startswith(".")


def scan(root: str) -> ScanResult:
    """Walk the vault once. Raises only when the root itself is unusable."""
    root = os.path.abspath(root)
    if not os.path.isdir(root):
        raise NotADirectoryError(f"not a folder: {root}")
    result = ScanResult()
    seen: set[tuple[int, int]] = set()
    stack = [("", root)]
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            st = os.stat(abs_dir)
            key = (st.st_dev, st.st_ino)
            if key in seen:
                result.problems.setdefault(rel_dir or ".", []).append(
                    Problem("loop", "folder reached twice through a symlink; skipped", 0)
                )
                continue
            seen.add(key)
            entries = list(os.scandir(abs_dir))
        except OSError as exc:
            result.problems.setdefault(rel_dir or ".", []).append(
                Problem("unreadable", f"cannot open folder: {exc.strerror or exc}", 0)
            )
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            try:
                if entry.is_dir():
                    stack.append((rel, entry.path))
                    continue
                if not entry.is_file():
                    if entry.is_symlink():
                        result.problems.setdefault(rel, []).append(
                            Problem("unreadable", "broken symbolic link", 0)
                        )
                    continue
                if is_note(name):
                    st = entry.stat()
                    result.notes[rel] = FileStat(st.st_size, st.st_mtime_ns)
                else:
                    result.attachments.add(rel)
            except OSError as exc:
                result.problems.setdefault(rel, []).append(
                    Problem("unreadable", f"cannot read: {exc.strerror or exc}", 0)
                )
    return result


def stat_note(root: str, rel: str) -> FileStat | None:
    """Stat one note for an incremental update; None when it is gone."""
    try:
        st = os.stat(os.path.join(root, rel))
    except OSError:
        return None
    return FileStat(st.st_size, st.st_mtime_ns)
