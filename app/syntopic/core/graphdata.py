"""The graph as data files: node-link JSON, GraphML and GEXF.

Optional extras for tools such as Gephi, Cytoscape and D3: more node
attributes (front matter, say) and positions, written as ``x``/``y``
attributes everywhere and as GEXF's own ``viz`` position and colour.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite import json_graph

FORMATS = ("json", "graphml", "gexf")

NodeAttrs = Mapping[str, Mapping[str, Any]]
Positions = Mapping[str, tuple[float, float]]
_SCALARS = frozenset({str, int, float, bool})


def portable(
    graph: nx.MultiDiGraph,
    node_attrs: NodeAttrs | None = None,
    positions: Positions | None = None,
) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars, as GraphML and GEXF require.

    ``node_attrs`` adds attributes (never replacing the graph's own); an
    attribute whose values differ in type between nodes is written as text,
    so every file format can declare one type for it.
    """
    out = nx.MultiDiGraph()
    for node, row in _node_rows(graph, node_attrs, positions):
        out.add_node(node, **row)
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in attrs.items()})
    return out


def _node_rows(
    graph: nx.MultiDiGraph, node_attrs: NodeAttrs | None, positions: Positions | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    extra = _consistent(node_attrs or {})
    for node, attrs in graph.nodes(data=True):
        row = {k: _scalar(v) for k, v in attrs.items()}
        for key, value in extra.get(node, {}).items():
            row.setdefault(key, value)
        if positions is not None and node in positions:
            x, y = positions[node]
            row["x"], row["y"] = float(x), float(y)
        yield node, row


def _consistent(node_attrs: NodeAttrs) -> dict[str, dict[str, Any]]:
    rows = {n: {k: _scalar(v) for k, v in a.items()} for n, a in node_attrs.items()}
    types: dict[str, set[type]] = {}
    for row in rows.values():
        for key, value in row.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {k for k, t in types.items() if len(t) > 1}
    for row in rows.values():
        for key in mixed & row.keys():
            row[key] = str(row[key])
    return rows


def _scalar(value: Any) -> str | int | float | bool:
    if type(value) in _SCALARS:  # the common case, without four isinstance checks
        return value  # type: ignore[no-any-return]
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def to_json(
    graph: nx.MultiDiGraph,
    node_attrs: NodeAttrs | None = None,
    positions: Positions | None = None,
) -> dict[str, Any]:
    """Node-link data, the shape D3 and networkx both read.

    The same as ``json_graph.node_link_data(portable(...), edges="links")``,
    built in one pass: the copy of the graph cost more than the rest.
    """
    nodes = []
    for node, row in _node_rows(graph, node_attrs, positions):
        row["id"] = node
        nodes.append(row)
    links = [
        {**{k: _scalar(x) for k, x in attrs.items()}, "source": u, "target": v, "key": key}
        for u, v, key, attrs in graph.edges(keys=True, data=True)
    ]
    return {"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": links}


def _hex_rgb(color: str) -> dict[str, int]:
    value = color.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}


def write(
    graph: nx.MultiDiGraph,
    path: Path,
    *,
    fmt: str | None = None,
    node_attrs: NodeAttrs | None = None,
    positions: Positions | None = None,
    colors: Mapping[str, str] | None = None,
) -> None:
    """Write by ``fmt`` or the suffix; raises ValueError for an unknown one.

    ``colors`` (node -> "#rrggbb") goes into GEXF's viz colour.
    """
    fmt = (fmt or path.suffix).lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format '.{fmt}' (use .json, .graphml or .gexf)")
    tmp = path.with_name(path.name + ".part")
    data = portable(graph, node_attrs, positions)
    if fmt == "json":
        out = json_graph.node_link_data(data, edges="links")
        tmp.write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    elif fmt == "graphml":
        nx.write_graphml(data, tmp)
    else:
        if positions is not None or colors is not None:
            for node, attrs in data.nodes(data=True):
                viz: dict[str, Any] = {}
                if positions is not None and node in positions:
                    x, y = positions[node]
                    viz["position"] = {"x": float(x), "y": float(y), "z": 0.0}
                if colors is not None and node in colors:
                    viz["color"] = {**_hex_rgb(colors[node]), "a": 1.0}
                if viz:
                    attrs["viz"] = viz
        nx.write_gexf(data, tmp)
    tmp.replace(path)
