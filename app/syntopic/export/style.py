"""Colours and shapes of a study map: the app's colours, made for paper.

Node colours are the graph view's colours by kind (concept blue, book
orange, framework green, person mauve, unwritten grey), as light fills with
the full colour as border, so a printed map reads like the app's graph.
Edge types reuse the same hues: a book's perspective in the book orange, a
key framework in the framework green.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

PAPER = "#ffffff"
INK = "#1f2328"
MUTED = "#656d76"
RULE = "#d0d7de"

# the graph view's kind colours (app/syntopic/layout/colours.py)
CONCEPT = "#4e79a7"
BOOK = "#f28e2b"
FRAMEWORK = "#59a14f"
PERSON = "#b07aa1"
GHOST = "#9a9a9a"
GREY = "#8c959f"


class NodeStyle(NamedTuple):
    fill: str
    border: str
    text: str
    shape: Literal["pill", "box", "book"]
    dashed: bool = False


class EdgeStyle(NamedTuple):
    color: str
    width: float
    dashed: bool = False


NODE_STYLES: dict[str, NodeStyle] = {
    "centre": NodeStyle(CONCEPT, "#2f5478", "#ffffff", "pill"),
    "concept": NodeStyle("#edf2f8", CONCEPT, INK, "pill"),
    "note": NodeStyle("#f6f8fa", GREY, INK, "pill"),
    "framework": NodeStyle("#eef6ec", FRAMEWORK, INK, "box"),
    "book": NodeStyle("#fef3e8", "#d9731a", INK, "book"),
    "person": NodeStyle("#f7f0f5", PERSON, INK, "pill"),
    "ghost": NodeStyle("#ffffff", GHOST, "#6e7781", "pill", dashed=True),
}

EDGE_STYLES: dict[str, EdgeStyle] = {
    "perspective": EdgeStyle(BOOK, 1.6),
    "framework": EdgeStyle(FRAMEWORK, 1.4),
    "mention": EdgeStyle("#8fa9c6", 1.0),
    "explore": EdgeStyle("#a3a9b0", 1.0, dashed=True),
}

# later in this order is drawn on top
EDGE_ORDER: dict[str, int] = {"perspective": 0, "framework": 1, "mention": 2, "explore": 3}

KIND_COLORS: dict[str, str] = {
    "book": BOOK,
    "ghost": GHOST,
    "framework": FRAMEWORK,
    "person": PERSON,
    "concept": CONCEPT,
    "note": GREY,
}
"""Node colours for graph data files (GEXF viz:color), by map role."""
