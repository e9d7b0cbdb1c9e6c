"""The Qt-free vault engine: scan, parse, resolve, graph, cache."""
