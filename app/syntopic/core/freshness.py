"""A recorded list of a vault's notes (size and mtime by folder and name), and
whether a walk of the vault agrees with it: what tells `syntopic search` its
index is current. Nothing here imports whoosh, so the walk can start first."""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# the list's file in the search index's folder: (size, mtime) of every indexed
# note by folder and name, with the index generation it describes
FILES = "syntopic-files-v2.bin"

Files = dict[str, tuple[int, int]]
# folder ("" for the vault's own) -> note file name -> (size, mtime): as a walk
# meets them, so the comparison joins no paths
Folders = dict[str, dict[str, tuple[int, int]]]
Recorded = tuple[int, int, Folders]  # generation, notes, folders


def write_files(folder: Path | str, files: Files, generation: int) -> None:
    """Write the `FILES` list of generation ``generation`` into ``folder``
    (atomically; a failure only costs the next command-line search its shortcut)."""
    folders: Folders = {}
    for note, stat in files.items():
        parent, _, name = note.rpartition("/")
        folders.setdefault(parent, {})[name] = stat
    path = os.path.join(folder, FILES)
    part = f"{path}.{os.getpid()}.part"
    try:
        with open(part, "wb") as f:
            marshal.dump((generation, len(files), folders), f)
        os.replace(part, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(part)


def read_files(folder: Path | str) -> Recorded | None:
    """The `FILES` list in ``folder``, or None if there is none or it is unreadable."""
    try:
        with open(os.path.join(folder, FILES), "rb") as f:
            generation, count, folders = marshal.load(f)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(generation, int) and isinstance(count, int) and isinstance(folders, dict)):
        return None
    return generation, count, folders


def walk_matches(root: str, count: int, folders: Folders) -> bool | None:
    """Whether the vault's notes are the ``count`` ones of ``folders``, each with
    its size and mtime; None when the walk meets what only `scan` judges
    (a symbolic link, a folder it cannot read).

    The rules are `scan`'s for a vault without links: hidden names skipped,
    notes are files whose name ends in .md. It stops at the first difference.
    """
    none: dict[str, tuple[int, int]] = {}
    stack = [("", root)]
    seen = 0
    try:
        while stack:
            rel, path = stack.pop()
            expected = folders.get(rel, none)
            found = 0
            with os.scandir(path) as entries:
                for entry in entries:
                    name = entry.name
                    if name[0] == ".":
                        continue
                    if entry.is_symlink():
                        return None
                    if entry.is_dir():
                        stack.append((f"{rel}/{name}" if rel else name, entry.path))
                    elif name[-3:].lower() == ".md" and entry.is_file():
                        st = entry.stat()
                        if expected.get(name) != (st.st_size, st.st_mtime_ns):
                            return False
                        found += 1
            if found != len(expected):  # a note of this folder is gone
                return False
            seen += found
    except OSError:
        return None
    return seen == count


def _verdict(root: str, folder: str) -> tuple[int, bool | None]:
    """(generation of the list, whether the vault matches it); (-1, False) without a list."""
    recorded = read_files(folder)
    if recorded is None:
        return -1, False
    generation, count, folders = recorded
    return generation, walk_matches(root, count, folders)


_ANSWERS = {b"1": True, b"0": False, b"?": None}


class FreshnessCheck:
    """`walk_matches` against the recorded list, started at once.

    Where a fork is safe (POSIX, no other thread, no Qt) it runs in a child process,
    on another core while this one imports whoosh and opens the index: the
    walk is a stat of every note, a fifth of a quick search. Elsewhere it runs
    here when `result` is asked for.
    """

    def __init__(self, root: str, folder: Path | str) -> None:
        """Compare the vault at ``root`` with the list in ``folder`` (an index's)."""
        self.root = os.path.abspath(root)
        self.folder = str(folder)
        self._child: tuple[int, int] | None = None  # pid, read end of the pipe
        if hasattr(os, "fork") and _single_threaded():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: walk, answer, leave without any Python teardown
            code = 1
            try:
                os.close(read)
                generation, same = _verdict(self.root, self.folder)
                answer = b"1" if same else b"?" if same is None else b"0"
                os.write(write, b"%d %s" % (generation, answer))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._child = (pid, read)

    def result(self) -> tuple[int, bool | None]:
        """(generation of the recorded list, whether the vault matches it: None
        when only a full scan can tell); (-1, False) when there is no list."""
        answer = self._collect()
        generation, _, verdict = answer.partition(b" ")
        if verdict not in _ANSWERS:  # no child, or it failed: ask here
            return _verdict(self.root, self.folder)
        return int(generation), _ANSWERS[verdict]

    def _collect(self) -> bytes:
        """The child's answer (b"" if there is none); the child is reaped."""
        if self._child is None:
            return b""
        pid, read = self._child
        self._child = None
        try:
            with os.fdopen(read, "rb") as pipe:
                return pipe.read()
        except OSError:
            return b""
        finally:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def close(self) -> None:
        """Reap the child if `result` was never asked for."""
        self._collect()


def _single_threaded() -> bool:
    """No other thread: none of Python's, and no Qt, which runs threads of its
    own that `threading` does not see (a fork copies none of them, but a lock
    one of them holds would stay held in the child)."""
    if "PySide6" in sys.modules:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1
