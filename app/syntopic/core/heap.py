"""The cyclic garbage collector kept off the heap a vault builds."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Bulk loading allocates ~10 containers a link and creates no cycles; the
    cyclic collector would walk the growing heap again and again (measured:
    most of a warm start), so it waits until the load is done.

    Then what was loaded is frozen out of the collector's view: otherwise its
    next full pass walks every note and edge again (about 0.3 s at 6,500 notes,
    a stall wherever it lands, the UI thread included). Frozen objects are
    still freed by reference counting when the vault goes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
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
