"""Force-directed layout with igraph, and placing new nodes beside their neighbours."""

from __future__ import annotations

import math
import random
import zlib
from array import array
from collections.abc import Mapping, Sequence
from typing import Any

import igraph

from syntopic.core.pool import process_pool
from syntopic.layout.communities import detect
from syntopic.layout.pack import pack
from syntopic.layout.rng import seeded
from syntopic.layout.simple import simple_graph

Point = tuple[float, float]
SPACING = 40.0  # world units between linked nodes, roughly: the view's scale is built on it


IN_PROCESS = 2000  # nodes; a bigger layout runs in a child process
FLAT_STEP = 50_000  # pairs flattened per step, so the GIL changes hands between steps


def layout(
    count: int,
    edges: Sequence[tuple[int, int]],
    initial: Sequence[Point] | None = None,
    iterations: int | None = None,
    seed: int = 7,
) -> list[Point]:
    """Positions for ``count`` nodes joined by ``edges`` (index pairs).

    Fruchterman-Reingold on a grid (about a second for 10,000 nodes), started
    from ``initial`` when given so a re-layout keeps the map's shape, scaled so
    linked nodes sit about `SPACING` apart.

    Past `IN_PROCESS` nodes it runs in a child process: igraph holds the GIL for
    the whole layout (2.4 s at 100,000 nodes), and every other thread of this
    process, the window's included, would wait that long.
    """
    if count > IN_PROCESS:
        return _in_child(count, edges, initial, iterations, seed)[0]
    return _layout_here(count, edges, initial, iterations, seed)


def _flat(items: Sequence[Sequence[float]], code: str) -> array[Any]:
    """``items`` (pairs) as one flat array, made a step at a time: it crosses to the
    child as one block of bytes, where a list of tuples would be pickled in one long call."""
    out: array[Any] = array(code)
    for i in range(0, len(items), FLAT_STEP):
        out.extend(v for item in items[i : i + FLAT_STEP] for v in item[:2])
    return out


def _in_child(
    count: int,
    edges: Sequence[tuple[int, int]],
    initial: Sequence[Point] | None,
    iterations: int | None,
    seed: int,
    groups: bool = False,
) -> tuple[list[Point], list[int]]:
    flat_edges = _flat(edges, "q")
    flat_initial = None if initial is None else _flat(initial, "d")
    with process_pool(1) as pool:
        args = (count, flat_edges, flat_initial, iterations, seed, groups)
        coords, found = pool.submit(_child_layout, *args).result()
    points = [(coords[i], coords[i + 1]) for i in range(0, len(coords), 2)]
    return points, list(found)


def _child_layout(
    count: int,
    edges: array[int],
    initial: array[float] | None,
    iterations: int | None,
    seed: int,
    groups: bool,
) -> tuple[array[float], array[int]]:
    pairs = list(zip(edges[::2], edges[1::2], strict=True))
    start = None if initial is None else list(zip(initial[::2], initial[1::2], strict=True))
    points = _layout_here(count, pairs, start, iterations, seed) if iterations != 0 else []
    found = detect(count, pairs) if groups else []
    return array("d", (v for point in points for v in point)), array("q", found)


def layout_and_communities(
    count: int, edges: Sequence[tuple[int, int]], initial: Sequence[Point] | None = None
) -> tuple[list[Point], list[int]]:
    """`layout` and `detect` at once: in one child process past `IN_PROCESS` nodes
    (Leiden holds the GIL too: 2-4 s at 600,000 links)."""
    if count > IN_PROCESS:
        return _in_child(count, edges, initial, None, 7, groups=True)
    return _layout_here(count, edges, initial, None, 7), detect(count, edges)


def communities_aside(count: int, edges: Sequence[tuple[int, int]]) -> list[int]:
    """`detect`, in a child process past `IN_PROCESS` nodes (no layout)."""
    if count > IN_PROCESS:
        return _in_child(count, edges, None, 0, 7, groups=True)[1]
    return detect(count, edges)


def _layout_here(
    count: int,
    edges: Sequence[tuple[int, int]],
    initial: Sequence[Point] | None,
    iterations: int | None,
    seed: int,
) -> list[Point]:
    """Each connected component laid out on its own, then packed around the largest
    (one force layout of them all flings small components to the far corners)."""
    if count == 0:
        return []
    if count == 1:
        return [(0.0, 0.0)]
    graph = simple_graph(count, edges)
    groups = sorted(graph.connected_components(), key=lambda g: (-len(g), g[0]))
    if iterations is None:
        iterations = 500 if count <= 20_000 else 150
    parts: list[list[Point]] = []
    for k, members in enumerate(groups):
        start = None if initial is None else [initial[i] for i in members]
        sub = graph if len(groups) == 1 else graph.induced_subgraph(members)
        parts.append(_component(sub, start, iterations, seed + k))
    out: list[Point] = [(0.0, 0.0)] * count
    for members, points in zip(groups, pack(parts, SPACING), strict=True):
        for i, point in zip(members, points, strict=True):
            out[i] = point
    return out


def _component(
    graph: igraph.Graph, initial: Sequence[Point] | None, iterations: int, seed: int
) -> list[Point]:
    """One connected component's layout, scaled to `SPACING` and centred on the origin."""
    count = graph.vcount()
    if count == 1:
        return [(0.0, 0.0)]
    if count == 2:
        return [(-SPACING / 2, 0.0), (SPACING / 2, 0.0)]
    if initial is None:
        rng = random.Random(seed)
        side = math.sqrt(count) / 2
        initial = [(rng.uniform(-side, side), rng.uniform(-side, side)) for _ in range(count)]
    else:
        initial = _fit_box(initial, math.sqrt(count) / 2)
    # the grid variant (repulsion from nearby nodes only) is what makes it fast
    with seeded(seed):  # igraph nudges coinciding nodes apart at random
        coords = graph.layout_fruchterman_reingold(
            seed=[list(p) for p in initial], niter=iterations, grid=count > 300
        ).coords
    pairs = graph.get_edgelist()
    return _normalise([(float(x), float(y)) for x, y in coords], pairs)


def _fit_box(points: Sequence[Point], half: float) -> list[Point]:
    """``points`` scaled into a box the engine's step sizes suit (world units are far bigger)."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    spread = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    k = half / spread
    return [((x - cx) * k, (y - cy) * k) for x, y in points]


def _normalise(points: list[Point], pairs: Sequence[tuple[int, int]]) -> list[Point]:
    """Centre on the origin and scale so linked nodes sit about `SPACING` apart,
    yet no closer to their nearest neighbour than `SPACING` * 0.7 in the median
    (dense graphs would otherwise draw their nodes on top of each other)."""
    n = len(points)
    cx = sum(p[0] for p in points) / n
    cy = sum(p[1] for p in points) / n
    centred = [(x - cx, y - cy) for x, y in points]
    lengths = sorted(
        math.dist(centred[a], centred[b]) for a, b in pairs[:: max(1, len(pairs) // 2000)]
    )
    median = lengths[len(lengths) // 2] if lengths else 0.0
    if median <= 1e-9:
        spread = max(max(abs(x), abs(y)) for x, y in centred) or 1.0
        median = spread / math.sqrt(n)
    factor = SPACING / median
    scaled = [(x * factor, y * factor) for x, y in centred]
    near = _median_nearest(scaled)
    if 0 < near < SPACING * 0.7:
        grow = SPACING * 0.7 / near
        scaled = [(x * grow, y * grow) for x, y in scaled]
    return scaled


def _median_nearest(points: list[Point], sample: int = 600) -> float:
    """The median distance from a node to its nearest other node (sampled, on a grid)."""
    cell = SPACING
    grid: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(points):
        grid.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append(i)
    found: list[float] = []
    for i in range(0, len(points), max(1, len(points) // sample)):
        x, y = points[i]
        gx, gy = math.floor(x / cell), math.floor(y / cell)
        best = math.inf
        for ring in range(0, 4):
            for ax in range(gx - ring, gx + ring + 1):
                for ay in range(gy - ring, gy + ring + 1):
                    if max(abs(ax - gx), abs(ay - gy)) != ring:
                        continue
                    for j in grid.get((ax, ay), ()):
                        if j != i:
                            best = min(best, math.dist(points[i], points[j]))
            if best <= ring * cell:
                break
        if best < math.inf:
            found.append(best)
    found.sort()
    return found[len(found) // 2] if found else 0.0


def _jitter(key: str, radius: float) -> Point:
    """A stable offset for ``key``: the same note lands in the same place every run."""
    h = zlib.crc32(key.encode("utf-8"))
    angle = (h % 3600) / 3600 * math.tau
    r = radius * (0.6 + ((h >> 12) % 100) / 250)
    return (r * math.cos(angle), r * math.sin(angle))


def place_new(
    ids: Sequence[str],
    neighbours: Sequence[Sequence[int]],
    known: Mapping[str, Point],
) -> list[Point]:
    """Positions for every node: known ones unchanged, new ones near their neighbours.

    A new node goes beside the centre of its placed neighbours (new nodes linked
    only to other new nodes follow in later rounds); one with none goes on a
    ring just outside the map. Nothing already placed moves.
    """
    placed: list[Point | None] = [known.get(i) for i in ids]
    pending = [i for i, p in enumerate(placed) if p is None]
    while pending:
        waiting: list[int] = []
        progress: list[tuple[int, Point]] = []
        for i in pending:
            near = [p for j in neighbours[i] if (p := placed[j]) is not None]
            if not near:
                waiting.append(i)
                continue
            cx = sum(p[0] for p in near) / len(near)
            cy = sum(p[1] for p in near) / len(near)
            dx, dy = _jitter(ids[i], SPACING * (1.0 if len(near) == 1 else 0.5))
            progress.append((i, (cx + dx, cy + dy)))
        for i, point in progress:
            placed[i] = point
        if not progress:
            break
        pending = waiting
    if pending:
        _ring(ids, placed, pending)
    return [p if p is not None else (0.0, 0.0) for p in placed]


def _ring(ids: Sequence[str], placed: list[Point | None], lonely: list[int]) -> None:
    """Nodes with no placed neighbour: evenly on a circle around what is placed."""
    known = [p for p in placed if p is not None]
    if known:
        cx = sum(p[0] for p in known) / len(known)
        cy = sum(p[1] for p in known) / len(known)
        radius = max(math.dist((cx, cy), p) for p in known) + SPACING
    else:
        cx = cy = 0.0
        radius = SPACING * math.sqrt(len(lonely))
    for i in lonely:
        h = zlib.crc32(ids[i].encode("utf-8"))
        angle = (h % 10_000) / 10_000 * math.tau
        r = radius + (h >> 16) % 4 * SPACING / 2
        placed[i] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
