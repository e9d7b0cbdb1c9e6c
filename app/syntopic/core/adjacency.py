"""The few places the engine reads or writes a networkx graph's adjacency directly.

networkx's public calls check and copy on every edge; at 100,000 links that is
most of a warm open and of an edit. Everything that touches its private
``_succ``/``_pred`` dicts lives here, so a networkx upgrade has one module to
check (tests hold each function to what the public API gives).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
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


def add_nodes(graph: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """``graph.add_nodes_from(nodes)``, taking each attribute dict as the node's own.

    The dicts must be fresh (not shared with anything else); a node already in
    the graph gets them merged into its attributes, as networkx does.
    """
    succ, pred, attributes = graph._succ, graph._pred, graph._node
    for node, attrs in nodes:
        if node in succ:
            attributes[node].update(attrs)
            continue
        succ[node] = {}
        pred[node] = {}
        attributes[node] = attrs
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


def isolated(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """Those of ``nodes`` with no edge in or out (``graph.degree(n) == 0``)."""
    succ, pred = graph._succ, graph._pred
    return [n for n in nodes if not succ[n] and not pred[n]]


def linked_from(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[tuple[str, int]]:
    """Each of ``nodes`` with how many distinct nodes link to it."""
    pred = graph._pred
    return [(n, len(pred[n])) for n in nodes]


def weak_components(graph: nx.MultiDiGraph, nodes: Collection[str]) -> list[set[str]]:
    """The weakly connected components of the subgraph on ``nodes``.

    What ``nx.weakly_connected_components(graph.subgraph(nodes))`` gives, without
    the filtered views that make each step through it several calls.
    """
    succ, pred = graph._succ, graph._pred
    seen: set[str] = set()
    out: list[set[str]] = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        part = {start}
        stack = [start]
        while stack:
            node = stack.pop()
            for near in (*succ[node], *pred[node]):
                if near not in seen and near in nodes:
                    seen.add(near)
                    part.add(near)
                    stack.append(near)
        out.append(part)
    return out


def kind_into(graph: nx.MultiDiGraph, node: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """The (source, attributes) of every edge of ``kind`` into ``node``, as
    ``graph.in_edges(node, data=True)`` lists them (a lens asks this of every concept)."""
    return [
        (source, attrs)
        for source, keyed in graph._pred[node].items()
        for attrs in keyed.values()
        if attrs.get("kind") == kind
    ]
