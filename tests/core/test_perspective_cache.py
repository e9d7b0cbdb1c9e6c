"""Cached perspective edges: reused on a warm open, recomputed whenever they could differ."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core import vault as vault_module
from syntopic.core.cache import vault_cache_dir, wait_saved
from syntopic.core.vault import Vault

BOOK = "---\ntype: book\nauthor: Ada Byron\n---\n"
CONCEPT = (
    "# Framing\n\n## The Multi-Book View\n\n"
    "Byron's work in *Engines* shows the frame before the offer.\n\n"
    "In [[Looms]], Byron extends the idea to whole sequences.\n"
)
PAIRS = [("Books/Engines.md", BOOK), ("Books/Looms.md", BOOK), ("Framing.md", CONCEPT)]


def perspective_edges(vault: Vault) -> list[tuple[str, str, int, str]]:
    return sorted(
        (u, v, d["line"], d["context"])
        for u, v, d in vault.graph.edges(data=True)
        if d["kind"] == "perspective"
    )


def count_attribution(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = vault_module.perspective_edges

    def counting(note, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(note.path)
        return real(note, *args, **kwargs)

    monkeypatch.setattr(vault_module, "perspective_edges", counting)
    return calls


def test_warm_open_reuses_the_edges_a_cold_open_found(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    cold = perspective_edges(Vault.open(str(root)))
    assert [(u, v) for u, v, _, _ in cold] == [
        ("Books/Engines.md", "Framing.md"),
        ("Books/Looms.md", "Framing.md"),
    ]
    calls = count_attribution(monkeypatch)
    assert perspective_edges(Vault.open(str(root))) == cold
    assert calls == []


def test_an_edited_concept_is_attributed_again(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    Vault.open(str(root))
    (root / "Framing.md").write_text(CONCEPT.replace("[[Looms]]", "passing"))
    os.utime(root / "Framing.md", ns=(1, 10**18))
    calls = count_attribution(monkeypatch)
    edges = perspective_edges(Vault.open(str(root)))
    assert calls == ["Framing.md"]
    # with the link gone, the second block names only the author of two books: no edge
    assert [u for u, _, _, _ in edges] == ["Books/Engines.md"]


def test_a_renamed_book_alias_invalidates_every_concept(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    Vault.open(str(root))
    (root / "Books/Looms.md").write_text(BOOK + "")
    (root / "Books/Engines.md").write_text(BOOK.replace("---\n", "---\naliases: [Gears]\n", 1))
    os.utime(root / "Books/Engines.md", ns=(1, 10**18))
    calls = count_attribution(monkeypatch)
    Vault.open(str(root))
    assert calls == ["Framing.md"]


def test_a_new_note_named_like_a_book_invalidates(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    Vault.open(str(root))
    (root / "Looms.md").write_text("A note that shares the book's name.\n")
    calls = count_attribution(monkeypatch)
    Vault.open(str(root))
    assert calls == ["Framing.md"]


def test_a_damaged_cache_is_recomputed_and_reported(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    root = disk_vault(PAIRS)
    cold = perspective_edges(Vault.open(str(root)))
    wait_saved()  # written in the background
    file = vault_cache_dir(str(root)) / "perspectives.bin"
    data = bytearray(file.read_bytes())
    data[-3] ^= 0xFF
    file.write_bytes(bytes(data))
    vault = Vault.open(str(root))
    assert perspective_edges(vault) == cold
    assert vault.cache_message == "perspective cache damaged; rebuilt"
    assert perspective_edges(Vault.open(str(root))) == cold
    assert Vault.open(str(root)).cache_message is None
