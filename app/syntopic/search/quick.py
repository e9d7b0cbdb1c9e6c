"""Answering `syntopic search` from the index alone when it is current.

Current means: the notes a walk of the vault finds, with their sizes and
mtimes, are exactly the ones the index recorded. Then nothing is parsed and
the graph stack is never imported; otherwise the caller opens the vault and
brings the index up to date as the app does.
"""

from __future__ import annotations

import os

from syntopic.core.cache import vault_cache_dir
from syntopic.core.scan import scan
from syntopic.search.results import SearchResult
from syntopic.search.searcher import Searcher
from syntopic.search.store import IndexStore, index_folder


def current_store(root: str) -> IndexStore | None:
    """The vault's index, opened, if it holds every note as it is on disk; else None."""
    root = os.path.abspath(root)
    store = IndexStore(root, index_folder(vault_cache_dir(root)))
    files = store.recorded_files()
    if files is None:
        return None
    found = scan(root).notes
    if len(found) != len(files):
        return None
    for path, stat in found.items():
        if files.get(path) != (stat.size, stat.mtime_ns):
            return None
    return store


def search_current(root: str, text: str, limit: int) -> SearchResult | None:
    """Search the vault's index if it is current and sound; None means: open the vault."""
    store = current_store(root)
    if store is None:
        return None
    searcher = Searcher(store)
    try:
        result = searcher.search(text, limit, snippets=limit)
    finally:
        searcher.close()
    if store.damage is not None:  # found broken while reading: the full path rebuilds it
        return None
    return result
