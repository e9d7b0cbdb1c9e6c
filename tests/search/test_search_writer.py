"""Our segment writer's shortcuts write the very bytes whoosh's own way writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from searchkit import PAIRS, found

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.search.index import SearchIndex
from syntopic.search.whooshx import writer

MakeVault = Callable[[Pairs], Path]


def _segment_files(folder: Path) -> dict[str, bytes]:
    """The postings and term table of the index's only segment, by extension."""
    out = {p.suffix: p.read_bytes() for p in folder.iterdir() if p.suffix in (".pst", ".trm")}
    assert set(out) == {".pst", ".trm"}, sorted(p.name for p in folder.iterdir())
    return out


def test_one_block_terms_are_written_as_whoosh_writes_them(
    disk_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # common words in 200 notes (several blocks: whoosh's path), rare ones in one;
    # repeated words (weights above 1), accents, headings, tags, a book
    pairs = PAIRS + [
        (
            f"More/n{i:03d}.md",
            f"---\ntags: [t{i % 7}]\n---\n# Part {i % 11}\n\n"
            f"Common words for every note, ritual {'ritual ' * (i % 4)}café n{i}x.\n",
        )
        for i in range(200)
    ]
    root = disk_vault(pairs)
    vault = Vault.open(str(root))
    SearchIndex(vault, folder=tmp_path / "fast", workers=1).build()
    monkeypatch.setattr(writer, "ONE_BLOCK", False)
    SearchIndex(vault, folder=tmp_path / "whoosh", workers=1).build()
    assert _segment_files(tmp_path / "fast") == _segment_files(tmp_path / "whoosh")
    monkeypatch.setattr(writer, "ONE_BLOCK", True)
    index = SearchIndex(vault, folder=tmp_path / "fast", workers=1)
    assert found(index, "n7x") == {"More/n007.md"}
    assert len(index.search("ritual", limit=500).hits) == 200 + 1  # and the café note
