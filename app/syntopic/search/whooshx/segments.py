"""The index's segments, table of contents and write lock, handled below whoosh's API."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.util import now

LOCK = "MAIN_WRITELOCK"  # whoosh's write lock of the index named MAIN
SMALL_SEGMENT = 300  # segments below this size are merged once there are several
SMALL_SEGMENTS_MAX = 6


def merge_small(writer: Any, segments: list[Any]) -> list[Any]:
    """Fold the small segments that live edits leave behind into the new one.

    Whoosh's own policy may merge big segments on any commit, which would make
    a one-note update take seconds; this only ever merges small ones, and
    drops segments whose notes were all deleted.
    """
    live = [s for s in segments if s.doc_count() > 0]
    small = [s for s in live if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) < SMALL_SEGMENTS_MAX:
        return live
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in live if s not in small]


class Publisher:
    """Adds finished segments to the index one at a time, for a writer that holds
    the lock: each gets a new table of contents (written atomically), so searches
    see it at once; the writer's final commit cleans up the older tables."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self.segments = list(writer.segments)  # carry the deletions made by `writer`
        self.generation = writer.generation

    def publish(self, segment: Any) -> None:
        self.segments.append(segment)
        writer = self.writer
        TOC(writer.schema, self.segments, self.generation).write(writer.storage, writer.indexname)
        self.generation += 1

    def hand_back(self) -> None:
        """Make the published segments the writer's own, for its commit."""
        self.writer.segments = self.segments
        self.writer.generation = self.generation
        self.writer._setup_doc_offsets()


def cancel(writer: Any) -> None:
    """Give up a writer after an error, releasing its lock whatever state it is in."""
    if writer is None or writer.is_closed:
        return
    try:
        writer.cancel()
    except Exception:
        with contextlib.suppress(Exception):
            writer._finish()


def acquire(lock: Any, timeout: float) -> bool:
    """Take ``lock`` within ``timeout`` seconds. It is a `flock`: the kernel frees it
    when every process holding it has gone, so a dead owner never leaves it taken."""
    deadline = now() + timeout
    while True:
        if lock.acquire():
            return True
        if now() >= deadline:
            return False
        time.sleep(0.05)


def segment_count(ix: Any) -> int:
    return len(ix._segments())
