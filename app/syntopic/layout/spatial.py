"""A uniform grid over node positions, for hit tests and visible-area queries."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

Point = tuple[float, float]


class SpatialGrid:
    """Buckets node indices by cell; finds the node under a point in O(nearby)."""

    def __init__(
        self,
        points: Sequence[Point],
        radii: Sequence[float],
        members: Iterable[int],
        cell: float = 80.0,
    ) -> None:
        self.points = points
        self.radii = radii
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.max_radius = 0.0
        for i in members:
            x, y = points[i]
            self.cells.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append(i)
            self.max_radius = max(self.max_radius, radii[i])

    def in_rect(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[int]:
        """Nodes whose centre lies in the rectangle (cells overlapping it, then exact)."""
        c = self.cell
        cx0, cx1 = math.floor(x0 / c), math.floor(x1 / c)
        cy0, cy1 = math.floor(y0 / c), math.floor(y1 / c)
        if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > len(self.cells):
            keys: Iterable[tuple[int, int]] = (
                k for k in self.cells if cx0 <= k[0] <= cx1 and cy0 <= k[1] <= cy1
            )
        else:
            keys = ((gx, gy) for gx in range(cx0, cx1 + 1) for gy in range(cy0, cy1 + 1))
        pts = self.points
        for key in keys:
            for i in self.cells.get(key, ()):
                x, y = pts[i]
                if x0 <= x <= x1 and y0 <= y <= y1:
                    yield i

    def hit(self, x: float, y: float, slack: float = 0.0) -> int | None:
        """The node drawn under (x, y), within ``slack`` of its rim; nearest centre wins."""
        reach = self.max_radius + slack
        best: int | None = None
        best_d = math.inf
        for i in self.in_rect(x - reach, y - reach, x + reach, y + reach):
            px, py = self.points[i]
            d = math.hypot(px - x, py - y)
            if d <= self.radii[i] + slack and d < best_d:
                best, best_d = i, d
        return best
