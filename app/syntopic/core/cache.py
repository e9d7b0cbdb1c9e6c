"""The parse cache: parsed notes kept between runs in the user cache dir."""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# where the folders are lives in cachedir (a quick search imports no more); named here too
from syntopic.core.cachedir import cache_root as cache_root
from syntopic.core.cachedir import vault_cache_dir as vault_cache_dir
from syntopic.core.codec import decode, encode
from syntopic.core.model import ParsedNote
from syntopic.core.scan import FileStat

if TYPE_CHECKING:  # `syntopic search` finds its index without the parser
    from syntopic.core.parse import ParseOptions

# Bump when ParsedNote or the parser's output changes meaning.
# 10: stats and notes in chunks of their own; 9: a type of links is an Obsidian property
SCHEMA_VERSION = 10
_MAGIC = b"SYNTOPIC-PARSE\n"
_FAMILY = b"SYNTOPIC-"  # how every cache file of every version starts
# Notes per marshal call. One call over the whole cache holds the GIL for ~80 ms at
# 6,500 notes, and the loader thread would freeze the window for that long.
CHUNK = 400

Entries = dict[str, tuple[FileStat, ParsedNote]]
# notes as a parse worker marshalled them (a list of `encode` rows), with their stats
Encoded = tuple[list[tuple[int, int]], bytes]


# Cache files this process is writing in the background, so a read waits for them.
_saving: dict[Path, threading.Thread] = {}
_saving_lock = threading.Lock()


def save_behind(file: Path, write: Callable[[], object]) -> None:
    """Run ``write`` (which writes ``file``) on a thread of its own.

    Persisting a cache is no part of having the graph ready: at 100,000 notes it
    is a tenth of a cold open. A later read of ``file`` in this process, and the
    process's exit, wait for it (the thread is not a daemon).
    """
    wait_saved(file)
    thread = threading.Thread(target=write, name=f"syntopic-save-{file.name}")
    with _saving_lock:
        _saving[file] = thread
    thread.start()


def pending_save(file: Path) -> threading.Thread | None:
    """The background save of ``file`` under way, if any (left for `wait_saved`)."""
    with _saving_lock:
        return _saving.get(file)


def wait_saved(file: Path | None = None) -> None:
    """Wait for the background save of ``file`` (of every cache file when None)."""
    with _saving_lock:
        if file is None:
            threads = list(_saving.values())
            _saving.clear()
        else:
            found = _saving.pop(file, None)
            threads = [found] if found is not None else []
    for thread in threads:
        thread.join()


class CacheFault(Exception):
    """A cache file exists but cannot be used; the message says why, for the status bar."""


def read_blob(file: Path, magic: bytes, stamp: bytes) -> memoryview | None:
    """The body of a cache file, or None when missing or written for another stamp.

    A view, not a copy: copying 200 MB (100,000 notes) is one call that holds the GIL.
    """
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CacheFault(f"unreadable ({exc.strerror or exc})") from None
    if not data.startswith(_FAMILY):
        raise CacheFault("damaged")  # not a file Syntopic wrote, or its start overwritten
    header_end = len(magic) + len(stamp) + 1
    if not data.startswith(magic) or data[len(magic) : header_end - 1] != stamp:
        return None  # another schema, Python or vault: not an error, just stale
    body = memoryview(data)[header_end + 4 :]
    # the checksum guards marshal, which is not made to read damaged data
    if zlib.crc32(body).to_bytes(4, "big") != data[header_end : header_end + 4]:
        raise CacheFault("damaged")
    return body


def write_blob(file: Path, magic: bytes, stamp: bytes, body: Iterable[bytes]) -> None:
    """Write a cache file atomically (a reader never sees half of it); raises OSError.

    ``body`` comes in parts, each written as it is made: what the parts are made
    from can go at once, and no join of them all holds the GIL.
    """
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".cache-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(magic + stamp + b"\n")
            checksum_at = handle.tell()
            handle.write(bytes(4))  # the checksum, once the body is written
            crc = 0
            for part in body:
                crc = zlib.crc32(part, crc)
                handle.write(part)
            handle.seek(checksum_at)
            handle.write(crc.to_bytes(4, "big"))
        os.replace(tmp, file)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def chunked(rows: Iterable[Any], size: int = CHUNK) -> Iterator[bytes]:
    """``rows`` marshalled ``size`` at a time, each chunk after its length (8 bytes).

    Rows are taken as they come: made on the fly, only one chunk of them is alive
    at a time (all of them at once kept the collector busy for up to 135 ms a pass).
    """
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield from _framed(marshal.dumps(chunk))


def unchunked(body: memoryview) -> Iterator[list[Any]]:
    """The row lists `chunked` wrote, one chunk at a time; ValueError if cut short."""
    at, end = 0, len(body)
    while at < end:
        size = int.from_bytes(body[at : at + 8], "big")
        at += 8
        if size <= 0 or at + size > end:
            raise ValueError("a chunk runs past the end of the cache")
        yield marshal.loads(body[at : at + size])
        at += size


class ParseCache:
    """Loads and saves parse results; any fault means an empty, rebuilt cache."""

    def __init__(self, vault_root: str, options: ParseOptions) -> None:
        from syntopic.core import frontmatter  # here: `syntopic search` does without YAML

        self.vault_root = os.path.abspath(vault_root)
        self.file = vault_cache_dir(vault_root) / "notes.bin"
        self.stamp = repr(
            (
                SCHEMA_VERSION,
                frontmatter.VERSION,  # its own: front matter changes apart from the parser
                sys.version_info[:2],
                marshal.version,
                self.vault_root,
                options,
            )
        ).encode("utf-8")
        self.last_error: str | None = None

    def load(self) -> Entries:
        wait_saved(self.file)
        try:
            body = read_blob(self.file, _MAGIC, self.stamp)
        except CacheFault as exc:
            self.last_error = f"parse cache {exc}; rebuilt"
            return {}
        if body is None:
            return {}
        try:
            entries: Entries = {}
            sections = unchunked(body)
            new = tuple.__new__
            for stats in sections:  # a chunk of stats, then the chunk of their notes
                rows = next(sections, None)
                if rows is None or len(rows) != len(stats):
                    raise ValueError("stats and notes do not pair up")
                for stat, row in zip(stats, rows, strict=True):
                    entries[row[0]] = (new(FileStat, stat), decode(row))
            return entries
        except Exception as exc:  # a cache of any other shape is simply rebuilt
            self.last_error = f"parse cache unreadable ({type(exc).__name__}); rebuilt"
            return {}

    def save_behind(self, entries: Entries, encoded: Sequence[Encoded] = ()) -> None:
        """`save` on a background thread; `last_error` says how it went once it is done."""
        save_behind(self.file, lambda: self.save(entries, encoded))

    def save(self, entries: Entries, encoded: Sequence[Encoded] = ()) -> bool:
        """Write atomically; a read-only or full cache dir only costs speed.

        ``encoded``: more notes, already marshalled (by the parse workers).
        """
        try:
            write_blob(self.file, _MAGIC, self.stamp, _sections(entries, encoded))
        except OSError as exc:
            self.last_error = f"parse cache not saved: {exc.strerror or exc}"
            return False
        return True


def _sections(entries: Entries, encoded: Sequence[Encoded]) -> Iterator[bytes]:
    """Chunks of stats, each followed by the chunk of its notes, as `unchunked` reads them."""
    items = iter(entries.values())
    while part := list(itertools.islice(items, CHUNK)):
        yield from _framed(marshal.dumps([tuple(stat) for stat, _ in part]))
        yield from _framed(marshal.dumps([encode(note) for _, note in part]))
    for stats, blob in encoded:
        yield from _framed(marshal.dumps(stats))
        yield from _framed(blob)


def _framed(data: bytes) -> Iterator[bytes]:
    yield len(data).to_bytes(8, "big")
    yield data
