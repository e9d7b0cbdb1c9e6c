"""igraph's random source, seeded for one call: the same graph gives the same map."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import igraph

_lock = threading.Lock()  # igraph's random source is process-wide


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph drawing from a generator of its own until the block ends."""
    with _lock:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
