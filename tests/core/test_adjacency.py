"""The direct adjacency access gives what networkx's public API gives."""

from __future__ import annotations

import networkx as nx

from syntopic.core.adjacency import (
    Adjacency,
    add_edges,
    add_nodes,
    edges_at,
    edges_between,
    isolated,
    kind_into,
    linked_from,
    node_table,
    successors,
    unlinked,
    weak_components,
)


def test_fast_edge_insertion_builds_what_networkx_builds() -> None:
    edges = [("a", "b", {"n": 1}), ("a", "b", {"n": 2}), ("b", "a", {"n": 3}), ("a", "a", {})]
    ours, theirs = nx.MultiDiGraph(), nx.MultiDiGraph()
    for g in (ours, theirs):
        g.add_nodes_from("abc")
    add_edges(ours, edges)
    theirs.add_edges_from(edges)
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert list(ours.in_edges("b", keys=True)) == list(theirs.in_edges("b", keys=True))
    assert dict(ours.degree()) == dict(theirs.degree())
    ours.remove_edge("a", "b", key=0)
    theirs.remove_edge("a", "b", key=0)
    add_edges(ours, [("a", "b", {"n": 4})])
    theirs.add_edges_from([("a", "b", {"n": 4})])
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from("abcd")
    g.add_edges_from([("a", "b"), ("a", "b"), ("b", "a"), ("a", "a"), ("c", "a")])
    return g


def test_edges_at_a_node_count_a_loop_once() -> None:
    g = _graph()
    for node in g:
        public = len(set(g.out_edges(node, keys=True)) | set(g.in_edges(node, keys=True)))
        assert edges_at(g, node) == public


def test_edges_between_and_unlinked_nodes() -> None:
    g = _graph()
    assert edges_between(g, "a", "b") == g.get_edge_data("a", "b")
    assert edges_between(g, "b", "c") == {} and edges_between(g, "zz", "a") == {}
    assert unlinked(g, ["a", "c", "d", "gone"]) == {n for n in "acd" if g.in_degree(n) == 0}


def test_orphans_hubs_and_components_as_networkx_counts_them() -> None:
    g = _graph()
    g.add_nodes_from(["e", "f", "g"])
    g.add_edges_from([("e", "f"), ("f", "e"), ("g", "zz")])
    notes = ["a", "b", "c", "d", "e", "f", "g"]  # "zz" is a ghost: not a note
    assert isolated(g, notes) == [n for n in notes if g.degree(n) == 0] == ["d"]
    assert linked_from(g, notes) == [(n, len(set(g.predecessors(n)))) for n in notes]
    theirs = sorted(sorted(c) for c in nx.weakly_connected_components(g.subgraph(notes)))
    assert sorted(sorted(c) for c in weak_components(g, set(notes))) == theirs
    assert theirs == [["a", "b", "c"], ["d"], ["e", "f"], ["g"]]


def test_node_insertion_builds_what_networkx_builds() -> None:
    ours, theirs = nx.MultiDiGraph(), nx.MultiDiGraph()
    for g in (ours, theirs):
        g.add_edge("a", "b")
        g.nodes["a"]["kind"] = "note"
    rows = [("a", {"kind": "book", "x": 1}), ("c", {"kind": "note"}), ("d", {})]
    add_nodes(ours, [(n, dict(a)) for n, a in rows])
    theirs.add_nodes_from([(n, dict(a)) for n, a in rows])
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges) == list(theirs.edges)
    assert "d" in ours and ours.degree("d") == 0


def test_edges_of_a_kind_into_a_node_as_networkx_lists_them() -> None:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from("abc")
    edges = [
        ("a", "c", {"kind": "perspective", "line": 3}),
        ("a", "c", {"kind": "link", "line": 4}),
        ("b", "c", {"kind": "perspective", "line": 9}),
        ("a", "c", {"kind": "perspective", "line": 7}),
        ("c", "a", {"kind": "perspective", "line": 1}),
    ]
    graph.add_edges_from(edges)
    want = [(u, d) for u, _, d in graph.in_edges("c", data=True) if d["kind"] == "perspective"]
    assert kind_into(graph, "c", "perspective") == want
    assert [d["line"] for _, d in want] == [3, 7, 9]
    assert kind_into(graph, "b", "perspective") == []


def test_bare_adjacency_becomes_a_networkx_graph_sharing_its_dicts() -> None:
    bare = Adjacency()
    add_nodes(bare, [("a", {"kind": "note"}), ("b", {"kind": "note"}), ("c", {"kind": "ghost"})])
    add_edges(bare, [("a", "b", {"n": 1}), ("a", "b", {"n": 2}), ("b", "c", {"n": 3})])
    assert successors(bare, "a") == {"b"}
    theirs = nx.MultiDiGraph()
    theirs.add_nodes_from(
        [("a", {"kind": "note"}), ("b", {"kind": "note"}), ("c", {"kind": "ghost"})]
    )
    theirs.add_edges_from([("a", "b", {"n": 1}), ("a", "b", {"n": 2}), ("b", "c", {"n": 3})])
    graph = bare.as_graph()
    assert list(graph.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert list(graph.predecessors("c")) == ["b"]
    assert node_table(bare) == dict(graph.nodes(data=True)) == node_table(graph)
    graph.remove_node("b")  # a change through networkx is a change of the bare dicts
    assert isolated(bare, "ac") == ["a", "c"]
    add_edges(graph, [("c", "a", {})])
    assert list(graph.successors("c")) == ["a"] and linked_from(bare, "a") == [("a", 1)]
