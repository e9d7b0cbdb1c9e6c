"""Keeping the index in step with the vault: full and incremental builds, live edits.

`Indexer.build()` indexes only notes whose size or mtime changed, on every
core when there are many; `update(event)` follows one edit. Made for a worker
thread: `update()` called during a build is queued and applied by it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from whoosh.writing import NO_MERGE

from syntopic.core.books import is_book
from syntopic.core.model import ParsedNote
from syntopic.core.scan import FileStat
from syntopic.core.vault import Vault, VaultEvent
from syntopic.search import bodies
from syntopic.search import build as parallel
from syntopic.search.documents import document
from syntopic.search.schema import BooksFor
from syntopic.search.store import Files, IndexStore
from syntopic.search.whooshx.segments import Publisher, cancel, merge_small

Progress = Callable[[int, int], None]

PARALLEL_MIN = 1500  # notes to index before worker processes pay for their start
BATCH = 1000  # notes per commit when indexing in this process
CHUNK_MAX = 4000  # notes per segment a worker writes


@dataclass(slots=True)
class BuildReport:
    """What one `build()` did."""

    added: int = 0  # notes (re)indexed
    removed: int = 0  # notes taken out
    seconds: float = 0.0
    rebuilt: bool = False  # started from an empty index
    cancelled: bool = False
    read_only: bool = False  # another process held the write lock: nothing written


class Indexer:
    """Writes ``vault``'s notes into ``store``; ``books_for`` fills `book:` and `author:`."""

    def __init__(
        self, store: IndexStore, vault: Vault, books_for: BooksFor, workers: int | None = None
    ) -> None:
        self.store = store
        self.vault = vault
        self.books_for = books_for
        self.workers = workers if workers is not None else max(1, min(4, os.cpu_count() or 1))
        self.ready = False  # a build has brought the index up to date
        self.files: Files | None = None  # what the index holds, once a build has read it
        self._committed = -1  # the generation of this process's last commit
        self._unrecorded = False  # live edits committed since `files` was last recorded
        self._write = threading.Lock()  # one writer per process: builds and updates
        self._pending: set[str] = set()  # paths changed while a build ran
        self._pending_lock = threading.Lock()

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def _queue(self, paths: Iterable[str]) -> None:
        with self._pending_lock:
            self._pending |= set(paths)

    def _job(
        self, path: str, notes: dict[str, ParsedNote], stats: dict[str, FileStat]
    ) -> bodies.Job:
        note = notes[path]
        stat = stats.get(path)
        size, mtime = (stat.size, stat.mtime_ns) if stat else (0, 0)
        if size > bodies.MAX_BODY_CHARS:
            self.store.say(
                f"big:{path}",
                f"{path} is {size / 1e6:.0f} MB: only its first "
                f"{bodies.MAX_BODY_CHARS // 1_000_000} MB is searchable.",
            )
        return document(note, "", size, mtime, self.books_for), note.body_start

    # -- building ------------------------------------------------------------------
    def build(
        self, progress: Progress | None = None, cancel_event: threading.Event | None = None
    ) -> BuildReport:
        """Bring the index up to date with the vault: only changed notes are indexed."""
        started = time.perf_counter()
        with self._write:
            report = self._build(progress, cancel_event)
            while not report.read_only and not report.cancelled:
                with self._pending_lock:
                    paths, self._pending = self._pending, set()
                if not paths:
                    break
                report.added += self._update_paths(paths)
        report.seconds = time.perf_counter() - started
        return report

    def _build(self, progress: Progress | None, stop: threading.Event | None) -> BuildReport:
        store = self.store
        report = BuildReport()
        if store.damage is not None:
            store.ix = None
        problem = None if store.ix is not None else store.try_open()
        if problem is None:
            try:
                indexed, twice, generation = store.indexed()
            except Exception as exc:  # the stored fields are damaged
                problem = f"it was damaged ({type(exc).__name__})"
                store.ix = None
        if problem is not None:
            report.rebuilt = True
            if not store.reset(problem):
                report.read_only = True
                return report
            indexed, twice, generation = {}, set(), -1
        notes = dict(self.vault.notes)  # the UI thread may apply edits meanwhile
        stats = dict(self.vault.stats)
        gone = [p for p in indexed if p not in notes]
        changed = [p for p in notes if p in twice or indexed.get(p) != tuple(stats.get(p, (0, 0)))]
        if not gone and not changed:
            self.ready = True
            self.files = indexed
            if store.recorded_files() is None:
                store.record_files(indexed, generation)
            return report
        writer = store.writer()
        if writer is None:
            report.read_only = True
            return report
        try:
            for path in gone:
                writer.delete_by_term("path", path)
            for path in changed:
                if path in indexed:
                    writer.delete_by_term("path", path)
            report.removed = len(gone)
            if (
                len(changed) >= PARALLEL_MIN
                and self.workers > 1
                and store.storage_folder is not None
            ):
                report.added = self._add_parallel(writer, changed, notes, stats, progress, stop)
            else:
                jobs = [self._job(p, notes, stats) for p in sorted(changed)]
                report.added, writer = self._add_here(writer, jobs, progress, stop)
        except BaseException:
            cancel(writer)
            raise
        if writer is not None:
            writer.commit(mergetype=merge_small)
        report.cancelled = stop is not None and stop.is_set()
        self.ready = not report.cancelled and writer is not None
        if self.ready:
            self.files = {p: (s.size, s.mtime_ns) for p in notes if (s := stats.get(p))}
            self.files.update((p, (0, 0)) for p in notes if p not in stats)
            self._committed, self._unrecorded = writer.generation, False
            store.record_files(self.files, writer.generation)
        return report

    def _add_here(
        self,
        writer: Any,
        jobs: list[bodies.Job],
        progress: Progress | None,
        stop: threading.Event | None,
    ) -> tuple[int, Any]:
        """Index in this process, committing every `BATCH` notes so searches see them."""
        total = len(jobs)
        step = max(1, min(50, total // 20))  # about twenty progress reports
        try:
            for done, (doc, body_start) in enumerate(jobs, 1):
                if stop is not None and stop.is_set():
                    return done - 1, writer
                writer.add_document(**bodies.fill_body(doc, self.vault.root, body_start))
                if progress is not None and (done % step == 0 or done == total):
                    progress(done, total)
                if done % BATCH == 0 and done < total:
                    writer.commit(mergetype=NO_MERGE)
                    writer = self.store.writer()
                    if writer is None:
                        return done, None
        except BaseException:
            cancel(writer)  # this batch's writer, whose lock the caller does not know
            raise
        return total, writer

    def _add_parallel(
        self,
        writer: Any,
        paths: list[str],
        notes: dict[str, ParsedNote],
        stats: dict[str, FileStat],
        progress: Progress | None,
        stop: threading.Event | None,
    ) -> int:
        """Index in worker processes; each finished segment is published at once."""
        assert self.store.storage_folder is not None
        publisher = Publisher(writer)
        total = len(paths)
        workers = min(self.workers, max(1, total // 500))
        # two segments a worker, so the first half is searchable early; and a
        # writer holds its postings in memory, so none gets too many notes
        parts = max(workers * 2, -(-total // CHUNK_MAX))
        sizes = {p: stats[p].size if p in stats else 0 for p in paths}
        chunks = (
            [self._job(p, notes, stats) for p in chunk] for chunk in parallel.chunked(sizes, parts)
        )
        added = parallel.build_segments(
            self.store.storage_folder,
            self.vault.root,
            chunks,
            total,
            workers,
            lambda segment, _paths: publisher.publish(segment),
            progress,
            stop,
        )
        publisher.hand_back()
        return added

    # -- live edits ------------------------------------------------------------------
    def update(self, event: VaultEvent) -> None:
        """Follow an edit the vault applied: re-index what it added, changed or removed."""
        paths = set(event.added) | event.modified | event.removed | self._citing(event)
        if not paths:
            return
        if not self._write.acquire(blocking=False):
            self._queue(paths)  # a build is running: it applies these at its end
            return
        try:
            self._update_paths(paths)
        finally:
            self._write.release()

    def _update_paths(self, paths: Iterable[str]) -> int:
        paths = set(paths)
        if not self.store.open():
            self._queue(paths)  # nothing to update yet: the next build does it all
            return 0
        writer = self.store.writer()
        if writer is None:
            self._queue(paths)
            return 0
        added = 0
        notes, stats = self.vault.notes, self.vault.stats
        files = self.files
        try:
            for path in sorted(paths):
                writer.delete_by_term("path", path)
                if files is not None:
                    files.pop(path, None)
                if path in notes:
                    doc, body_start = self._job(path, notes, stats)
                    writer.add_document(**bodies.fill_body(doc, self.vault.root, body_start))
                    added += 1
                    if files is not None:
                        files[path] = (doc["size"], doc["mtime"])
        except BaseException:
            self.files = None  # no longer known
            cancel(writer)
            raise
        writer.commit(mergetype=merge_small)
        # recorded at `close()`, not here: rewriting the whole list after every
        # edit would cost a 100,000-note vault megabytes a keystroke-save
        self._committed, self._unrecorded = writer.generation, True
        return added

    def record(self) -> None:
        """Record what the index holds if live edits changed it and nobody wrote since."""
        if not self._write.acquire(blocking=False):
            return  # a build is writing: it records what it did itself
        try:
            if not self._unrecorded or self.files is None or self.store.ix is None:
                return
            if self.store.ix.latest_generation() == self._committed:
                self.store.record_files(self.files, self._committed)
            self._unrecorded = False
        finally:
            self._write.release()

    def _citing(self, event: VaultEvent) -> set[str]:
        """Notes whose perspectives name a book that was added, changed or removed.

        Their `book` field comes from ``books_for``, which depends on the books.
        """
        names: set[str] = set()
        for path in event.added | event.modified:
            note = self.vault.notes.get(path)
            if note is not None and is_book(note):
                names.update((note.title, *note.aliases))
        if event.removed and self.store.open():
            with self.store.ix.searcher() as searcher:
                for path in event.removed:
                    stored = searcher.document(path=path)
                    if stored is not None and stored.get("title"):
                        names.add(stored["title"])
        if not names:
            return set()
        return {
            path
            for path, note in self.vault.notes.items()
            if any(name in block.text for block in note.perspectives for name in names)
        }
