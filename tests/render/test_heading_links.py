"""Heading links in a note page: chains and Obsidian's anchors reach the right section."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer

PAIRS = [
    ("A.md", "[[B#Top#Sub]] then ![[B#Other#Sub]] then ![[B#Step 1 Install]]\n"),
    (
        "B.md",
        "# Top\n## Sub\nUnder top.\n# Other\n## Sub\nUnder other.\n"
        "## Step 1: Install\nRun the installer.\n",
    ),
]


def test_chains_and_anchors_show_and_embed_the_section_they_name(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    vault = Vault.open(str(disk_vault(PAIRS)))
    page = NoteRenderer(vault).page_html("A.md")
    assert ">B › Top › Sub</a>" in page
    assert "Under other." in page and "Under top." not in page  # the second Sub only
    assert "Run the installer." in page
