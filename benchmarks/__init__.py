"""Benchmarks: a deterministic synthetic vault generator and the runner that times the engine."""
