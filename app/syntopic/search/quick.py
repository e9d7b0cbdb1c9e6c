"""Answering `syntopic search` from the index alone when it is current.

Current means: the notes a walk of the vault finds, with their sizes and
mtimes, are exactly the ones the index recorded. Then nothing is parsed and
the graph stack is never imported; otherwise the caller opens the vault and
brings the index up to date as the app does.

The walk starts first (in a child process where it can, see
`FreshnessCheck`; the command line starts it before it imports this package,
and so whoosh) and the query runs meanwhile; its answer is used only if the
walk then finds the index current.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

from syntopic.core.cachedir import search_index_dir
from syntopic.core.freshness import Folders, FreshnessCheck

if TYPE_CHECKING:
    from syntopic.search.results import SearchResult
    from syntopic.search.store import IndexStore


def current_store(root: str) -> IndexStore | None:
    """The vault's index, opened, if it holds every note as it is on disk; else None."""
    from syntopic.search.store import IndexStore

    root = os.path.abspath(root)
    check = FreshnessCheck(root, search_index_dir(root))
    try:
        store = IndexStore(root, search_index_dir(root))
        if not store.open():
            return None
        return store if _current(store, check) else None
    finally:
        check.close()


def _current(store: IndexStore, check: FreshnessCheck) -> bool:
    """Whether the walk found the notes the index's current generation recorded."""
    generation, same = check.result()
    if generation < 0 or generation != store.ix.latest_generation():
        return False
    if same is None:  # a symbolic link, an unreadable folder: the full scan's rules
        from syntopic.core.freshness import read_files

        recorded = read_files(check.folder)
        same = recorded is not None and _scan_matches(store.root, recorded[1], recorded[2])
    return same


def _scan_matches(root: str, count: int, folders: Folders) -> bool:
    from syntopic.core.scan import scan

    try:
        found = scan(root).notes
    except OSError:
        return False
    if len(found) != count:
        return False
    none: dict[str, tuple[int, int]] = {}
    for path, stat in found.items():
        folder, _, name = path.rpartition("/")
        if folders.get(folder, none).get(name) != (stat.size, stat.mtime_ns):
            return False
    return True


def search_current(
    root: str, text: str, limit: int, check: FreshnessCheck | None = None
) -> SearchResult | None:
    """Search the vault's index if it is current and sound; None means: open the vault.

    ``check``: the walk, if the caller started it already (it is closed here).

    The cyclic garbage collector is paused meanwhile: importing whoosh and
    reading the index make tens of thousands of objects and no cycles worth
    collecting, and its passes over them were a tenth of the answer.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _search_current(root, text, limit, check)
    finally:
        if enabled:
            gc.enable()


def _search_current(
    root: str, text: str, limit: int, check: FreshnessCheck | None
) -> SearchResult | None:
    root = os.path.abspath(root)
    folder = search_index_dir(root)
    if check is None:
        check = FreshnessCheck(root, folder)  # first: it runs while the index is read
    try:
        from syntopic.search.searcher import Searcher
        from syntopic.search.store import IndexStore

        store = IndexStore(root, folder)
        # the search opens every segment: damage found there (store.damage)
        # sends the command line the full way, which rebuilds the index
        if not store.open(read_through=False):
            return None
        generation = store.ix.latest_generation()
        searcher = Searcher(store)
        try:
            result = searcher.search(text, limit, snippets=limit)
        finally:
            searcher.close()
        if store.damage is not None:  # found broken while reading: the full path rebuilds it
            return None
        if store.ix is None or store.ix.latest_generation() != generation:
            return None  # written meanwhile: the answer may be of either state
        return result if _current(store, check) else None
    finally:
        check.close()
