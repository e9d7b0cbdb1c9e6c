"""The graph as data files: node-link JSON, GraphML and GEXF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite import json_graph

FORMATS = ("json", "graphml", "gexf")


def portable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars, as GraphML and GEXF require."""
    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in attrs.items()})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in attrs.items()})
    return out


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data, the shape D3 and networkx both read."""
    data: dict[str, Any] = json_graph.node_link_data(portable(graph), edges="links")
    return data


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write by suffix; raises ValueError for an unknown one."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format '.{fmt}' (use .json, .graphml or .gexf)")
    tmp = path.with_name(path.name + ".part")
    if fmt == "json":
        tmp.write_text(json.dumps(to_json(graph), ensure_ascii=False, indent=1), "utf-8")
    elif fmt == "graphml":
        nx.write_graphml(portable(graph), tmp)
    else:
        nx.write_gexf(portable(graph), tmp)
    tmp.replace(path)
