"""The least work that opens a vault: read every note, one wiki-link regex, a networkx DiGraph.

Every whole-process figure is divided by this script's time from the same run, so a
ratio means the same on a fast laptop and on a loaded two-core builder.
Run: ``python -m benchmarks.floor VAULT`` (prints the node and edge counts).
"""

from __future__ import annotations

import os
import re
import sys

import networkx as nx

_WIKI = re.compile(r"\[\[([^\]|#\n]+)")


def floor(root: str) -> nx.DiGraph:
    """The graph of note names to link targets, built the plainest way."""
    graph = nx.DiGraph()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            source = name[:-3]
            graph.add_node(source)
            for m in _WIKI.finditer(text):
                graph.add_edge(source, m.group(1))
    return graph


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.floor VAULT", file=sys.stderr)
        return 2
    graph = floor(args[0])
    print(graph.number_of_nodes(), graph.number_of_edges())
    return 0


if __name__ == "__main__":
    sys.exit(main())
