"""Find every note below a vault root, skipping hidden folders and symlink loops."""

from __future__ import annotations

import errno
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


# A bound on one walk: a vault given as a home folder (or a symlink we failed to
# catch) must not keep Syntopic walking the disk. 100,000 notes is ~110,000 entries.
MAX_ENTRIES = 2_000_000


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _add(result: ScanResult, rel: str, problem: Problem) -> None:
    result.problems.setdefault(rel or ".", []).append(problem)


def scan(root: str) -> ScanResult:
    """Walk the vault once. Raises only when the root itself is unusable.

    Symbolic links are followed while they stay inside the vault; one that leads
    out of it (to a file or a folder) is skipped and listed as a problem, so a
    link to ``/`` cannot make Syntopic read the whole disk.
    """
    root = os.path.abspath(root)
    if not os.path.isdir(root):
        raise NotADirectoryError(f"not a folder: {root}")
    real_root = os.path.realpath(root)
    if os.path.dirname(real_root) == real_root:
        raise OSError(errno.EINVAL, "it is the root of the file system, not a vault folder")
    result = ScanResult()
    seen: set[tuple[int, int]] = set()
    stack = [("", root)]
    entries_left = MAX_ENTRIES
    notes, new = result.notes, tuple.__new__
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            st = os.stat(abs_dir)
            key = (st.st_dev, st.st_ino)
            if key in seen:
                _add(
                    result,
                    rel_dir,
                    Problem("loop", "folder reached twice through a symlink; skipped", 0),
                )
                continue
            seen.add(key)
            entries = list(os.scandir(abs_dir))
        except OSError as exc:
            _add(
                result,
                rel_dir,
                Problem("unreadable", f"cannot open folder: {exc.strerror or exc}", 0),
            )
            continue
        entries_left -= len(entries)
        if entries_left < 0:
            _add(
                result,
                "",
                Problem(
                    "too-large", f"more than {MAX_ENTRIES:,} files and folders; stopped reading", 0
                ),
            )
            break
        prefix = f"{rel_dir}/" if rel_dir else ""
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            rel = prefix + name
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not _inside(target, real_root) and os.path.exists(target):
                        _add(
                            result,
                            rel,
                            Problem(
                                "outside",
                                f"symbolic link out of the vault (to {target}); skipped",
                                0,
                            ),
                        )
                        continue
                if entry.is_dir():
                    stack.append((rel, entry.path))
                    continue
                if not entry.is_file():
                    if entry.is_symlink():
                        _add(result, rel, Problem("unreadable", "broken symbolic link", 0))
                    continue
                if name[-3:].lower() == ".md":  # is_note: the dot-files are gone already
                    st = entry.stat()
                    # tuple.__new__: FileStat's Python-level constructor is a tenth of a walk
                    notes[rel] = new(FileStat, (st.st_size, st.st_mtime_ns))
                else:
                    result.attachments.add(rel)
            except OSError as exc:
                _add(result, rel, Problem("unreadable", f"cannot read: {exc.strerror or exc}", 0))
    return result


def stat_note(root: str, rel: str) -> FileStat | None:
    """Stat one note for an incremental update; None when it is gone or leads out."""
    path = os.path.join(root, rel)
    try:
        if os.path.islink(path) and not _inside(os.path.realpath(path), os.path.realpath(root)):
            return None  # as the full scan does: a link out of the vault is skipped
        st = os.stat(path)
    except OSError:
        return None
    return FileStat(st.st_size, st.st_mtime_ns)
