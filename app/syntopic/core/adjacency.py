"""The few places the engine reads or writes a networkx graph's adjacency directly.

networkx's public calls check and copy on every edge; at 100,000 links that is
most of a warm open and of an edit. Everything that touches its private
``_succ``/``_pred``/``_node`` dicts lives here, so a networkx upgrade has one
module to check (tests hold each function to what the public API gives).

The functions take a networkx multigraph or an `Adjacency`: the same dicts
before networkx is imported, which a vault is opened into, so that a command
answering from counts (`syntopic stats`) never imports networkx at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    import networkx as nx

Edge = tuple[str, str, dict[str, Any]]
Keyed: TypeAlias = dict[int, dict[str, Any]]
Table: TypeAlias = dict[str, dict[str, Keyed]]


class Store(Protocol):
    """What the functions here read: networkx's own multigraph layout."""

    _succ: Table
    _pred: Table
    _node: dict[str, dict[str, Any]]


class Adjacency:
    """A directed multigraph held as networkx holds one, with no networkx behind it.

    ``_succ[u][v][key]`` and ``_pred[v][u][key]`` are the same attribute dict;
    ``_node[n]`` holds a node's attributes. `as_graph` hands these very dicts
    to a networkx graph, so what is written through either is seen by both.
    """

    __slots__ = ("_node", "_pred", "_succ")

    def __init__(self) -> None:
        self._succ: Table = {}
        self._pred: Table = {}
        self._node: dict[str, dict[str, Any]] = {}

    def as_graph(self) -> nx.MultiDiGraph:
        """A networkx graph over these dicts (networkx imported here, once needed)."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        # networkx's own descriptors take these assignments: setting ``_succ`` sets
        # ``_adj`` with it and drops the views cached from the empty dicts
        graph._succ = self._succ
        graph._pred = self._pred
        graph._node = self._node
        return graph


def _changed(store: Store) -> None:
    """Drop what networkx cached of the graph (what ``nx._clear_cache`` does)."""
    cache = getattr(store, "__networkx_cache__", None)
    if cache:
        cache.clear()


def add_edges(graph: Store, edges: Iterable[Edge]) -> None:
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
    _changed(graph)


def add_nodes(graph: Store, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
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
    _changed(graph)


def edges_between(graph: Store, u: str, v: str) -> dict[int, dict[str, Any]]:
    """The edges from ``u`` to ``v`` by key (empty when either node or the edge is gone)."""
    return graph._succ.get(u, {}).get(v) or {}


def node_table(graph: Store) -> dict[str, dict[str, Any]]:
    """Every node's attribute dict by node (``dict(graph.nodes(data=True))``, live)."""
    return graph._node


def successors(graph: Store, node: str) -> set[str]:
    """The nodes ``node`` links to (``set(graph.successors(node))``)."""
    return set(graph._succ[node])


def edges_at(graph: Store, node: str) -> int:
    """How many edges leave or enter ``node``, a loop counted once."""
    out = sum(map(len, graph._succ[node].values()))
    return out + sum(len(keyed) for source, keyed in graph._pred[node].items() if source != node)


def unlinked(graph: Store, nodes: Iterable[str]) -> set[str]:
    """Those of ``nodes`` still in the graph that no edge enters."""
    pred = graph._pred
    return {n for n in nodes if n in pred and not pred[n]}


def isolated(graph: Store, nodes: Iterable[str]) -> list[str]:
    """Those of ``nodes`` with no edge in or out (``graph.degree(n) == 0``)."""
    succ, pred = graph._succ, graph._pred
    return [n for n in nodes if not succ[n] and not pred[n]]


def linked_from(graph: Store, nodes: Iterable[str]) -> list[tuple[str, int]]:
    """Each of ``nodes`` with how many distinct nodes link to it."""
    pred = graph._pred
    return [(n, len(pred[n])) for n in nodes]


def weak_components(graph: Store, nodes: Collection[str]) -> list[set[str]]:
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


def kind_into(graph: Store, node: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """The (source, attributes) of every edge of ``kind`` into ``node``, as
    ``graph.in_edges(node, data=True)`` lists them (a lens asks this of every concept)."""
    return [
        (source, attrs)
        for source, keyed in graph._pred[node].items()
        for attrs in keyed.values()
        if attrs.get("kind") == kind
    ]
