"""The last `stats` answer for a vault, reused while a walk finds the same files."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from syntopic import __version__
from syntopic.core.cache import (
    CacheFault,
    pending_save,
    read_blob,
    save_behind,
    vault_cache_dir,
    wait_saved,
    write_blob,
)
from syntopic.core.scan import ScanResult, scan

_MAGIC = b"SYNTOPIC-STATS-1\n"
# what an answer is computed by: the core (parse, resolve, graph) and the command
_CODE = ("core", "commands/stats.py")


def code_stamp() -> list[tuple[str, int, int]]:
    """Size and mtime of every module an answer comes from.

    A changed parser or resolver makes the kept answer stale without a version
    bump anyone could forget. Where the modules are no files (a frozen app) the
    version and the executable stand for them.
    """
    package = Path(__file__).resolve().parent.parent
    files: list[Path] = []
    for part in _CODE:
        where = package / part
        files.extend(sorted(where.glob("*.py")) if where.is_dir() else [where])
    stamp: list[tuple[str, int, int]] = [(__version__, *sys.version_info[:2])]
    for file in (*files, Path(sys.executable)):
        try:
            st = file.stat()
        except OSError:
            continue
        stamp.append((file.name, st.st_size, st.st_mtime_ns))
    return stamp


def walk_key(root: str, found: ScanResult) -> str:
    """A digest of the walk and our code: the same files (name, size, mtime), the
    same other files and problems, the same modules, the same key."""
    # one string of every note (a NUL cannot be in a path), not the repr of a list
    # of tuples: a third of the time, at the head of every run
    notes = "\0".join(f"{p}\0{s[0]}\0{s[1]}" for p, s in sorted(found.notes.items()))
    rest = (
        root,
        sorted(found.attachments),
        sorted((p, [tuple(x) for x in v]) for p, v in found.problems.items()),
        code_stamp(),
    )
    digest = hashlib.sha1(notes.encode("utf-8", "surrogateescape"))
    digest.update(repr(rest).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _file_stat(file: Path) -> tuple[int, int] | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class StatsCache:
    """A vault's walk, and the answer kept for exactly that walk (if any).

    The key holds every note's size and mtime, the other files, the walk's
    problems, our code, and the parse cache file as it is: the app rewriting it
    (or it being damaged) sends `stats` back to a full open, which reports it.
    """

    def __init__(self, vault_root: str) -> None:
        self.root = os.path.abspath(vault_root)
        self.found: ScanResult = scan(self.root)  # raises OSError for an unusable root
        cache_dir = vault_cache_dir(self.root)
        self.file = cache_dir / "stats.bin"
        self.parse_file = cache_dir / "notes.bin"  # ParseCache's: the answer's source
        self._walk = walk_key(self.root, self.found)

    def stamp(self) -> bytes:
        """The key an answer kept for this walk is stored under."""
        return f"{self._walk} {_file_stat(self.parse_file)}".encode("ascii")

    def load(self) -> dict[str, Any] | None:
        """The kept answer when it was made for this walk; None otherwise."""
        wait_saved(self.file)
        try:
            body = read_blob(self.file, _MAGIC, self.stamp())
        except CacheFault:
            return None  # recomputed and rewritten: nothing lost worth a message
        if body is None:
            return None
        try:
            data = json.loads(bytes(body))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def save_behind(self, data: dict[str, Any]) -> None:
        """Keep ``data`` once the parse cache's own save (part of the key) is done."""
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        parse_save = pending_save(self.parse_file)

        def write() -> None:
            if parse_save is not None:
                parse_save.join()
            # a read-only or full cache dir only costs speed
            with contextlib.suppress(OSError):
                write_blob(self.file, _MAGIC, self.stamp(), [body])

        save_behind(self.file, write)
