"""A problem found in a file: its own module, so reading a note imports no parse model."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """Something wrong with a file, reported by `syntopic check` and the UI."""

    kind: str  # yaml, encoding, binary, too-large, unreadable, loop, ...
    message: str
    line: int  # 0 when it concerns the whole file
