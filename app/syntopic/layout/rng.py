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
    """igraph drawing from a seeded generator until the block ends."""
    # the random module itself, seeded and then put back as it was: igraph calls it
    # faster than a Random instance of our own (the layout took 1.5x as long)
    with _lock:
        igraph.set_random_number_generator(random)
        state = random.getstate()
        random.seed(seed)
        try:
            yield
        finally:
            random.setstate(state)
