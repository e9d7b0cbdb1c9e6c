"""Posting formats that take a field's terms from `TextAnalyzer.positions` in one pass."""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from itertools import accumulate, chain
from operator import sub
from typing import Any

from whoosh import formats
from whoosh.system import pack_uint, unpack_uint

WordValue = tuple[str, int, float, bytes]
_HEAD = 4  # a posting value starts with its frequency as a 4-byte uint
_COUNT_ONE = pack_uint(1)  # the frequency is big-endian (whoosh's), positions native
_POSITION = struct.Struct("=I")


# a writer's table of one field: term -> [docnums, weights, values]
Terms = dict[bytes, list[list[Any]]]


def _value(poses: list[int]) -> tuple[int, bytes]:
    """A term's frequency and posting value: the count, then positions as deltas."""
    count = len(poses)
    if count == 1:  # most words of a note: no array
        return 1, _COUNT_ONE + _POSITION.pack(poses[0])
    deltas = array("I", map(sub, poses, chain((0,), poses)))
    return count, pack_uint(count) + deltas.tobytes()


class FastPositions(formats.Positions):  # type: ignore[misc]
    """Whoosh's `Positions` with a cheaper encoding and a one-pass writer.

    Whoosh pulls a Token through a generator per word and pickles every
    position list; here the analyzer hands over term -> positions at once,
    the deltas are packed as an array, and each posting goes straight into
    the writer's table.
    """

    def add_to(self, terms: Terms, docnum: int, value: str, analyzer: Any) -> int:
        """Add one document's postings of this field to ``terms``; the field's length."""
        boost = self.field_boost
        one = _POSITION.pack
        length = 0
        for word, poses in analyzer.positions(value).items():
            term = word.encode("utf-8")
            if len(poses) == 1:  # most words of a note: no array, no call
                count, weight, data = 1, boost, _COUNT_ONE + one(poses[0])
            else:
                count, data = _value(poses)
                weight = count * boost
            length += count
            found = terms.get(term)
            if found is None:
                terms[term] = [[docnum], [weight], [data]]
            else:
                found[0].append(docnum)
                found[1].append(weight)
                found[2].append(data)
        return length

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[WordValue]:
        boost = self.field_boost
        for word, poses in analyzer.positions(value).items():
            count, data = _value(poses)
            yield word, count, count * boost, data

    def encode(self, poslist: list[int]) -> bytes:
        return _value(poslist)[1]

    def decode_positions(self, valuestring: bytes) -> list[int]:
        deltas = array("I")
        deltas.frombytes(valuestring[_HEAD:])
        return list(accumulate(deltas))

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, float]]:
        return [(pos, 1.0) for pos in self.decode_positions(valuestring)]

    def decode_frequency(self, valuestring: bytes) -> int:
        return int(unpack_uint(valuestring[:_HEAD])[0])


class FastFrequency(formats.Frequency):  # type: ignore[misc]
    """Whoosh's `Frequency` (counts, no positions), written the same fast way."""

    def add_to(self, terms: Terms, docnum: int, value: str, analyzer: Any) -> int:
        """Add one document's postings of this field to ``terms``; the field's length."""
        boost = self.field_boost
        length = 0
        for word, poses in analyzer.positions(value).items():
            term = word.encode("utf-8")
            count = len(poses)
            length += count
            found = terms.get(term)
            if found is None:
                terms[term] = [[docnum], [count * boost], [pack_uint(count)]]
            else:
                found[0].append(docnum)
                found[1].append(count * boost)
                found[2].append(pack_uint(count))
        return length

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[WordValue]:
        for word, poses in analyzer.positions(value).items():
            yield word, len(poses), len(poses) * self.field_boost, pack_uint(len(poses))
