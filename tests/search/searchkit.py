"""A small vault for the search tests, and helpers to open and query its index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from syntopic.core.vault import Vault
from syntopic.search.index import SearchIndex
from syntopic.search.results import SearchResult

PAIRS = [
    (
        "Concepts/Reciprocity.md",
        "---\naliases: [Give First]\ntags: [principle/reciprocity]\ntype: concept\n---\n"
        "# Reciprocity\n\n"
        "People feel obliged to repay gifts and favours, even small ones.\n\n"
        "## The Multi-Book View\n\n"
        "Robert Cialdini's *Influence* shows that a small gift creates a strong obligation "
        "to give back. Later chapters add more.\n\n"
        "## Key Frameworks\n\n"
        "The rejection-then-retreat technique turns a concession into a debt.\n",
    ),
    (
        "Concepts/Gift Economy.md",
        "---\ntags: [economics]\n---\n"
        "In a gift economy, status comes from giving away. Reciprocity is implied "
        "but never counted.\n",
    ),
    (
        "Concepts/Social Proof.md",
        "---\ntags: [principle]\n---\n# Social Proof\n\n"
        "We copy what other people do when unsure. Testimonials are social proof "
        "at work; a crowd is proof too.\n",
    ),
    (
        "Concepts/Scarcity.md",
        "---\ntags: [principle/scarcity]\n---\n# Scarcity\n\n"
        "Rare things seem more valuable, and deadlines create urgency.\n\n"
        "## Tensions\n\nScarcity can backfire when people notice the trick.\n",
    ),
    (
        "Books/Influence.md",
        "---\ntype: book\nauthor: Robert Cialdini\naliases: [The Psychology of Persuasion]\n---\n"
        "A book about persuasion and compliance, built on field studies.\n",
    ),
    ("Notes/Café Culture.md", "Espresso in a café is a small daily ritual.\n"),
    (
        "Notes/Negotiation.md",
        "Negotiation involves anchoring and concessions; the first offer shapes the rest.\n",
    ),
]


def open_index(root: Path, **kwargs: Any) -> tuple[Vault, SearchIndex]:
    """The vault at ``root`` and its index, built."""
    vault = Vault.open(str(root))
    index = SearchIndex(vault, **kwargs)
    index.build()
    return vault, index


def paths(result: SearchResult) -> list[str]:
    return [hit.path for hit in result.hits]


def found(index: SearchIndex, query: str) -> set[str]:
    return set(paths(index.search(query)))
