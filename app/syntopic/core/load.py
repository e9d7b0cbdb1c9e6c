"""Read and parse many notes, on every core when there are enough of them."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence

from syntopic.core.codec import decode, encode
from syntopic.core.files import read_note
from syntopic.core.model import ParsedNote, Problem
from syntopic.core.parse import ParseOptions, parse_note
from syntopic.core.pool import process_pool, worker_count

Progress = Callable[[int, int], None]
PARALLEL_THRESHOLD = 400  # below this, starting processes costs more than it saves
CHUNK_MAX = 500


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
    workers = worker_count() if workers is None else workers
    total = len(rels)
    if workers <= 1 or total < PARALLEL_THRESHOLD:
        out: list[ParsedNote] = []
        for i, rel in enumerate(rels):
            out.append(parse_file(root, rel, options))
            if progress is not None and (i % 64 == 63 or i == total - 1):
                progress(i + 1, total)
        return out
    # at most CHUNK_MAX notes a chunk: reading one back is one call that holds the
    # GIL (6,250 notes a chunk at 100,000 notes: 80 ms with the window waiting)
    chunk = max(50, min(CHUNK_MAX, total // (workers * 8)))
    chunks = [rels[i : i + chunk] for i in range(0, total, chunk)]
    results: list[ParsedNote] = []
    done = 0
    with process_pool(workers) as pool:
        for blob in pool.map(_parse_chunk, [root] * len(chunks), chunks, [options] * len(chunks)):
            part = [decode(row) for row in marshal.loads(blob)]
            results.extend(part)
            done += len(part)
            if progress is not None:
                progress(done, total)
    return results


def problem_note(rel: str, problem: Problem) -> ParsedNote:
    """A placeholder for a file that could not be read at all."""
    return ParsedNote(path=rel, title=rel.rsplit("/", 1)[-1][:-3], problems=(problem,))
