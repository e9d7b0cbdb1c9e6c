"""Where a vault's search index lives, and how it is opened, reset and locked.

The index is a cache in the user cache dir. Whatever goes wrong with it -
damaged or foreign files, an older schema, a read-only folder, another
Syntopic writing - search keeps working and `messages` says so, once.
"""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from typing import TYPE_CHECKING, Any

import whoosh
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import EmptyIndexError, LockError

from syntopic.core.cachedir import SEARCH_SCHEMA_VERSION as SCHEMA_VERSION
from syntopic.core.freshness import FILES, Files, Folders, read_files, write_files
from syntopic.search.schema import make_schema
from syntopic.search.whooshx.segments import LOCK, acquire
from syntopic.search.whooshx.writer import DamagedLengths, FastSegmentWriter

if TYPE_CHECKING:
    from pathlib import Path

STAMP = "syntopic-search.json"

__all__ = ["FILES", "LOCK", "STAMP", "Files", "Folders", "IndexStore", "stamp"]


def stamp(root: str) -> dict[str, Any]:
    """What the index's contents depend on besides the notes: nothing the caller
    chose (the app and the command line share one index of a vault)."""
    return {"schema": SCHEMA_VERSION, "whoosh": whoosh.versionstring(), "vault": root}


class IndexStore:
    """The index files of one vault: opened if valid, else made anew."""

    def __init__(self, root: str, folder: Path | str, lock_timeout: float = 2.0) -> None:
        """``folder``: where the index lives (a string is enough: the command
        line's quick answer imports no pathlib)."""
        self.root = root
        self.folder = folder
        self.lock_timeout = lock_timeout
        self.messages: list[str] = []  # what went wrong or was done about it, each said once
        self.read_only = False  # another process writes the index: this one only reads
        self.temporary = False  # the cache dir is unusable: the index lives in a temp place
        self.ix: Any = None
        self.epoch = 0  # counts the times `ix` was replaced by another index
        self.storage_folder: str | None = None  # None for a RAM index
        self.damage: str | None = None  # found broken while searching: start over
        self._said: set[str] = set()
        self._tempdir: str | None = None

    def say(self, key: str, message: str) -> None:
        """Add ``message`` to `messages` unless one with ``key`` was already said."""
        if key not in self._said:
            self._said.add(key)
            self.messages.append(message)

    def close(self) -> None:
        self.ix = None
        if self._tempdir is not None:
            import shutil  # only here and in resets: a quick search never needs it

            shutil.rmtree(self._tempdir, ignore_errors=True)
            self._tempdir = None

    # -- opening ---------------------------------------------------------------
    def open(self, *, read_through: bool = True) -> bool:
        """Open the existing index if it is there, ours and readable.

        ``read_through=False`` leaves out opening every segment to check it:
        for a caller that reads them next anyway, and on any damage found
        then (`damage`) starts over the full way.
        """
        return self.ix is not None or self.try_open(read_through=read_through) is None

    def try_open(self, *, read_through: bool = True) -> str | None:
        """Open the index in the cache folder; else why it must be made anew
        ("" when there is simply none yet)."""
        if self.damage is not None:
            return self.damage
        try:
            with open(os.path.join(self.folder, STAMP), encoding="utf-8") as f:
                found = json.loads(f.read())
        except FileNotFoundError:
            return ""
        except (OSError, ValueError) as exc:
            return f"its description could not be read ({exc})"
        if found != stamp(self.root):
            return "it was made by another version or for another folder"
        with warnings.catch_warnings():
            # whoosh leaves a damaged table of contents' file open: closed
            # (and warned about) when the failed attempt is dropped, here
            warnings.simplefilter("ignore", ResourceWarning)
            return self._open_files(read_through)

    def _open_files(self, read_through: bool) -> str | None:
        try:
            ix = FileStorage(str(self.folder)).open_index()
            expected = make_schema()
            if sorted(ix.schema.names()) != sorted(expected.names()) or any(
                type(ix.schema[n]) is not type(expected[n]) for n in expected.names()
            ):
                return "its fields are not this version's"
            if read_through:
                with ix.reader() as reader:
                    reader.doc_count_all()
        except EmptyIndexError:
            return ""
        except Exception as exc:  # any damage at all: whoosh raises many kinds
            return f"it was damaged ({type(exc).__name__})"
        self._use(ix, str(self.folder))
        return None

    def _use(self, ix: Any, folder: str | None) -> None:
        self.ix = ix
        self.storage_folder = folder
        self.epoch += 1

    def damaged(self, exc: Exception) -> None:
        """Found broken while reading: the next build starts over and says why."""
        detail = str(exc) if isinstance(exc, DamagedLengths) else type(exc).__name__
        self.damage = f"it was damaged ({detail})"
        self.ix = None

    # -- starting over -----------------------------------------------------------
    def _writable(self) -> str | None:
        """Why the cache folder cannot hold the index, or None if it can."""
        try:
            os.makedirs(self.folder, exist_ok=True)
        except OSError as exc:
            return exc.strerror or str(exc)
        if not os.access(self.folder, os.W_OK):
            return "the folder is read-only"
        return None

    def reset(self, reason: str) -> bool:
        """Start from an empty index in the cache folder (or a temporary one).

        ``reason`` says why, for `messages` ("" for a first build). False when
        another process holds the index's lock.
        """
        import shutil

        problem = self._writable()
        if problem is not None:
            return self._use_temporary(problem)
        storage = FileStorage(str(self.folder))
        lock = storage.lock(LOCK)
        try:
            if not acquire(lock, self.lock_timeout):
                self.say("busy", "Another Syntopic is rebuilding the search index; try again soon.")
                return False
        except OSError as exc:
            return self._use_temporary(exc.strerror or str(exc))
        try:
            for name in os.listdir(self.folder):
                if name == LOCK:
                    continue
                path = os.path.join(self.folder, name)
                if os.path.isdir(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(path)
            ix = storage.create_index(make_schema())
            with open(os.path.join(self.folder, STAMP), "w", encoding="utf-8") as f:
                f.write(json.dumps(stamp(self.root)))
        except OSError as exc:
            return self._use_temporary(exc.strerror or str(exc))
        finally:
            lock.release()
        self._remove_old_versions()
        if reason:
            self.say("reset", f"The search index was rebuilt: {reason}.")
        self.damage = None
        self._use(ix, str(self.folder))
        return True

    def _use_temporary(self, problem: str) -> bool:
        self.say(
            "temporary",
            f"The search index cannot be kept in {self.folder} ({problem}); "
            "using a temporary index for this session.",
        )
        self.damage = None
        self.temporary = True
        import tempfile

        try:
            self._tempdir = tempfile.mkdtemp(prefix="syntopic-search-")
            self._use(FileStorage(self._tempdir).create_index(make_schema()), self._tempdir)
        except OSError:
            self._use(RamStorage().create_index(make_schema()), None)
        return True

    def _remove_old_versions(self) -> None:
        """Indexes of older schemas are dead weight in the cache (newer ones may
        belong to a newer Syntopic, and stay)."""
        import shutil

        parent = os.path.dirname(os.path.abspath(self.folder))
        with contextlib.suppress(OSError):
            for name in os.listdir(parent):
                version = name.removeprefix("search-v")
                sibling = os.path.join(parent, name)
                if (
                    name.startswith("search-v")
                    and version.isdigit()
                    and int(version) < SCHEMA_VERSION
                    and os.path.isdir(sibling)
                ):
                    shutil.rmtree(sibling, ignore_errors=True)

    # -- reading and writing -----------------------------------------------------
    def writer(self) -> Any:
        """A writer holding the index's lock, or None (and read-only) if it is taken."""
        try:
            writer = FastSegmentWriter(self.ix, timeout=self.lock_timeout, delay=0.05)
        except LockError:
            self.read_only = True
            self.say(
                "locked",
                "Another Syntopic is updating the search index; "
                "searching what it has indexed so far.",
            )
            return None
        self.read_only = False
        return writer

    def indexed(self) -> tuple[Files, set[str], int]:
        """Path -> (size, mtime) of every indexed note, paths indexed twice, and
        the generation of the index they were read from."""
        out: Files = {}
        twice: set[str] = set()
        with self.ix.reader() as reader:
            generation = reader.generation()
            for stored in reader.all_stored_fields():
                path = stored.get("path")
                if path is None:
                    continue
                if path in out:
                    twice.add(path)
                out[path] = (stored.get("size", -1), stored.get("mtime", -1))
        return out, twice, generation

    def record_files(self, files: Files, generation: int) -> None:
        """Write the `FILES` list of generation ``generation`` (atomically; a
        failure only costs the next command-line search its shortcut)."""
        if self.storage_folder is None or self.temporary:
            return
        write_files(self.folder, files, generation)

    def recorded_files(self) -> tuple[int, Folders] | None:
        """How many notes the `FILES` list holds and the list, if it describes
        the index as it is now; else None."""
        if not self.open():
            return None
        recorded = read_files(self.folder)
        if recorded is None or recorded[0] != self.ix.latest_generation():
            return None
        return recorded[1], recorded[2]
