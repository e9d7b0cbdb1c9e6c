"""The parse cache: reused when valid, rebuilt when not, never in the vault."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core import load as load_module
from syntopic.core.cache import ParseCache, vault_cache_dir, wait_saved
from syntopic.core.parse import DEFAULT_OPTIONS
from syntopic.core.vault import Vault

PAIRS = [("a.md", "[[b]] #x"), ("b.md", "---\naliases: [Bee]\n---\n[[a]]")]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    real = load_module.ParseJob

    def counting(root: str, rels: list[str], *args: object, **kwargs: object) -> object:
        calls.append(list(rels))
        return real(root, rels, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load_module, "ParseJob", counting)
    return calls


def test_warm_open_parses_nothing_and_matches_cold(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    cold = Vault.open(str(root))
    calls = no_parsing(monkeypatch)
    warm = Vault.open(str(root))
    assert calls == []
    assert warm.notes == cold.notes
    assert sorted(warm.graph.edges(data="context")) == sorted(cold.graph.edges(data="context"))


def test_only_changed_files_are_reparsed(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    Vault.open(str(root))
    (root / "b.md").write_text("changed [[a]] [[c]]")
    os.utime(root / "b.md", ns=(1, 10**18))
    (root / "c.md").write_text("new")
    calls = no_parsing(monkeypatch)
    vault = Vault.open(str(root))
    assert sorted(calls[0]) == ["b.md", "c.md"]
    assert vault.notes["b.md"].aliases == ()


@pytest.mark.parametrize("garbage", [b"", b"not a cache", b"flip", b"truncate"])
def test_corrupt_cache_is_rebuilt_and_said_once(
    disk_vault: Callable[[Pairs], Path], garbage: bytes
) -> None:
    root = disk_vault(PAIRS)
    Vault.open(str(root))
    wait_saved()  # the cache is written in the background
    cache_file = vault_cache_dir(str(root)) / "notes.bin"
    if garbage == b"flip":
        data = bytearray(cache_file.read_bytes())
        data[-10] ^= 0xFF  # one damaged byte in the body
        garbage = bytes(data)
    elif garbage == b"truncate":
        garbage = cache_file.read_bytes()[:-20]
    cache_file.write_bytes(garbage)
    vault = Vault.open(str(root))
    assert sorted(vault.notes) == ["a.md", "b.md"]
    assert vault.cache_message == "parse cache damaged; rebuilt"
    assert ParseCache(str(root), DEFAULT_OPTIONS).load().keys() == {"a.md", "b.md"}
    assert Vault.open(str(root)).cache_message is None  # once: the rebuilt cache is good


def test_older_schema_is_ignored(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    Vault.open(str(root))
    monkeypatch.setattr("syntopic.core.cache.SCHEMA_VERSION", 999)
    calls = no_parsing(monkeypatch)
    Vault.open(str(root))
    assert sorted(calls[0]) == ["a.md", "b.md"]


def test_read_only_cache_dir_only_costs_speed(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("SYNTOPIC_CACHE_DIR", str(blocker))  # mkdir under a file fails
    root = disk_vault(PAIRS)
    vault = Vault.open(str(root))
    assert sorted(vault.notes) == ["a.md", "b.md"]
    wait_saved()  # a failed background save is reported once it is over
    assert vault.cache_message is not None and "not saved" in vault.cache_message


def test_the_vault_is_never_written(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([*PAIRS, ("bad.md", "---\n: [\n---\n")])
    before = snapshot(root)
    Vault.open(str(root))
    Vault.open(str(root))
    assert snapshot(root) == before


def test_the_cache_is_written_behind_and_a_reader_waits_for_it(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    gate = threading.Event()
    real = ParseCache.save

    def slow_save(self: ParseCache, *args: object) -> bool:
        gate.wait(5)  # still writing when the next open starts
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ParseCache, "save", slow_save)
    Vault.open(str(root))  # returns before its cache is written
    assert not (vault_cache_dir(str(root)) / "notes.bin").exists()
    threading.Timer(0.2, gate.set).start()
    calls = no_parsing(monkeypatch)
    Vault.open(str(root))  # waits for the save, then parses nothing
    assert calls == []


@pytest.mark.parametrize("keep", [load_module.KEEP_BYTES, 12_000, 0])
def test_a_cache_written_from_the_workers_reads_back_as_a_fresh_parse(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch, keep: int
) -> None:
    # enough notes for worker processes, whose marshalled chunks are kept as sent
    # (all, some, none: the rest are encoded again)
    monkeypatch.setattr(load_module, "KEEP_BYTES", keep)
    pairs = [(f"f{i % 7}/n{i}.md", f"# N{i}\n[[n{(i * 7) % 450}]] #t{i % 5}x") for i in range(450)]
    root = disk_vault(pairs)
    cold = Vault.open(str(root), workers=2)
    calls = no_parsing(monkeypatch)
    warm = Vault.open(str(root), workers=2)
    assert calls == []
    assert warm.notes == cold.notes
    # one note changed: the rest come from the cache, the note from a fresh parse
    (root / "f0/n0.md").write_text("# N0 changed\n[[n1]]")
    again = Vault.open(str(root), workers=2)
    assert calls == [["f0/n0.md"]]
    assert [link.target for link in again.notes["f0/n0.md"].links] == ["n1"]
    assert {p: n for p, n in again.notes.items() if p != "f0/n0.md"} == {
        p: n for p, n in cold.notes.items() if p != "f0/n0.md"
    }
    wait_saved()
    assert ParseCache(str(root), DEFAULT_OPTIONS).load().keys() == cold.notes.keys()
