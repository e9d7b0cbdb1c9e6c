"""Label placement: most important first, each in the first free spot beside its node."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Box = tuple[float, float, float, float]  # left, top, right, bottom, in screen pixels
CELL = 64.0  # pixels a side of the grid's cells: about one short label wide


def _cells(box: Box) -> Iterable[tuple[int, int]]:
    x0, y0 = math.floor(box[0] / CELL), math.floor(box[1] / CELL)
    x1, y1 = math.floor(box[2] / CELL), math.floor(box[3] / CELL)
    return ((gx, gy) for gx in range(x0, x1 + 1) for gy in range(y0, y1 + 1))


def meet(a: Box, b: Box) -> bool:
    """True if the boxes share any area (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class LabelGrid:
    """Labels already placed, and nodes best not covered, bucketed by cell: a new box
    is checked against its neighbours only."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}
        self.nodes: dict[tuple[int, int], list[Box]] = {}
        self.boxes: list[Box] = []

    @staticmethod
    def _clear(cells: dict[tuple[int, int], list[Box]], box: Box) -> bool:
        return not any(meet(box, other) for c in _cells(box) for other in cells.get(c, ()))

    def free(self, box: Box) -> bool:
        return self._clear(self.cells, box)

    def take(self, box: Box) -> None:
        self.boxes.append(box)
        for c in _cells(box):
            self.cells.setdefault(c, []).append(box)

    def block(self, box: Box) -> None:
        """Room no label may take (the legend), though it is no label itself."""
        for c in _cells(box):
            self.cells.setdefault(c, []).append(box)

    def avoid(self, box: Box) -> None:
        """A node's box: labels go elsewhere when they can, over it when they must."""
        for c in _cells(box):
            self.nodes.setdefault(c, []).append(box)

    def place(self, spots: Iterable[Box]) -> Box | None:
        """The first of ``spots`` clear of every label (and, if one is, of every node),
        now taken; None if all meet a label."""
        first: Box | None = None
        for box in spots:
            if self.free(box):
                if not self.nodes or self._clear(self.nodes, box):
                    first = box
                    break
                first = first or box
        if first is not None:
            self.take(first)
        return first


def spots(
    x: float, y: float, r: float, width: float, height: float, away: tuple[float, float] = (0, 1)
) -> list[Box]:
    """Boxes of ``width`` × ``height`` beside a node of radius ``r`` at (x, y), the first
    on the side ``away`` points to (below by default), then the others round the node."""
    gap = 1.0
    below = (x - width / 2, y + r + gap, x + width / 2, y + r + gap + height)
    above = (x - width / 2, y - r - gap - height, x + width / 2, y - r - gap)
    right = (x + r + gap, y - height / 2, x + r + gap + width, y + height / 2)
    left = (x - r - gap - width, y - height / 2, x - r - gap, y + height / 2)
    d = r * 0.7 + gap
    corners = [
        (x + d, y + d, x + d + width, y + d + height),
        (x - d - width, y + d, x - d, y + d + height),
        (x + d, y - d - height, x + d + width, y - d),
        (x - d - width, y - d - height, x - d, y - d),
    ]
    boxes = [below, above, right, left, *corners]
    if away == (0, 1):
        return boxes
    ax, ay = away
    # most in line with ``away`` first; ties keep the order above (below wins)
    ranked = sorted(range(len(boxes)), key=lambda k: -(_SIDES[k][0] * ax + _SIDES[k][1] * ay))
    return [boxes[k] for k in ranked]


_SIDES = ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7),
          (-0.7, -0.7))  # fmt: skip


def overlaps(boxes: Sequence[Box]) -> int:
    """How many pairs of ``boxes`` share area (what the benchmark and tests count)."""
    seen: dict[tuple[int, int], list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for i, box in enumerate(boxes):
        for c in _cells(box):
            for j in seen.get(c, ()):
                if meet(box, boxes[j]):
                    pairs.add((j, i))
            seen.setdefault(c, []).append(i)
    return len(pairs)
