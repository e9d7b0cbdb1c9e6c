"""Where a note went when its file, or a folder above it, was renamed."""

from __future__ import annotations

from collections.abc import Collection


def _shared_tail(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def moved_to(old: str, added: Collection[str]) -> str | None:
    """The one added path ``old`` most plausibly became, or None when unclear.

    One note added in the same change is the note renamed. Otherwise (a folder
    renamed: every note below it removed and added at once) it is the added path
    that keeps the longest run of ``old``'s last parts, file name at least.
    """
    if len(added) == 1:
        return next(iter(added))
    parts = old.split("/")
    best, best_len, tied = None, 0, False
    for path in added:
        shared = _shared_tail(parts, path.split("/"))
        if shared > best_len:
            best, best_len, tied = path, shared, False
        elif shared == best_len and shared:
            tied = True
    return None if tied else best
