"""Markdown to HTML: markdown-it-py with our wiki-link rule (no Qt)."""
