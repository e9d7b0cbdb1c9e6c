"""Watching: raw file events become vault changes, bursts settle into one batch."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from watchdog.events import (
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.core.watch import ChangeCollector, VaultWatcher


def test_only_notes_outside_hidden_folders_count(tmp_path: Path) -> None:
    c = ChangeCollector(str(tmp_path))
    assert c.add(FileModifiedEvent(str(tmp_path / "a.md")))
    assert not c.add(FileModifiedEvent(str(tmp_path / "img.png")))
    assert not c.add(FileModifiedEvent(str(tmp_path / ".obsidian/ws.md")))
    assert not c.add(FileModifiedEvent(str(tmp_path.parent / "elsewhere.md")))
    changes, rescan = c.drain()
    assert [ch.path for ch in changes] == ["a.md"] and not rescan
    assert c.drain() == ([], False)


def test_atomic_save_and_moves_touch_both_names(tmp_path: Path) -> None:
    c = ChangeCollector(str(tmp_path))
    c.add(FileCreatedEvent(str(tmp_path / "n.md.tmp")))
    c.add(FileMovedEvent(str(tmp_path / "n.md.tmp"), str(tmp_path / "n.md")))
    c.add(FileMovedEvent(str(tmp_path / "old.md"), str(tmp_path / "sub/new.md")))
    c.add(FileDeletedEvent(str(tmp_path / "gone.md")))
    changes, _ = c.drain()
    assert [ch.path for ch in changes] == ["n.md", "old.md", "sub/new.md", "gone.md"]


def test_folder_moves_ask_for_a_rescan(tmp_path: Path) -> None:
    c = ChangeCollector(str(tmp_path))
    assert c.add(DirMovedEvent(str(tmp_path / "a"), str(tmp_path / "b")))
    assert c.drain() == ([], True)


def test_a_burst_of_edits_arrives_as_one_batch(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([("a.md", "[[b]]")])
    vault = Vault.open(str(root))
    fired = threading.Event()
    calls: list[int] = []

    def notify() -> None:
        calls.append(1)
        fired.set()

    watcher = VaultWatcher(str(root), notify, debounce=0.3)
    watcher.start()
    try:
        (root / "b.md").write_text("new [[a]]")
        (root / "c.md.tmp").write_text("atomic")
        (root / "c.md.tmp").rename(root / "c.md")
        (root / "a.md").write_text("[[b]] [[c]]")
        assert fired.wait(10)
        changes, rescan = watcher.drain()
    finally:
        watcher.stop()
    assert len(calls) == 1 and not rescan
    event = vault.apply(changes)
    assert event.added == {"b.md", "c.md"} and event.modified == {"a.md"}
    assert set(vault.graph.successors("a.md")) == {"b.md", "c.md"}
    assert not watcher.running


def test_a_background_start_rescans_once_watching(tmp_path: Path) -> None:
    # whatever changed between the vault's scan and the first watch is caught
    notified = threading.Event()
    watcher = VaultWatcher(str(tmp_path), notified.set, debounce=0.01)
    watcher.start_in_background(lambda exc: pytest.fail(str(exc)))
    try:
        assert notified.wait(5)
        assert watcher.drain() == ([], True)
        assert watcher.running
    finally:
        watcher.stop()
    assert not watcher.running


def test_a_background_start_that_fails_says_why(tmp_path: Path) -> None:
    failures: list[OSError] = []
    watcher = VaultWatcher(str(tmp_path / "gone"), lambda: None)
    watcher.start_in_background(failures.append)
    watcher.stop()  # joins the start
    assert len(failures) == 1 and isinstance(failures[0], OSError)
