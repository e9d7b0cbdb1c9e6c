"""The heap a vault builds: kept out of the cyclic collector's walks, and freed in pieces."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_depth = 0  # paused_gc blocks running now, in any thread
_resume = False  # the collector was on when the first of them began


@contextmanager
def paused_gc() -> Iterator[None]:
    """Bulk loading allocates ~10 containers a link and creates no cycles; the
    cyclic collector would walk the growing heap again and again (measured:
    most of a warm start), so it waits until the load is done.

    Then what was loaded is frozen out of the collector's view: otherwise its
    next full pass walks every note and edge again (about 0.3 s at 6,500 notes,
    a stall wherever it lands, the UI thread included). Frozen objects are
    still freed by reference counting when the vault goes.

    The collector is one per process: blocks in several threads (a load and an
    index build) nest, and it comes back when the last of them ends."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.freeze()
                gc.enable()


def settle() -> None:
    """Take what exists now out of the collector's view (call once long-lived data is built).

    After a freeze the collector counts nothing as old, so its full passes come
    often and walk every object made since: at 100,000 notes the tables built
    after the load (updates, the notes tree, the search state) made passes of
    70-160 ms, each a stall wherever it landed. Freed by reference counting as usual.
    """
    if gc.isenabled():
        gc.freeze()


RELEASE_STEP = 20_000


def release(items: list[Any] | dict[Any, Any]) -> None:
    """Empty a big container a piece at a time.

    Freeing a million tuples is one C call that holds the GIL throughout (the
    end of a warm open at 100,000 notes: ~120 ms of a frozen window); pieces
    let other threads in between.
    """
    if isinstance(items, list):
        while items:
            del items[-RELEASE_STEP:]
        return
    while items:
        for _ in range(min(RELEASE_STEP, len(items))):
            items.popitem()
