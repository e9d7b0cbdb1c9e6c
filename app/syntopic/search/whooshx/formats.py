"""Posting formats that take a field's terms from `TextAnalyzer.positions` in one pass."""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from whoosh import formats
from whoosh.system import pack_uint, unpack_uint

Posting = tuple[bytes, int, float, bytes]  # term, frequency, weight, value
WordValue = tuple[str, int, float, bytes]
_HEAD = 4  # a posting value starts with its frequency as a 4-byte uint
_COUNT_ONE = pack_uint(1)  # the frequency is big-endian (whoosh's), positions native
_POSITION = struct.Struct("=I")


class FastPositions(formats.Positions):  # type: ignore[misc]
    """Whoosh's `Positions` with a cheaper encoding and a one-pass writer.

    Whoosh pulls a Token through a generator per word and pickles every
    position list; here the analyzer hands over term -> positions at once and
    the deltas are packed as an array.
    """

    def postings(self, value: str, analyzer: Any) -> list[Posting]:
        boost = self.field_boost
        out: list[Posting] = []
        append = out.append
        one = _POSITION.pack
        for word, poses in analyzer.positions(value).items():
            if len(poses) == 1:  # most words of a note: no array, no loop
                append((word.encode("utf-8"), 1, boost, _COUNT_ONE + one(poses[0])))
                continue
            deltas = array("I", poses)
            for i in range(len(poses) - 1, 0, -1):
                deltas[i] -= deltas[i - 1]
            count = len(poses)
            append(
                (word.encode("utf-8"), count, count * boost, pack_uint(count) + deltas.tobytes())
            )
        return out

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[WordValue]:
        for word, count, weight, data in self.postings(value, analyzer):
            yield word.decode("utf-8"), count, weight, data

    def encode(self, poslist: list[int]) -> bytes:
        deltas = array("I", poslist)
        for i in range(len(poslist) - 1, 0, -1):
            deltas[i] -= deltas[i - 1]
        return bytes(pack_uint(len(poslist)) + deltas.tobytes())

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

    def postings(self, value: str, analyzer: Any) -> list[Posting]:
        boost = self.field_boost
        return [
            (word.encode("utf-8"), len(poses), len(poses) * boost, pack_uint(len(poses)))
            for word, poses in analyzer.positions(value).items()
        ]

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[WordValue]:
        for word, count, weight, data in self.postings(value, analyzer):
            yield word.decode("utf-8"), count, weight, data
