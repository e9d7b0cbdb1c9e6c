"""A tiny library for export tests: one concept with three books' perspectives."""

from __future__ import annotations

GIVING = """---
type: concept
aliases: [Give First]
tags: [principle]
---
Giving first creates a felt debt that people hurry to repay.

## The Multi-Book View
Ann Arden in [[Open Hands]] shows that a small unasked gift doubles the return.

Ben Brook in [[The Ledger]] counts every favour and warns against giving for nothing.

Cara Cole in [[Quiet Service]] serves the audience for years before selling anything.

## Tensions
Arden and Brook disagree about keeping score: Arden gives freely, Brook keeps a ledger.

## Key Frameworks
- [[Trade Ladder]] — each concession smaller than the last.

## Continue Exploring
- [[Trust]] — giving builds trust.
- [[Unwritten Idea]] — not written yet.
"""

TRUST = """---
type: concept
---
Trust is the expectation that another will act well when you cannot check.

## Perspectives
Cara Cole in [[Quiet Service]] earns trust by helping with no ledger.

## Continue Exploring
- [[Giving]] — the gift that starts it.
"""

PAIRS = [
    ("Concepts/Giving.md", GIVING),
    ("Concepts/Trust.md", TRUST),
    (
        "Frameworks/Trade Ladder.md",
        "---\ntype: framework\n---\nA schedule of shrinking moves. See [[Giving]].\n",
    ),
    ("Books/Open Hands.md", "---\nauthor: Ann Arden\nyear: 2001\n---\nOn gifts.\n"),
    ("Books/The Ledger.md", "---\nauthor: Ben Brook\nyear: 2010\n---\nOn scores.\n"),
    ("Books/Quiet Service.md", "---\nauthor: Cara Cole\n---\nOn service.\n"),
    ("People/Ann Arden.md", "---\ntype: person\n---\nWrote [[Open Hands]].\n"),
]

LABELS = ["Giving", "Trust", "Trade Ladder", "Open Hands", "The Ledger", "Quiet Service"]
