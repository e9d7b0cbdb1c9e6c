"""`syntopic check` findings: what is broken, judged as Obsidian judges it."""

from __future__ import annotations

from conftest import memory_vault
from syntopic.core.check import Finding, check


def kinds(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.kind) for f in findings]


def test_heading_chains_and_dropped_punctuation_are_not_reported() -> None:
    v = memory_vault(
        [
            ("B.md", "# Top\n## Sub\n## Step 1: Install\n## How large can it be?\n"),
            (
                "a.md",
                "[[B#Top#Sub]]\n[[B#Step 1 Install]]\n[[B#How large can it be]]\n"
                "[[B#Sub#Top]]\n[[B#Top Sub]]\n",
            ),
        ]
    )
    assert kinds(check(v)) == [("a.md", 4, "missing-heading"), ("a.md", 5, "missing-heading")]


def test_dotted_note_names_are_not_missing_attachments() -> None:
    v = memory_vault(
        [
            ("Version 1.5.md", ""),
            ("mailbox.org.md", ""),
            ("a.md", "[[Version 1.5]] [[mailbox.org]]"),
        ]
    )
    assert check(v) == []


def test_alias_only_links_are_their_own_kind_and_unresolved_for_obsidian() -> None:
    v = memory_vault(
        [
            ("Reciprocity.md", "---\naliases: [Give First]\n---\n## Why\n"),
            ("a.md", "[[Reciprocity]]\n[[Give First]]\n[[Give First#Nope]]\n"),
        ]
    )
    ours = check(v)
    assert kinds(ours) == [
        ("a.md", 2, "alias-only"),
        ("a.md", 3, "alias-only"),
        ("a.md", 3, "missing-heading"),
    ]
    assert "Reciprocity.md" in ours[0].message
    assert kinds(check(v, obsidian=True)) == [("a.md", 2, "unresolved"), ("a.md", 3, "unresolved")]
