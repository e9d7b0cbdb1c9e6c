"""Links resolved chunk by chunk as notes are parsed land where whole-vault resolution puts them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core.cache import wait_saved
from syntopic.core.load import Opening
from syntopic.core.parse import DEFAULT_OPTIONS
from syntopic.core.resolve import Resolver
from syntopic.core.vault import Vault


def vault_pairs(count: int) -> list[tuple[str, str]]:
    pairs = [
        (f"f{i % 9}/n{i:04}.md", f"[[n{(i * 13) % count:04}]] and [[Alias {i}]]\n")
        for i in range(count)
    ]
    # the aliases live in the last notes: parsed in the last chunks (or by the other process)
    pairs += [
        ("zz/late.md", "---\naliases: [Alias 1, Alias 2, n0005]\n---\n[[Alias 3]]\n"),
        ("zz/later.md", "---\naliases: [Alias 3]\n---\n[[late]] [[Nobody]] ![[pic.png]]\n"),
        ("pic.png", "not a picture"),
        ("n0005.md", "a second n0005, at the root: it wins the name\n"),
        ("a/asks.md", "[[n0005]], a name two files and an alias share\n"),
    ]
    return pairs


@pytest.mark.parametrize("how", ["shared", "workers", "from the parse cache"])
def test_linking_as_chunks_come_in_matches_linking_after_every_note(
    disk_vault: Callable[[Pairs], Path], how: str
) -> None:
    root = str(disk_vault(vault_pairs(600)))
    if how == "from the parse cache":  # every note at once, nothing parsed
        Vault.open(root)
        wait_saved()
        opening = Opening(root, DEFAULT_OPTIONS)
        assert opening.job is None
    else:
        opening = Opening(root, DEFAULT_OPTIONS, use_cache=False, workers=2, here=how == "shared")
    vault = Vault.open(root, opening=opening)
    whole = Resolver()
    whole.set_attachments(vault.attachments)
    for note in vault.notes.values():
        whole.add(note)
    for path, note in vault.notes.items():
        assert [rl.resolution for rl in vault.resolved[path]] == [
            whole.resolve(link, path) for link in note.links
        ]
    assert list(vault.resolved) == sorted(vault.notes)
    by_alias = {rl.link.target: rl.resolution for rl in vault.resolved["f1/n0001.md"]}
    assert by_alias["Alias 1"].path == "zz/late.md" and by_alias["Alias 1"].via_alias
    later = {rl.link.target: rl.resolution for rl in vault.resolved["zz/later.md"]}
    assert later["Nobody"].path is None and later["pic.png"].attachment
    (asks,) = vault.resolved["a/asks.md"]
    assert asks.resolution.path == "n0005.md" and not asks.resolution.via_alias
    assert vault.graph.has_edge("f3/n0003.md", "zz/later.md")  # [[Alias 3]]
    assert vault.graph.has_edge("zz/later.md", "ghost:nobody")
