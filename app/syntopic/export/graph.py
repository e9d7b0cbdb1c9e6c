"""Graph data for Gephi, Cytoscape and D3: the vault graph with front matter and positions.

Every node carries its kind, its front matter (scalars, lists joined by
commas), a map role and colour, and a position. Positions come from the
caller (the app's graph view) or, by default, from a quick radial layout:
each connected group round its most linked note, rings by link distance,
groups packed in rows. Gephi users will usually re-run a force layout; the
starting picture is still readable.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from syntopic.core import graphdata
from syntopic.core.vault import Vault
from syntopic.export import style
from syntopic.export.files import ExportError, Progress, atomic_output, step
from syntopic.export.mapmodel import node_role

GRAPH_FORMATS = graphdata.FORMATS
RING = 120.0  # distance between rings in the default layout


def node_attributes(vault: Vault) -> dict[str, dict[str, Any]]:
    """Extra attributes per node: front matter, role, colour, link counts."""
    g = vault.graph
    out: dict[str, dict[str, Any]] = {}
    for node, attrs in g.nodes(data=True):
        role = node_role(attrs)
        row: dict[str, Any] = {
            "role": role,
            "color": style.KIND_COLORS.get(role, style.GREY),
            "in_links": len(set(g.predecessors(node))),
            "out_links": len(set(g.successors(node))),
        }
        note = vault.notes.get(node)
        if note is not None:
            row["path"] = node
            row["aliases"] = list(note.aliases)
            for key, value in note.properties.items():
                if key not in attrs and key not in row:
                    row[key] = value
        out[node] = row
    return out


def _component_layout(g: nx.Graph, nodes: set[str]) -> dict[str, tuple[float, float]]:
    centre = min(nodes, key=lambda n: (-g.degree(n), n))
    depth = {centre: 0}
    order = [centre]
    queue = deque([centre])
    while queue:
        node = queue.popleft()
        for other in sorted(g.neighbors(node)):
            if other in nodes and other not in depth:
                depth[other] = depth[node] + 1
                order.append(other)
                queue.append(other)
    rings: dict[int, list[str]] = {}
    for node in order:  # breadth-first order keeps children near their parents
        rings.setdefault(depth[node], []).append(node)
    pos = {centre: (0.0, 0.0)}
    for d, ring in rings.items():
        if d == 0:
            continue
        radius = max(d * RING, len(ring) * 40.0 / (2 * math.pi))
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / len(ring) - math.pi / 2
            pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return pos


def default_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A deterministic, linear-time radial layout of every node (y grows downwards)."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    comps = sorted(
        (set(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), min(c))
    )
    placed: dict[str, tuple[float, float]] = {}
    row_width = max(RING * 8, math.sqrt(graph.number_of_nodes()) * RING)
    x = y = row_h = 0.0
    for comp in comps:
        local = _component_layout(simple, comp)
        radius = max((math.hypot(px, py) for px, py in local.values()), default=0.0) + RING / 2
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        cx, cy = x + radius, y + radius
        for node, (px, py) in local.items():
            placed[node] = (round(cx + px, 2), round(cy + py, 2))
        x += 2 * radius
        row_h = max(row_h, 2 * radius)
    return placed


def write_graph(
    vault: Vault,
    path: Path,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the whole graph as .json, .graphml or .gexf (by suffix), atomically."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in GRAPH_FORMATS:
        raise ExportError(f"unknown graph format '{path.suffix}' (use .json, .graphml or .gexf)")
    with atomic_output(path, overwrite) as tmp:
        step(progress, 0, 3, "Collecting attributes")
        attrs = node_attributes(vault)
        step(progress, 1, 3, "Placing nodes")
        where = dict(positions) if positions is not None else default_positions(vault.graph)
        colors = {n: a["color"] for n, a in attrs.items()}
        step(progress, 2, 3, "Writing")
        graphdata.write(vault.graph, tmp, fmt=fmt, node_attrs=attrs, positions=where, colors=colors)
    if progress is not None:
        progress(3, 3, "Done")
    return path
