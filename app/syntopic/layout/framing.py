"""What Fit shows: the main mass of the map large, not every far outlier small."""

from __future__ import annotations

from collections.abc import Collection, Sequence

Box = tuple[float, float, float, float]  # left, top, right, bottom
MARGIN = 20.0  # screen pixels kept clear on every side
MAIN_SHARE = 0.5  # the main component spans at least this share of the view's shorter side...
MAIN_TARGET = 0.7  # ...and when the whole map would leave it smaller, this share
MAX_SCALE = 4.0  # screen pixels a world unit, at most (a small set is zoomed in this far)
MAX_NODE_PX = 36.0  # nor so far that a node is drawn bigger than this radius
MIN_SCALE = 0.005


def largest_component(neighbours: Sequence[Sequence[int]], members: Collection[int]) -> list[int]:
    """The biggest connected part of ``members`` (links to non-members do not join);
    of equal ones, the one holding the lowest index."""
    inside = members if isinstance(members, (set, frozenset)) else set(members)
    seen: set[int] = set()
    best: list[int] = []
    for start in sorted(inside):
        if start in seen:
            continue
        seen.add(start)
        part, queue = [start], [start]
        while queue:
            node = queue.pop()
            for other in neighbours[node]:
                if other in inside and other not in seen:
                    seen.add(other)
                    part.append(other)
                    queue.append(other)
        if len(part) > len(best):
            best = part
    return best


def span(box: Box) -> float:
    return max(box[2] - box[0], box[3] - box[1])


def main_share(main: Box, scale: float, width: float, height: float) -> float:
    """How much of the view's shorter side the main component's box spans on screen."""
    return span(main) * scale / max(1.0, min(width, height))


def frame(
    whole: Box,
    main: Box,
    width: float,
    height: float,
    biggest_radius: float,
    side: float = 0.0,
) -> tuple[float, float, float]:
    """Scale and world centre for Fit in a ``width`` × ``height`` view.

    The whole box when the main component then spans `MAIN_SHARE` of the
    shorter side; else the main component, at `MAIN_TARGET` (small parts and
    loners packed around it stay near the edges, partly in view). Never zoomed
    in past `MAX_SCALE`, nor past drawing a node `MAX_NODE_PX` across. ``side``
    pixels more are kept clear left and right (at most an eighth of the width):
    room for the labels of the outermost nodes of a small map.
    """
    side = min(max(side, 0.0), width / 8)
    w, h = max(width - 2 * (MARGIN + side), 50.0), max(height - 2 * MARGIN, 50.0)
    top = min(MAX_SCALE, MAX_NODE_PX / max(biggest_radius, 1e-6))

    def fit(box: Box) -> float:
        return min(w / max(box[2] - box[0], 1.0), h / max(box[3] - box[1], 1.0))

    scale = min(top, fit(whole))
    centre = ((whole[0] + whole[2]) / 2, (whole[1] + whole[3]) / 2)
    if main_share(main, scale, width, height) < MAIN_SHARE and scale < top:
        wanted = MAIN_TARGET * min(width, height) / max(span(main), 1.0)
        scale = min(top, fit(main), wanted)
        centre = ((main[0] + main[2]) / 2, (main[1] + main[3]) / 2)
    return max(MIN_SCALE, scale), centre[0], centre[1]
