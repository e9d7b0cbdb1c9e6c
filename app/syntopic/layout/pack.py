"""Packing laid-out components: the largest in the middle, the rest in rings around it."""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]
LONE_PAD = 0.35  # of the gap, around a note with no links: loners pack tighter than parts


def _disc(points: Sequence[Point], pad: float) -> tuple[Point, float]:
    """The centre (mean) of ``points`` and the radius of a circle holding them all."""
    n = len(points)
    cx = sum(p[0] for p in points) / n
    cy = sum(p[1] for p in points) / n
    radius = max(math.dist((cx, cy), p) for p in points)
    return (cx, cy), radius + pad


def pack(parts: Sequence[Sequence[Point]], gap: float) -> list[list[Point]]:
    """Move each part (a component's own layout) so they sit close together.

    The first part (the caller passes the largest first) is centred on the
    origin; the others go, in order, on rings around it, each ring starting just
    outside the last, so small components and isolated notes lie near the main
    mass instead of at the far corners a single force layout flings them to.
    """
    if not parts:
        return []
    placed: list[list[Point]] = []
    (mx, my), main_radius = _disc(parts[0], gap / 2)
    placed.append([(x - mx, y - my) for x, y in parts[0]])
    inner = main_radius + gap / 2  # where the current ring starts
    ring_width = 0.0  # the widest disc on the current ring
    angle = 0.0
    for part in parts[1:]:
        # each disc carries half the gap around it; lone notes sit closer together
        (cx, cy), radius = _disc(part, gap / 2 if len(part) > 1 else gap * LONE_PAD)
        if ring_width == 0.0:
            ring_width = radius
        mid = inner + ring_width
        need = 2 * math.asin(min(1.0, radius / mid))
        if angle + need > math.tau:
            inner += 2 * ring_width
            ring_width, angle = radius, 0.0
            mid = inner + ring_width
            need = 2 * math.asin(min(1.0, radius / mid))
        at = angle + need / 2
        ox, oy = mid * math.cos(at), mid * math.sin(at)
        placed.append([(x - cx + ox, y - cy + oy) for x, y in part])
        angle += need
    return placed
