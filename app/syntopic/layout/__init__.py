"""Graph layout with a native engine, and cached positions (no Qt)."""
