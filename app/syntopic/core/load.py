"""Read and parse many notes, on every core when there are enough of them."""

from __future__ import annotations

import dataclasses
import gc
import marshal
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from contextlib import ExitStack

from syntopic.core.cache import Encoded, Entries, ParseCache
from syntopic.core.codec import decode, encode
from syntopic.core.files import read_note
from syntopic.core.heap import paused_gc
from syntopic.core.model import ParsedNote, Problem
from syntopic.core.parse import ParseOptions, parse_note
from syntopic.core.pool import process_pool, worker_count
from syntopic.core.scan import ScanResult, scan

Progress = Callable[[int, int], None]
Taker = Callable[[list[ParsedNote]], None]  # handed each chunk's notes as they come in
PARALLEL_THRESHOLD = 400  # below this, starting processes costs more than it saves
CHUNK_MAX = 500
# the workers' chunks kept for the parse cache, at most this many bytes: a vault
# of 6,500 notes (7-16 MB) is written without encoding a note again, and one of
# 100,000 (250 MB of chunks) does not hold them all until the cache is written
KEEP_BYTES = 32 << 20


def parse_file(root: str, rel: str, options: ParseOptions) -> ParsedNote:
    """Read and parse one note; unreadable files become a note with a problem."""
    text, problem = read_note(os.path.join(root, rel))
    if text is None:
        assert problem is not None
        return problem_note(rel, problem)
    try:
        note = parse_note(rel, text, options)
    except Exception as exc:
        # a note that trips the parser is one note with a problem, not a vault that won't open
        return problem_note(rel, Problem("unparsed", f"could not be parsed: {exc!r:.200}", 0))
    if problem is not None:
        note.problems = (problem, *note.problems)
    return note


def _parse_chunk(root: str, rels: Sequence[str], options: ParseOptions) -> bytes:
    # Plain tuples cross the process boundary: unpickling NamedTuples calls
    # their Python constructors, which cost more than the parse saved.
    return marshal.dumps([encode(parse_file(root, rel, options)) for rel in rels])


def parse_files(
    root: str,
    rels: Sequence[str],
    options: ParseOptions,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[ParsedNote]:
    """Parse ``rels`` (vault-relative) and return them in the same order."""
    return ParseJob(root, rels, options, workers).results(progress)


class ParseJob:
    """Notes being parsed on every core from the moment this is made, while the
    caller goes on (importing the graph stack, say); `results` waits for them.

    ``here``: the calling process has nothing else to do until the notes are in
    (a command line), so it takes a core's share itself: one worker fewer, and
    the chunks it parses are never marshalled across. In a window's process the
    caller must not, or its parsing would hold the interpreter the UI needs.
    """

    def __init__(
        self,
        root: str,
        rels: Sequence[str],
        options: ParseOptions,
        workers: int | None = None,
        *,
        here: bool = False,
    ) -> None:
        self.root, self.rels, self.options = root, rels, options
        workers = worker_count() if workers is None else workers
        self._pool = ExitStack()
        self._parts: list[tuple[Sequence[str], Future[bytes]]] = []
        # chunks as the workers sent them (up to KEEP_BYTES): the parse cache
        # writes these bytes as they are instead of encoding their notes again
        self.blobs: list[tuple[Sequence[str], bytes]] = []
        self._kept = 0
        self._here = here
        self._every: set[int] | None = None  # this thread's cores before sharing
        cores = workers
        if here:
            workers -= 1
        if workers < 1 or len(rels) < PARALLEL_THRESHOLD:
            return  # parsed in `results`, in this process
        # at most CHUNK_MAX notes a chunk: reading one back is one call that holds the
        # GIL (6,250 notes a chunk at 100,000 notes: 80 ms with the window waiting)
        # Shared with this process, finer: at the end it waits for what the worker
        # holds (the chunk it parses and the one queued behind), ~30 ms at this size
        size = max(50, min(CHUNK_MAX, len(rels) // (cores * (24 if here else 8))))
        # Sharing, this process keeps one core and the workers the others: left to
        # the scheduler, a worker woken by this process's hand-over is often put on
        # its core (a cold `stats` of obsidian-hub: 0.71 -> 0.66 s, medians of 15).
        # Set before the pool starts its threads here, which take it on (the call
        # sets this thread's affinity); put back in `close`.
        split = _split_cores() if here else None
        try:
            if split is not None:
                self._every = os.sched_getaffinity(0)
                os.sched_setaffinity(0, split[0])
            others = split[1] if split is not None else None
            pool = self._pool.enter_context(
                process_pool(workers, initializer=_start_parser, initargs=(others,))
            )
            for i in range(0, len(rels), size):
                chunk = rels[i : i + size]
                self._parts.append((chunk, pool.submit(_parse_chunk, root, chunk, options)))
        except BaseException:
            self.close()
            raise

    def results(
        self, progress: Progress | None = None, each: Taker | None = None
    ) -> list[ParsedNote]:
        """Every note parsed, in the order of ``rels``; the workers are gone after.
        ``each`` is handed every chunk's notes as they come in, in any order."""
        try:
            return self._collect(progress, each or _ignore)
        finally:
            self.close()

    def _collect(self, progress: Progress | None, each: Taker) -> list[ParsedNote]:
        total = len(self.rels)
        out: list[ParsedNote] = []
        if not self._parts:
            for i, rel in enumerate(self.rels):
                out.append(parse_file(self.root, rel, self.options))
                if progress is not None and (i % 64 == 63 or i == total - 1):
                    progress(i + 1, total)
            each(out)
            return out
        if self._here:
            return self._collect_here(progress, each)
        # each future let go once read: it holds its chunk (250 MB in all at 100,000 notes)
        parts = self._parts[::-1]
        self._parts.clear()
        while parts:
            notes = self._read(*parts.pop())
            each(notes)
            out.extend(notes)
            if progress is not None:
                progress(len(out), total)
        return out

    def _read(self, chunk: Sequence[str], part: Future[bytes]) -> list[ParsedNote]:
        """The notes of a chunk a worker parsed (waiting for it)."""
        blob = part.result()
        if self._kept + len(blob) <= KEEP_BYTES:
            self._kept += len(blob)
            self.blobs.append((chunk, blob))
        return [decode(row) for row in marshal.loads(blob)]

    def _collect_here(self, progress: Progress | None, each: Taker) -> list[ParsedNote]:
        """Share the parse with the workers: they take chunks from the first on; this
        process takes them from the last back, each one no worker has started
        (cancelled in the pool), and reads what the workers finished in between."""
        parts, self._parts = self._parts, []
        done: list[list[ParsedNote] | None] = [None] * len(parts)
        count = 0
        first, last = 0, len(parts)  # parts[first:last] are neither read nor parsed here
        while first < last:
            chunk, part = parts[last - 1]
            if not parts[first][1].done() and part.cancel():
                last -= 1
                done[last] = notes = [parse_file(self.root, r, self.options) for r in chunk]
            else:  # read what a worker finished (waiting once they have every chunk left)
                done[first] = notes = self._read(*parts[first])
                first += 1
            each(notes)
            count += len(notes)
            if progress is not None:
                progress(count, len(self.rels))
        return [note for notes in done if notes is not None for note in notes]

    def close(self) -> None:
        """Stop the workers (pending chunks cancelled); safe to call twice."""
        self._pool.close()
        if self._every is not None:
            os.sched_setaffinity(0, self._every)
            self._every = None


class Opening:
    """The graph-free first half of opening a vault: the walk, the parse cache read,
    and the notes that changed since being parsed on every core.

    Made before the graph stack is imported (a command line), the parse runs while
    the imports do; `Vault.open` finishes it either way.
    """

    def __init__(
        self,
        root: str,
        options: ParseOptions,
        *,
        use_cache: bool = True,
        found: ScanResult | None = None,
        workers: int | None = None,
        here: bool = False,
        save: bool = True,
        contexts: bool = True,
    ) -> None:
        """``save``: whether the parse cache is brought up to date with what is parsed
        (a command that keeps only its answer saves the work of encoding every note).
        ``contexts=False`` (only without ``save``): the notes parsed now carry no
        link contexts, the cache's own notes still do."""
        if save and not contexts:
            raise ValueError("notes parsed without contexts are never cached")
        self.root = os.path.abspath(root)
        self.options = options
        self.save = save
        self.found = scan(self.root) if found is None else found
        self.cache = ParseCache(self.root, options) if use_cache else None
        with paused_gc():
            self.cached = self.cache.load() if self.cache is not None else {}
        if self.cache is not None and self.cache.last_error:
            # a damaged cache is rebuilt by whoever found it, as its message says
            self.save = contexts = True
        self.kept: list[ParsedNote] = []  # unchanged since the cache was written
        stale: list[str] = []
        for rel, stat in self.found.notes.items():
            entry = self.cached.get(rel)
            if entry is not None and entry[0] == stat:
                self.kept.append(entry[1])
            else:
                stale.append(rel)
        self.stale = stale
        parsing = options if contexts else dataclasses.replace(options, contexts=False)
        self.job = ParseJob(self.root, stale, parsing, workers, here=here) if stale else None

    def notes(
        self, progress: Progress | None = None, each: Taker | None = None
    ) -> list[ParsedNote]:
        """The kept notes and the parsed ones (waiting for the workers); ``each`` is
        handed them a chunk at a time as they come in."""
        if each is not None:
            each(self.kept)
        if self.job is None:
            return self.kept
        return self.kept + self.job.results(progress, each)

    def for_cache(self, notes: dict[str, ParsedNote]) -> tuple[Entries, list[Encoded]]:
        """What the parse cache keeps of the opened ``notes``: those to encode, and
        those the workers marshalled already, as they sent them (no second encoding)."""
        stats = self.found.notes
        encoded: list[Encoded] = []
        done: set[str] = set()
        for rels, blob in self.job.blobs if self.job is not None else ():
            encoded.append(([(stats[r].size, stats[r].mtime_ns) for r in rels], blob))
            done.update(rels)
        entries = {p: (stats[p], n) for p, n in notes.items() if p not in done}
        return entries, encoded

    def close(self) -> None:
        if self.job is not None:
            self.job.close()


def _split_cores() -> tuple[set[int], set[int]] | None:
    """One core this process may run on for itself and the rest for its workers;
    None where affinity cannot be set (not Linux) or there is one core."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = sorted(os.sched_getaffinity(0))
    return ({cores[0]}, set(cores[1:])) if len(cores) > 1 else None


def _start_parser(cores: set[int] | None) -> None:
    # a parse makes no reference cycles: the workers never run the collector
    # (as when they were forked inside `paused_gc`; a command line forks before)
    gc.disable()
    if cores:
        os.sched_setaffinity(0, cores)


def _ignore(notes: list[ParsedNote]) -> None:
    return None


def problem_note(rel: str, problem: Problem) -> ParsedNote:
    """A placeholder for a file that could not be read at all."""
    return ParsedNote(path=rel, title=rel.rsplit("/", 1)[-1][:-3], problems=(problem,))
