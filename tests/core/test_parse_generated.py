"""The generator's vaults, real-vault shapes included, parse to exactly the links it wrote."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate
from syntopic.core.vault import Vault


def test_generated_vault_parses_to_the_links_it_holds(tmp_path: Path) -> None:
    made = generate(tmp_path / "v", 400, seed=3)
    vault = Vault.open(str(made.root), use_cache=False, workers=1)
    assert len(vault.notes) == made.notes
    assert sum(len(n.links) for n in vault.notes.values()) == made.links
    names = [p.rsplit("/", 1)[-1] for p in vault.notes]
    assert any(not name[0].isascii() for name in names)  # emoji titles
    assert any("." in name[:-3] for name in names)  # dotted titles
    assert max(p.count("/") for p in vault.notes) >= 6  # deep folders
    assert any(link.in_properties for n in vault.notes.values() for link in n.links)
