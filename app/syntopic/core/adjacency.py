"""The few places the engine reads or writes a networkx graph's adjacency directly.

networkx's public calls check and copy on every edge; at 100,000 links that is
most of a warm open and of an edit. Everything that touches its private
``_succ``/``_pred`` dicts lives here, so a networkx upgrade has one module to
check (tests hold each function to what the public API gives).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

Edge = tuple[str, str, dict[str, Any]]


def add_edges(graph: nx.MultiDiGraph, edges: Iterable[Edge]) -> None:
    """``graph.add_edges_from(edges)`` for existing nodes, several times faster.

    networkx spends ~12 µs an edge in generic checks; this writes the adjacency
    the way networkx does (same keys, same order).
    """
    succ, pred = graph._succ, graph._pred
    for u, v, attrs in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        key = len(keydict)
        while key in keydict:
            key += 1
        keydict[key] = attrs
    clear = getattr(nx, "_clear_cache", None)
    if clear is not None:
        clear(graph)


def edges_between(graph: nx.MultiDiGraph, u: str, v: str) -> dict[int, dict[str, Any]]:
    """The edges from ``u`` to ``v`` by key (empty when either node or the edge is gone)."""
    return graph._succ.get(u, {}).get(v) or {}


def edges_at(graph: nx.MultiDiGraph, node: str) -> int:
    """How many edges leave or enter ``node``, a loop counted once."""
    out = sum(map(len, graph._succ[node].values()))
    return out + sum(len(keyed) for source, keyed in graph._pred[node].items() if source != node)


def unlinked(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> set[str]:
    """Those of ``nodes`` still in the graph that no edge enters."""
    pred = graph._pred
    return {n for n in nodes if n in pred and not pred[n]}
