"""The parse cache under faults: locked, corrupt, disk full. The vault opens, whole,
the user is told once, and nothing is written into the vault."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.cli import main
from syntopic.core import cache as cache_module
from syntopic.core.cache import ParseCache, vault_cache_dir, wait_saved
from syntopic.core.parse import DEFAULT_OPTIONS
from syntopic.core.vault import Vault

PAIRS = [("a.md", "[[b]] #x"), ("b.md", "---\naliases: [Bee]\n---\n[[a]]")]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def opened(root: Path) -> Vault:
    vault = Vault.open(str(root))
    wait_saved()  # the cache is written behind the open; its outcome is known after
    return vault


def test_disk_full_on_cache_write_loses_nothing_and_says_so_once(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    before = snapshot(root)
    real_write = cache_module.write_blob

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module, "write_blob", full)
    vault = opened(root)
    assert sorted(vault.notes) == ["a.md", "b.md"]
    assert vault.cache_message == "parse cache not saved: No space left on device"
    assert not (vault_cache_dir(str(root)) / "notes.bin").exists()
    monkeypatch.setattr(cache_module, "write_blob", real_write)  # space again
    again = opened(root)
    assert again.notes == vault.notes and again.cache_message is None
    assert snapshot(root) == before


def test_a_half_written_cache_file_is_never_read(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    opened(root)
    good = (vault_cache_dir(str(root)) / "notes.bin").read_bytes()
    (root / "a.md").write_text("changed [[b]]")

    def full_midway(parts: object, *args: object) -> object:
        yield b"x" * 10
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module, "_sections", full_midway)
    vault = opened(root)
    assert vault.cache_message == "parse cache not saved: No space left on device"
    # the write goes to a temporary file renamed at the end: the old cache stands
    cache_dir = vault_cache_dir(str(root))
    assert (cache_dir / "notes.bin").read_bytes() == good
    assert [p.name for p in cache_dir.iterdir() if p.suffix == ".tmp"] == []


def test_a_locked_cache_is_rebuilt_and_said_once(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    opened(root)
    cache_file = vault_cache_dir(str(root)) / "notes.bin"
    real_read = Path.read_bytes

    def locked(self: Path) -> bytes:
        if self == cache_file:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    vault = opened(root)
    assert sorted(vault.notes) == ["a.md", "b.md"]
    assert vault.cache_message == "parse cache unreadable (Permission denied); rebuilt"


def test_the_command_line_says_a_garbage_cache_was_rebuilt_once(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault(PAIRS)
    before = snapshot(root)
    assert main(["stats", str(root)]) == 0
    wait_saved()
    (vault_cache_dir(str(root)) / "notes.bin").write_bytes(b"\x00garbage" * 100)
    capsys.readouterr()
    assert main(["stats", str(root)]) == 0
    wait_saved()
    assert capsys.readouterr().err == "syntopic: parse cache damaged; rebuilt\n"
    assert ParseCache(str(root), DEFAULT_OPTIONS).load().keys() == {"a.md", "b.md"}
    assert main(["stats", str(root)]) == 0
    assert capsys.readouterr().err == ""
    assert snapshot(root) == before
