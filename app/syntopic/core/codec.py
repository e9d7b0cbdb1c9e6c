"""ParsedNote to plain tuples and back, for the cache and for worker processes."""

from __future__ import annotations

from typing import Any

from syntopic.core.model import Block, Heading, Link, ParsedNote, Problem


def encode(n: ParsedNote) -> tuple[Any, ...]:
    """Plain tuples only: marshal writes and reads them many times faster than pickle."""
    return (
        n.path,
        n.title,
        n.aliases,
        n.tags,
        n.type,
        n.properties,
        tuple(map(tuple, n.headings)),
        tuple(map(tuple, n.links)),
        n.block_ids,
        n.summary,
        n.body_start,
        tuple(map(tuple, n.perspectives)),
        tuple(map(tuple, n.tensions)),
        tuple(map(tuple, n.problems)),
    )


def decode(row: tuple[Any, ...]) -> ParsedNote:
    """The inverse of `encode`."""
    # tuple.__new__ skips the NamedTuple constructor written in Python: the
    # difference is most of the time it takes to load a large vault's notes.
    new = tuple.__new__
    return ParsedNote(
        path=row[0],
        title=row[1],
        aliases=row[2],
        tags=row[3],
        type=row[4],
        properties=row[5],
        headings=tuple([new(Heading, h) for h in row[6]]),
        links=tuple([new(Link, x) for x in row[7]]),
        block_ids=row[8],
        summary=row[9],
        body_start=row[10],
        perspectives=tuple([new(Block, b) for b in row[11]]),
        tensions=tuple([new(Block, b) for b in row[12]]),
        problems=tuple([new(Problem, p) for p in row[13]]),
    )
