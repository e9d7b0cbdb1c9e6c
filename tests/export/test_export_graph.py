"""Graph data for Gephi, Cytoscape and D3, loaded back with networkx."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from networkx.readwrite import json_graph

from conftest import memory_vault
from export.sample import PAIRS
from syntopic.export import graph


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_load_with_the_same_counts_and_attributes(
    tmp_path: Path, fmt: str
) -> None:
    vault = memory_vault(PAIRS)
    out = graph.write_graph(vault, tmp_path / f"g.{fmt}")
    loaded = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert loaded.number_of_nodes() == vault.graph.number_of_nodes()
    assert loaded.number_of_edges() == vault.graph.number_of_edges()
    book = loaded.nodes["Books/The Ledger.md"]
    assert book["author"] == "Ben Brook"  # front matter
    assert book["kind"] == "book" and book["role"] == "book"
    assert isinstance(book["x"], float) and isinstance(book["y"], float)
    if fmt == "gexf":
        assert set(book["viz"]["position"]) >= {"x", "y"}
        assert book["viz"]["color"] == {"r": 0xF2, "g": 0x8E, "b": 0x2B, "a": 1.0}  # book orange


def test_mixed_front_matter_types_become_text(tmp_path: Path) -> None:
    pairs = [*PAIRS, ("Books/Odd.md", "---\nauthor: Z\nyear: unknown\n---\n")]
    vault = memory_vault(pairs)
    loaded = nx.read_graphml(graph.write_graph(vault, tmp_path / "g.graphml"))
    assert loaded.nodes["Books/Odd.md"]["year"] == "unknown"
    assert loaded.nodes["Books/The Ledger.md"]["year"] == "2010"


def test_json_is_node_link_with_positions(tmp_path: Path) -> None:
    vault = memory_vault(PAIRS)
    out = graph.write_graph(vault, tmp_path / "g.json", positions={"Concepts/Giving.md": (1, 2)})
    data = json.loads(out.read_text("utf-8"))
    assert {"nodes", "links"} <= data.keys()
    g = json_graph.node_link_graph(data, edges="links")
    assert g.number_of_edges() == vault.graph.number_of_edges()
    giving = next(n for n in data["nodes"] if n["id"] == "Concepts/Giving.md")
    assert (giving["x"], giving["y"]) == (1.0, 2.0)


def test_default_positions_are_distinct_and_deterministic() -> None:
    vault = memory_vault(PAIRS)
    a = graph.default_positions(vault.graph)
    assert set(a) == set(vault.graph)
    assert len(set(a.values())) == len(a)
    assert a == graph.default_positions(vault.graph)
