"""Graph layout with a native engine, cached positions, filters and colours (no Qt)."""
