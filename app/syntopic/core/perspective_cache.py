"""Perspective edges kept between runs, so a warm open skips attribution."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from syntopic.core.attribution import ATTRIBUTION_VERSION
from syntopic.core.cache import (
    CacheFault,
    chunked,
    read_blob,
    save_behind,
    unchunked,
    vault_cache_dir,
    wait_saved,
    write_blob,
)
from syntopic.core.catalog import Catalog
from syntopic.core.model import ParsedNote
from syntopic.core.resolve import link_key
from syntopic.core.scan import FileStat

_MAGIC = b"SYNTOPIC-PERSPECTIVES-2\n"  # 2: chunked

# book path, line, context: one perspective edge into the concept
CachedEdge = tuple[str, int, str]
Entries = dict[str, tuple[FileStat, list[CachedEdge]]]


def signature(parse_stamp: bytes, catalog: Catalog, notes: Iterable[ParsedNote]) -> bytes:
    """What every concept's attribution depends on beyond its own text.

    That is the catalog (titles, aliases, authors) and which notes a link to a
    book's name could resolve to; any other note coming or going leaves it alone.
    """
    keys = {link_key(k) for k in catalog.link_keys}
    rivals = sorted(
        note.path
        for note in notes
        if link_key(note.path.rsplit("/", 1)[-1][:-3]) in keys
        or any(link_key(alias) in keys for alias in note.aliases)
    )
    books = sorted((b.path, b.title, b.authors, b.aliases, str(b.year)) for b in catalog)
    digest = hashlib.sha1(repr((ATTRIBUTION_VERSION, books, rivals)).encode("utf-8"))
    return parse_stamp + b"|" + digest.hexdigest().encode("ascii")


class PerspectiveCache:
    """Loads and saves perspective edges per concept; any fault means recompute."""

    def __init__(self, vault_root: str) -> None:
        self.file = vault_cache_dir(vault_root) / "perspectives.bin"
        self.last_error: str | None = None

    def load(self, stamp: bytes) -> Entries:
        wait_saved(self.file)
        try:
            body = read_blob(self.file, _MAGIC, stamp)
            if body is None:
                return {}
            return {
                path: (FileStat(*stat), edges)
                for rows in unchunked(body)
                for path, stat, edges in rows
            }
        except CacheFault as exc:
            self.last_error = f"perspective cache {exc}; rebuilt"
        except Exception as exc:  # any other shape is simply recomputed
            self.last_error = f"perspective cache unreadable ({type(exc).__name__}); rebuilt"
        return {}

    def save_behind(self, stamp: bytes, entries: Entries) -> None:
        save_behind(self.file, lambda: self.save(stamp, entries))

    def save(self, stamp: bytes, entries: Entries) -> bool:
        body = chunked((path, tuple(stat), edges) for path, (stat, edges) in entries.items())
        try:
            write_blob(self.file, _MAGIC, stamp, body)
        except OSError as exc:
            self.last_error = f"perspective cache not saved: {exc.strerror or exc}"
            return False
        return True
