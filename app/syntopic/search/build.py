"""A full build on every core: each worker process writes whole segments.

Whoosh's analysis and posting writes are pure Python, so one process indexes
about 3,000 notes a second at best. Here worker processes each write their
own segment of the index folder (as whoosh's ``MpWriter(multisegment=True)``
does), the parent publishes each finished segment in a new table of contents,
so searches see the index grow, and holds the index's write lock throughout.

Workers come from `core.pool`, as the parser's do (they die with this
process). This module imports little, as each started worker imports it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from syntopic.core.pool import process_context, process_pool
from syntopic.search import bodies
from syntopic.search.bodies import Job

_LIMIT_MB = 256

# Set in each worker by `_init`: notes done (for progress), and a stop flag.
_done: Any = None
_stop: Any = None


def _init(done: Any, stop: Any) -> None:
    global _done, _stop
    _done, _stop = done, stop


def index_chunk(folder: str, root: str, jobs: list[Job]) -> tuple[Any, list[str]]:
    """Write one segment of ``jobs`` (in a worker): the segment and the paths in it.

    The segment is None when the build was stopped before the first note.
    """
    from whoosh.filedb.filestore import FileStorage

    from syntopic.search.whooshx.writer import FastSegmentWriter

    ix = FileStorage(folder).open_index()
    # the parent holds the lock; every worker writes its own segment files
    writer = FastSegmentWriter(ix, _lk=False, limitmb=_LIMIT_MB)
    paths: list[str] = []
    for doc, body_start in jobs:
        if _stop is not None and _stop.value:
            break
        writer.add_document(**bodies.fill_body(doc, root, body_start))
        paths.append(doc["path"])
        if _done is not None:
            with _done.get_lock():
                _done.value += 1
    if not paths:
        writer.abandon_segment()
        return None, []
    return writer.finished_segment(), paths


def chunked(sizes: dict[str, int], parts: int) -> list[list[str]]:
    """``parts`` lists of paths of similar total size, big notes spread across them."""
    chunks: list[list[str]] = [[] for _ in range(parts)]
    totals = [0] * parts
    # biggest first, ties by path; two sorts of plain keys, not one of tuples: sorting
    # 100,000 tuples is one 60 ms call that holds the GIL (the window waits)
    for path in sorted(sorted(sizes), key=sizes.__getitem__, reverse=True):
        i = totals.index(min(totals))
        chunks[i].append(path)
        totals[i] += sizes[path] + 200  # a note costs something whatever its size
    return [sorted(c) for c in chunks if c]


def build_segments(
    folder: str,
    root: str,
    chunks: Iterable[list[Job]],
    total: int,
    workers: int,
    publish: Callable[[Any, list[str]], None],
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Index ``chunks`` (``total`` notes) in worker processes, a segment each;
    ``publish`` each segment as it is done.

    ``chunks`` may be a generator: workers start on the first while the next
    are made. Returns how many notes were indexed (fewer when cancelled).
    Worker errors propagate once every worker has stopped.
    """
    ctx = process_context()
    done = ctx.Value("i", 0)
    stop = ctx.Value("b", 0)
    indexed = 0
    with process_pool(workers, context=ctx, initializer=_init, initargs=(done, stop)) as pool:
        pending: set[Future[tuple[Any, list[str]]]] = set()
        for chunk in chunks:
            pending.add(pool.submit(index_chunk, folder, root, chunk))
        error: BaseException | None = None
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    segment, paths = future.result()
                except BaseException as exc:  # stop the others, report after
                    error = error or exc
                    stop.value = 1
                    continue
                if segment is not None and error is None:
                    publish(segment, paths)
                    indexed += len(paths)
            if cancel is not None and cancel.is_set():
                stop.value = 1
            if progress is not None:
                progress(min(done.value, total), total)
        if error is not None:
            raise error
    return indexed
