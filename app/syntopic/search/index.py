"""The search index of one vault: a cache kept in step with the engine's notes.

`SearchIndex` opens the index in the user cache dir if it is valid, brings it
up to date with `build()` (only notes whose size or mtime changed are indexed
again) and follows live edits with `update(event)`. Whatever goes wrong with
the cache - damaged or foreign files, an older schema, a read-only folder,
another Syntopic writing - search keeps working and `messages` says so, once.

Threads: `build()` is made for a worker thread; `search()` may run meanwhile
(whoosh searchers see the last committed state, and builds commit in
batches). `update()` called during a build is queued and applied by it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import whoosh
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import TOC, EmptyIndexError, LockError
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F
from whoosh.support.levenshtein import distance
from whoosh.util import now
from whoosh.writing import NO_MERGE

from syntopic.core.books import is_book
from syntopic.core.cache import vault_cache_dir
from syntopic.core.model import ParsedNote
from syntopic.core.scan import FileStat
from syntopic.core.vault import Vault, VaultEvent
from syntopic.search import build as parallel
from syntopic.search.analysis import fold
from syntopic.search.documents import document
from syntopic.search.evaluate import evaluate
from syntopic.search.query import ParsedQuery, expand, parse
from syntopic.search.results import SearchHit, SearchResult, Snippet
from syntopic.search.schema import (
    SCHEMA_VERSION,
    TEXT_FIELDS,
    BooksFor,
    make_schema,
)
from syntopic.search.snippets import Body
from syntopic.search.snippets import snippets as make_snippets
from syntopic.search.spelling import StemCorrector, known, surface
from syntopic.search.writer import FastSegmentWriter

Progress = Callable[[int, int], None]

STAMP = "syntopic-search.json"
LOCK = "MAIN_WRITELOCK"  # whoosh's write lock of the index named MAIN
PARALLEL_MIN = 1500  # notes to index before worker processes pay for their start
BATCH = 1000  # notes per commit when indexing in this process
CHUNK_MAX = 4000  # notes per segment a worker writes
SMALL_SEGMENT = 300  # segments below this size are merged once there are several
SMALL_SEGMENTS_MAX = 6
BODY_CACHE = 256  # bodies kept ready for snippets


@dataclass(slots=True)
class BuildReport:
    """What one `build()` did."""

    added: int = 0  # notes (re)indexed
    removed: int = 0  # notes taken out
    seconds: float = 0.0
    rebuilt: bool = False  # started from an empty index
    cancelled: bool = False
    read_only: bool = False  # another process held the write lock: nothing written


def _merge_small(writer: Any, segments: list[Any]) -> list[Any]:
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


class SearchIndex:
    """Full-text search over one vault's notes.

    ``books_for(note)`` gives the (title, author) of the books a note's
    perspectives cite; without it, `book:` and `author:` also search the lead
    sentences of perspective blocks. ``folder`` overrides where the index
    lives (by default the vault's folder in the user cache dir).
    """

    def __init__(
        self,
        vault: Vault,
        *,
        books_for: BooksFor | None = None,
        folder: Path | None = None,
        lock_timeout: float = 2.0,
        workers: int | None = None,
    ) -> None:
        self.vault = vault
        self.books_for = books_for
        self.folder = folder or vault_cache_dir(vault.root) / f"search-v{SCHEMA_VERSION}"
        self.lock_timeout = lock_timeout
        self.workers = workers if workers is not None else max(1, min(4, os.cpu_count() or 1))
        self.messages: list[str] = []  # what went wrong or was done about it, each said once
        self.read_only = False  # another process writes the index: this one only reads
        self.temporary = False  # the cache dir is unusable: the index lives in a temp place
        self._said: set[str] = set()
        self._ix: Any = None
        self._storage_folder: str | None = None  # None for a RAM index
        self._tempdir: str | None = None
        self._searcher: Any = None
        self._damage: str | None = None  # found broken while searching: start over
        self._write = threading.Lock()  # one writer per process: builds and updates
        self._read = threading.Lock()  # the cached searcher is not thread-safe
        self._pending: set[str] = set()  # paths changed while a build ran
        self._pending_lock = threading.Lock()
        self._ready = False  # a build has brought the index up to date
        self._bodies: dict[tuple[str, tuple[int, ...] | None], Body] = {}

    # -- state ---------------------------------------------------------------
    @property
    def needs_build(self) -> bool:
        """True until a `build()` brought the index up to date, or after damage."""
        return not self._ready or self._damage is not None or bool(self._pending)

    def say(self, key: str, message: str) -> None:
        """Add ``message`` to `messages` unless one with ``key`` was already said."""
        if key not in self._said:
            self._said.add(key)
            self.messages.append(message)

    def take_messages(self) -> list[str]:
        """The messages not taken yet (for a status bar), oldest first."""
        out, self.messages = self.messages, []
        return out

    def close(self) -> None:
        with self._read:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self._ix = None
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)
            self._tempdir = None

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening ---------------------------------------------------------------
    def _stamp(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "whoosh": whoosh.versionstring(),
            "vault": self.vault.root,
            "books": self.books_for is not None,
        }

    def _open(self) -> bool:
        """Open the existing index if it is there, ours and readable."""
        return self._ix is not None or self._try_open() is None

    def _try_open(self) -> str | None:
        """Open the index in the cache folder; else why it must be made anew
        ("" when there is simply none yet)."""
        if self._damage is not None:
            return self._damage
        try:
            stamp = json.loads((self.folder / STAMP).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return ""
        except (OSError, ValueError) as exc:
            return f"its description could not be read ({exc})"
        if stamp != self._stamp():
            return "it was made by another version or for other settings"
        with warnings.catch_warnings():
            # whoosh leaves a damaged table of contents' file open: closed
            # (and warned about) when the failed attempt is dropped, here
            warnings.simplefilter("ignore", ResourceWarning)
            return self._open_files()

    def _open_files(self) -> str | None:
        try:
            ix = FileStorage(str(self.folder)).open_index()
            expected = make_schema()
            if sorted(ix.schema.names()) != sorted(expected.names()) or any(
                type(ix.schema[n]) is not type(expected[n]) for n in expected.names()
            ):
                return "its fields are not this version's"
            with ix.reader() as reader:
                reader.doc_count_all()
        except EmptyIndexError:
            return ""
        except Exception as exc:  # any damage at all: whoosh raises many kinds
            return f"it was damaged ({type(exc).__name__})"
        self._ix = ix
        self._storage_folder = str(self.folder)
        return None

    def _writable(self) -> str | None:
        """Why the cache folder cannot hold the index, or None if it can."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return exc.strerror or str(exc)
        if not os.access(self.folder, os.W_OK):
            return "the folder is read-only"
        return None

    def _reset(self, reason: str) -> bool:
        """Start from an empty index in the cache folder (or a temporary one).

        ``reason`` says why, for `messages` ("" for a first build).
        """
        problem = self._writable()
        if problem is not None:
            return self._use_temporary(problem)
        storage = FileStorage(str(self.folder))
        lock = storage.lock(LOCK)
        try:
            if not _acquire(lock, self.lock_timeout):
                self.say("busy", "Another Syntopic is rebuilding the search index; try again soon.")
                return False
        except OSError as exc:
            return self._use_temporary(exc.strerror or str(exc))
        try:
            for name in os.listdir(self.folder):
                if name == LOCK:
                    continue
                path = self.folder / name
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
            ix = storage.create_index(make_schema())
            (self.folder / STAMP).write_text(json.dumps(self._stamp()), encoding="utf-8")
        except OSError as exc:
            return self._use_temporary(exc.strerror or str(exc))
        finally:
            lock.release()
        self._remove_old_versions()
        if reason:
            self.say("reset", f"The search index was rebuilt: {reason}.")
        self._damage = None
        self._close_searcher()
        self._ix = ix
        self._storage_folder = str(self.folder)
        return True

    def _use_temporary(self, problem: str) -> bool:
        self.say(
            "temporary",
            f"The search index cannot be kept in {self.folder} ({problem}); "
            "using a temporary index for this session.",
        )
        self._damage = None
        self.temporary = True
        self._close_searcher()
        try:
            self._tempdir = tempfile.mkdtemp(prefix="syntopic-search-")
            self._ix = FileStorage(self._tempdir).create_index(make_schema())
            self._storage_folder = self._tempdir
        except OSError:
            self._ix = RamStorage().create_index(make_schema())
            self._storage_folder = None
        return True

    def _remove_old_versions(self) -> None:
        """Indexes of older schemas are dead weight in the cache (newer ones may
        belong to a newer Syntopic, and stay)."""
        with contextlib.suppress(OSError):
            for sibling in self.folder.parent.glob("search-v*"):
                version = sibling.name.removeprefix("search-v")
                if version.isdigit() and int(version) < SCHEMA_VERSION and sibling.is_dir():
                    shutil.rmtree(sibling, ignore_errors=True)

    def _close_searcher(self) -> None:
        with self._read:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None

    # -- writing ---------------------------------------------------------------
    def _writer(self) -> Any:
        """A writer holding the index's lock, or None (and read-only) if it is taken."""
        try:
            writer = FastSegmentWriter(self._ix, timeout=self.lock_timeout, delay=0.05)
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

    def _job(
        self, path: str, notes: dict[str, ParsedNote], stats: dict[str, FileStat]
    ) -> parallel.Job:
        note = notes[path]
        stat = stats.get(path)
        size, mtime = (stat.size, stat.mtime_ns) if stat else (0, 0)
        if size > parallel.MAX_BODY_CHARS:
            self.say(
                f"big:{path}",
                f"{path} is {size / 1e6:.0f} MB: only its first "
                f"{parallel.MAX_BODY_CHARS // 1_000_000} MB is searchable.",
            )
        return document(note, "", size, mtime, self.books_for), note.body_start

    def _indexed(self) -> tuple[dict[str, tuple[int, int]], set[str]]:
        """Path -> (size, mtime) of every indexed note, and paths indexed twice."""
        out: dict[str, tuple[int, int]] = {}
        twice: set[str] = set()
        with self._ix.reader() as reader:
            for stored in reader.all_stored_fields():
                path = stored.get("path")
                if path is None:
                    continue
                if path in out:
                    twice.add(path)
                out[path] = (stored.get("size", -1), stored.get("mtime", -1))
        return out, twice

    def build(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> BuildReport:
        """Bring the index up to date with the vault: only changed notes are indexed.

        Runs a full build on every core when the index is new, damaged or far
        behind. ``progress(done, total)`` is called as notes are indexed;
        setting ``cancel`` stops early, keeping what was committed.
        """
        started = time.perf_counter()
        with self._write:
            report = self._build(progress, cancel)
            while not report.read_only and not report.cancelled:
                with self._pending_lock:
                    paths, self._pending = self._pending, set()
                if not paths:
                    break
                report.added += self._update_paths(paths)
        report.seconds = time.perf_counter() - started
        return report

    sync = build

    def _build(self, progress: Progress | None, cancel: threading.Event | None) -> BuildReport:
        report = BuildReport()
        if self._damage is not None:
            self._ix = None
        problem = None if self._ix is not None else self._try_open()
        if problem is None:
            try:
                indexed, twice = self._indexed()
            except Exception as exc:  # the stored fields are damaged
                problem = f"it was damaged ({type(exc).__name__})"
                self._ix = None
        if problem is not None:
            report.rebuilt = True
            if not self._reset(problem):
                report.read_only = True
                return report
            indexed, twice = {}, set()
        notes = dict(self.vault.notes)  # the UI thread may apply edits meanwhile
        stats = dict(self.vault.stats)
        gone = [p for p in indexed if p not in notes]
        changed = [p for p in notes if p in twice or indexed.get(p) != tuple(stats.get(p, (0, 0)))]
        if not gone and not changed:
            self._ready = True
            return report
        writer = self._writer()
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
                and self._storage_folder is not None
            ):
                report.added, writer = self._add_parallel(
                    writer, changed, notes, stats, progress, cancel
                )
            else:
                jobs = [self._job(p, notes, stats) for p in sorted(changed)]
                report.added, writer = self._add_here(writer, jobs, progress, cancel)
        except BaseException:
            _cancel(writer)
            raise
        if writer is not None:
            writer.commit(mergetype=_merge_small)
        report.cancelled = cancel is not None and cancel.is_set()
        self._ready = not report.cancelled and writer is not None
        return report

    def _add_here(
        self,
        writer: Any,
        jobs: list[parallel.Job],
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> tuple[int, Any]:
        """Index in this process, committing every `BATCH` notes so searches see them."""
        total = len(jobs)
        step = max(1, min(50, total // 20))  # about twenty progress reports
        try:
            for done, (doc, body_start) in enumerate(jobs, 1):
                if cancel is not None and cancel.is_set():
                    return done - 1, writer
                writer.add_document(**parallel.fill_body(doc, self.vault.root, body_start))
                if progress is not None and (done % step == 0 or done == total):
                    progress(done, total)
                if done % BATCH == 0 and done < total:
                    writer.commit(mergetype=NO_MERGE)
                    writer = self._writer()
                    if writer is None:
                        return done, None
        except BaseException:
            _cancel(writer)  # this batch's writer, whose lock the caller does not know
            raise
        return total, writer

    def _add_parallel(
        self,
        writer: Any,
        paths: list[str],
        notes: dict[str, ParsedNote],
        stats: dict[str, FileStat],
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> tuple[int, Any]:
        """Index in worker processes; each finished segment is committed at once."""
        segments = list(writer.segments)  # carry the deletions made by `writer`
        generation = writer.generation

        def publish(segment: Any, paths: list[str]) -> None:
            nonlocal generation
            segments.append(segment)
            # a new table of contents, written atomically: searches see the
            # segment now; the final commit cleans up the older ones
            TOC(writer.schema, segments, generation).write(writer.storage, writer.indexname)
            generation += 1

        assert self._storage_folder is not None
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
            self._storage_folder, self.vault.root, chunks, total, workers, publish, progress, cancel
        )
        writer.segments = segments
        writer.generation = generation
        writer._setup_doc_offsets()
        return added, writer

    def update(self, event: VaultEvent) -> None:
        """Follow an edit the vault applied: re-index what it added, changed or removed."""
        paths = set(event.added) | event.modified | event.removed
        if self.books_for is not None:
            paths |= self._citing(event)
        if not paths:
            return
        if not self._write.acquire(blocking=False):
            with self._pending_lock:  # a build is running: it applies these at its end
                self._pending |= paths
            return
        try:
            self._update_paths(paths)
        finally:
            self._write.release()

    def _update_paths(self, paths: Iterable[str]) -> int:
        paths = set(paths)
        if not self._open():
            with self._pending_lock:  # nothing to update yet: the next build does it all
                self._pending |= paths
            return 0
        writer = self._writer()
        if writer is None:
            with self._pending_lock:
                self._pending |= paths
            return 0
        added = 0
        try:
            for path in sorted(paths):
                writer.delete_by_term("path", path)
                if path in self.vault.notes:
                    doc, body_start = self._job(path, self.vault.notes, self.vault.stats)
                    writer.add_document(**parallel.fill_body(doc, self.vault.root, body_start))
                    added += 1
        except BaseException:
            _cancel(writer)
            raise
        writer.commit(mergetype=_merge_small)
        return added

    def _citing(self, event: VaultEvent) -> set[str]:
        """Notes whose perspectives name a book that was added, changed or removed.

        Their `book` field comes from ``books_for``, which depends on the books.
        """
        names: set[str] = set()
        for path in event.added | event.modified:
            note = self.vault.notes.get(path)
            if note is not None and is_book(note):
                names.update((note.title, *note.aliases))
        if event.removed and self._open():
            with self._ix.searcher() as searcher:
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

    # -- searching ---------------------------------------------------------------
    def _current_searcher(self) -> Any:
        if self._ix is None and not self._open():
            return None
        searcher = self._searcher
        if searcher is not None:
            if searcher.up_to_date():
                return searcher
            # not `refresh()`: whoosh reuses the readers of segments whose
            # deletions changed (and so still finds deleted notes)
            searcher.close()
        searcher = self._ix.searcher(weighting=BM25F())
        # load the field lengths BM25 reads now, not during the first query
        for leaf, _ in searcher.reader().leaf_readers():
            for name in TEXT_FIELDS:
                if leaf.doc_count_all():
                    leaf.doc_field_length(0, name)
        self._searcher = searcher
        return searcher

    def warm(self) -> None:
        """Open the searcher now (from a worker), so the first query does not pay for it."""
        with self._read, contextlib.suppress(Exception):  # damage surfaces in `search`
            self._current_searcher()

    def search(self, text: str, limit: int = 20, snippets: int = 10) -> SearchResult:
        """Ranked notes for a query; never raises for anything the user typed.

        Snippets are made for the first ``snippets`` hits (reading their files).
        """
        parsed = parse(text, perspectives_fallback=self.books_for is None)
        result = SearchResult(text, notice=parsed.notice)
        if parsed.query is None:
            if text.strip() and result.notice is None:
                result.notice = "Nothing to search for: only very common words."
            return result
        with self._read:
            try:
                searcher = self._current_searcher()
                if searcher is None:
                    why = (
                        "The search index is damaged; it will be rebuilt."
                        if self._damage
                        else "The search index is not built yet."
                    )
                    result.notice = result.notice or why
                    return result
                self._run(searcher, parsed, result, limit, snippets)
            except Exception as exc:  # damaged index files surface only when read
                self._damaged(exc)
                result.hits = []
                result.notice = "The search index is damaged; it will be rebuilt."
        return result

    def _damaged(self, exc: Exception) -> None:
        self._damage = f"it was damaged ({type(exc).__name__})"
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
        self._searcher = None
        self._ix = None
        self._ready = False

    def _run(
        self,
        searcher: Any,
        parsed: ParsedQuery,
        result: SearchResult,
        limit: int,
        snippets: int,
    ) -> None:
        assert parsed.query is not None
        query, expansions = expand(parsed.query, searcher.reader())
        hits, result.total = evaluate(searcher, query, max(1, limit))
        terms = set(parsed.highlight.terms)
        for node in parsed.highlight.expanders:
            terms.update(expansions.get(id(node), ()))
        out: list[SearchHit] = []
        for rank, (score, docnum) in enumerate(hits):
            stored = searcher.stored_fields(docnum)
            path = stored["path"]
            found: tuple[Snippet, ...] = ()
            if rank < snippets:
                found = tuple(make_snippets(self._prepared(path), terms))
            out.append(SearchHit(path, stored.get("title", path), score, found))
        result.hits = out
        result.suggestion = self._suggest(searcher, parsed)

    def _prepared(self, path: str) -> Body:
        """The body as snippets need it, cached: typing a query repeats the top hits."""
        stat = self.vault.stats.get(path)
        key = (path, tuple(stat) if stat else None)
        body = self._bodies.pop(key, None)
        if body is None:
            body = Body(self._body(path))
            if len(self._bodies) >= BODY_CACHE:
                del self._bodies[next(iter(self._bodies))]
        self._bodies[key] = body  # most recently used last
        return body

    def _body(self, path: str) -> str:
        note = self.vault.notes.get(path)
        if note is None:
            return ""
        return parallel.read_body(self.vault.root, path, note.body_start)

    def _suggest(self, searcher: Any, parsed: ParsedQuery) -> str | None:
        """The query with each word no note contains replaced by the nearest one."""
        reader = searcher.reader()
        fields = tuple(TEXT_FIELDS)
        corrector: StemCorrector | None = None
        replacements: list[tuple[int, str, str]] = []
        for word in parsed.words:
            if known(reader, word.term, fields):
                continue
            corrector = corrector or StemCorrector(reader)
            # one edit first: far cheaper to look for, and usually enough
            options = corrector.suggest(word.term, limit=1, maxdist=1, prefix=1)
            if not options:
                options = corrector.suggest(word.term, limit=1, maxdist=2, prefix=1)
            if not options:
                continue
            better = surface(options[0], word.text, reader, self._body)
            if better and distance(better, fold(word.text)) <= 3:
                replacements.append((word.start, word.text, better))
        if not replacements:
            return None
        text = parsed.text
        for start, old, new in sorted(replacements, reverse=True):
            text = text[:start] + new + text[start + len(old) :]
        return text

    # -- for tests and benchmarks -------------------------------------------------
    def doc_count(self) -> int:
        if self._ix is None and not self._open():
            return 0
        return int(self._ix.doc_count())

    def paths(self) -> set[str]:
        """Every indexed note path (deleted documents left out)."""
        if self._ix is None and not self._open():
            return set()
        return set(self._indexed()[0])

    def segment_count(self) -> int:
        if self._ix is None and not self._open():
            return 0
        return len(self._ix._segments())


def _cancel(writer: Any) -> None:
    """Give up a writer after an error, releasing its lock whatever state it is in."""
    if writer is None or writer.is_closed:
        return
    try:
        writer.cancel()
    except Exception:
        with contextlib.suppress(Exception):
            writer._finish()


def _acquire(lock: Any, timeout: float) -> bool:
    deadline = now() + timeout
    while True:
        if lock.acquire():
            return True
        if now() >= deadline:
            return False
        time.sleep(0.05)
