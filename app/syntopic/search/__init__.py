"""Full-text search: a whoosh index behind a small adapter (no Qt)."""
