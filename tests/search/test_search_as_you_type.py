"""Search as you type: the last word matches the start of longer words, below whole words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from searchkit import PAIRS, open_index, paths

from conftest import Pairs

MakeVault = Callable[[Pairs], Path]


def test_the_word_being_typed_matches_as_a_prefix(disk_vault: MakeVault) -> None:
    _, index = open_index(disk_vault(PAIRS))
    typed = index.search("reci", as_you_type=True)
    assert paths(typed)[:2] == ["Concepts/Reciprocity.md", "Concepts/Gift Economy.md"]
    assert typed.suggestion is None, "a word that starts indexed words is no typo"
    assert any("Reciprocity" in s.hits for s in typed.hits[0].snippets)
    # the command line and a finished word (a space after it) stay whole-word
    assert paths(index.search("reci")) == []
    assert paths(index.search("reci ", as_you_type=True)) == []
    # earlier words stay whole words: all must match
    assert paths(index.search("gift econ", as_you_type=True)) == ["Concepts/Gift Economy.md"]
    index.close()


def test_whole_word_matches_rank_above_prefix_matches(disk_vault: MakeVault) -> None:
    pairs = [
        ("Artisan.md", "Artisan bread, artisan cheese, an artisan market of artisans.\n"),
        ("Art.md", "Some art on a wall.\n"),
    ]
    _, index = open_index(disk_vault(pairs))
    assert paths(index.search("art", as_you_type=True)) == ["Art.md", "Artisan.md"]
    index.close()


def test_a_typo_still_gets_a_suggestion(disk_vault: MakeVault) -> None:
    _, index = open_index(disk_vault(PAIRS))
    result = index.search("recoprocity", as_you_type=True)
    assert result.hits == [] and result.suggestion == "reciprocity"
    index.close()
