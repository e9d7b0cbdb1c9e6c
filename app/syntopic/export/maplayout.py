"""Where a study map's notes go: a radial layout with no two label boxes overlapping.

The centre concept sits in the middle and each further step of links on its
own ring, books grouped together on the first ring and every deeper note near
the note that led to it; then any overlap between label boxes is pushed apart.
"""

from __future__ import annotations

import math

from syntopic.export.mapmodel import BASE_SIZE, ROLE_ORDER, MapNode, StudyMap


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box_at(
    node: MapNode, angle: float, radius: float, aspect: float, gap: float
) -> tuple[float, float, float, float]:
    x = aspect * radius * math.cos(angle)
    y = radius * math.sin(angle)
    return (x - node.w / 2 - gap, y - node.h / 2 - gap, x + node.w / 2 + gap, y + node.h / 2 + gap)


def _min_step(
    a: MapNode, b: MapNode, angle: float, radius: float, aspect: float, gap: float
) -> float:
    """The smallest turn after ``a`` (at ``angle``) at which ``b`` clears it."""
    box_a = _box_at(a, angle, radius, aspect, gap / 2)
    step = 0.02
    hi = step
    while hi < 2 * math.pi and _overlaps(box_a, _box_at(b, angle + hi, radius, aspect, gap / 2)):
        hi += step
    lo = hi - step
    for _ in range(12):
        mid = (lo + hi) / 2
        if _overlaps(box_a, _box_at(b, angle + mid, radius, aspect, gap / 2)):
            lo = mid
        else:
            hi = mid
    return hi


def _walk(
    ring: list[MapNode],
    radius: float,
    aspect: float,
    gap: float,
    start: float,
    wanted: list[float] | None,
) -> tuple[list[float], float]:
    """Angles going round clockwise, each node as early as it may; and the total turn."""
    angles = [wanted[0] if wanted else start]
    for i in range(1, len(ring)):
        nxt = angles[-1] + _min_step(ring[i - 1], ring[i], angles[-1], radius, aspect, gap)
        if wanted is not None:
            nxt = max(nxt, wanted[i])
        angles.append(nxt)
    if len(ring) == 1:
        return angles, 0.0
    closing = _min_step(ring[-1], ring[0], angles[-1], radius, aspect, gap)
    return angles, angles[-1] - angles[0] + closing


def _clear_of(
    ring: list[MapNode],
    angles: list[float],
    radius: float,
    aspect: float,
    inner: list[MapNode],
    gap: float,
) -> bool:
    inner_boxes = [n.box(gap * (1.0 if n.depth == 0 else 2.5)) for n in inner]
    for node, angle in zip(ring, angles, strict=True):
        box = _box_at(node, angle, radius, aspect, 0.0)
        if any(_overlaps(box, other) for other in inner_boxes):
            return False
    return True


def _place_ring(
    ring: list[MapNode],
    inner: list[MapNode],
    radius: float,
    aspect: float,
    gap: float,
    wanted: list[float] | None,
) -> float:
    """Set x, y and angle of the nodes of one ring; return the radius used."""
    start = -math.pi / 2

    def fits(r: float) -> tuple[bool, list[float]]:
        angles, turn = _walk(ring, r, aspect, gap, start, wanted)
        if turn > 2 * math.pi:
            return False, angles
        if wanted is None and len(ring) > 1:
            slack = (2 * math.pi - turn) / len(ring)
            angles = [a + i * slack for i, a in enumerate(angles)]
        elif wanted is not None:
            # turn the whole ring so that nodes sit, on average, where they want to be
            shift = sum(w - a for w, a in zip(wanted, angles, strict=True)) / len(ring)
            angles = [a + shift for a in angles]
        return _clear_of(ring, angles, r, aspect, inner, gap), angles

    ok, angles = fits(radius)
    if not ok:
        lo, hi = radius, radius * 1.25
        ok, angles = fits(hi)
        while not ok:
            lo, hi = hi, hi * 1.25
            ok, angles = fits(hi)
        for _ in range(10):
            mid = (lo + hi) / 2
            good, mid_angles = fits(mid)
            if good:
                hi, angles = mid, mid_angles
            else:
                lo = mid
        radius = hi
    for node, angle in zip(ring, angles, strict=True):
        node.angle = angle
        node.x = aspect * radius * math.cos(angle)
        node.y = radius * math.sin(angle)
    return radius


def _remove_overlaps(nodes: list[MapNode], fixed: str | None, gap: float) -> None:
    """Push overlapping boxes apart; spread everything out if pushing does not settle."""
    for _ in range(50):
        for _ in range(60):
            moved = False
            for i, a in enumerate(nodes):
                for b in nodes[i + 1 :]:
                    ox = (a.w + b.w) / 2 + gap - abs(a.x - b.x)
                    oy = (a.h + b.h) / 2 + gap - abs(a.y - b.y)
                    if ox <= 0 or oy <= 0:
                        continue
                    moved = True
                    share_a = 0.0 if a.id == fixed else (1.0 if b.id == fixed else 0.5)
                    share_b = 1.0 - share_a
                    if ox < oy:
                        sign = 1.0 if (b.x, b.id) >= (a.x, a.id) else -1.0
                        a.x -= sign * ox * share_a
                        b.x += sign * ox * share_b
                    else:
                        sign = 1.0 if (b.y, b.id) >= (a.y, a.id) else -1.0
                        a.y -= sign * oy * share_a
                        b.y += sign * oy * share_b
            if not moved:
                return
        for n in nodes:
            if n.id != fixed:
                n.x *= 1.1
                n.y *= 1.1


def layout(smap: StudyMap, aspect: float = 1.6) -> None:
    """Radial by depth: the centre at (0, 0), one ring per depth, no two boxes overlapping."""
    if not smap.nodes:
        return
    gap = BASE_SIZE * 0.6
    centre = smap.nodes.get(smap.centre or "")
    by_depth: dict[int, list[MapNode]] = {}
    for node in smap.nodes.values():
        by_depth.setdefault(node.depth, []).append(node)
    parents = {e.target: e.source for e in smap.edges if e.tree}
    placed: list[MapNode] = []
    radius = 0.0
    if centre is not None:
        centre.x = centre.y = 0.0
        placed.append(centre)
        radius = centre.h / 2 + BASE_SIZE * 4
    for d in sorted(k for k in by_depth if k > 0):
        ring = by_depth[d]
        wanted: list[float] | None = None
        if d > 1:
            ring.sort(
                key=lambda n: (
                    _parent_angle(smap, parents.get(n.id)),
                    ROLE_ORDER[n.role],
                    n.title.lower(),
                )
            )
            known = [_parent_angle(smap, parents.get(n.id)) for n in ring]
            if all(math.isfinite(a) for a in known):
                wanted = known
        tallest = max(n.h for n in ring)
        widest = max(n.w for n in ring)
        if placed and d > 1:
            outer = max(math.hypot(n.x / aspect, n.y) for n in placed)
            radius = outer + tallest + BASE_SIZE * 5 + widest / (4 * aspect)
        radius = _place_ring(ring, placed, radius, aspect, gap, wanted)
        placed.extend(ring)
    _remove_overlaps(placed, smap.centre, gap)


def _parent_angle(smap: StudyMap, parent: str | None) -> float:
    node = smap.nodes.get(parent or "")
    if node is None:
        return math.inf
    return node.angle if node.depth > 0 else -math.pi / 2
