"""Changes on disk under stress: a vanished vault, a burst of creates, atomic saves."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core.moves import moved_to
from syntopic.core.vault import Change, Vault, VaultEvent
from syntopic.core.watch import VaultWatcher


def test_a_vanished_vault_keeps_what_was_loaded(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([("a.md", "[[b]]"), ("b.md", "[[a]]")])
    vault = Vault.open(str(root))
    shutil.rmtree(root)
    with pytest.raises(FileNotFoundError, match="vault folder is gone"):
        vault.apply([Change("deleted", "a.md"), Change("modified", "b.md")])
    assert sorted(vault.notes) == ["a.md", "b.md"]
    assert vault.graph.has_edge("a.md", "b.md")


def watch_until(
    root: Path, vault: Vault, act: Callable[[], None], done: Callable[[], bool]
) -> list[VaultEvent]:
    """Run ``act`` under a watch and apply each settled batch until ``done()``."""
    settled = threading.Event()
    watcher = VaultWatcher(str(root), settled.set, debounce=0.2)
    watcher.start()
    events: list[VaultEvent] = []
    deadline = time.monotonic() + 30
    try:
        act()
        while not done():
            assert settled.wait(max(0.0, deadline - time.monotonic())), "no batch arrived"
            settled.clear()
            changes, rescan = watcher.drain()
            if rescan:
                changes = vault.changes_on_disk()
            events.append(vault.apply(changes))
    finally:
        watcher.stop()
    return events


def test_a_thousand_creates_in_a_burst(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([("hub.md", "".join(f"[[n{i}]]\n" for i in range(1000)))])
    vault = Vault.open(str(root))
    assert len(vault.graph) == 1001  # the hub and 1,000 ghosts

    def burst() -> None:
        for i in range(1000):
            (root / f"n{i}.md").write_text(f"back to [[hub]] from {i}")

    events = watch_until(root, vault, burst, lambda: len(vault.notes) == 1001)
    assert set().union(*(e.added for e in events)) == {f"n{i}.md" for i in range(1000)}
    fresh = Vault.open(str(root), use_cache=False)
    assert sorted(vault.graph.edges()) == sorted(fresh.graph.edges())
    assert not any(n.startswith("ghost:") for n in vault.graph)


def test_an_atomic_save_is_one_edit(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([("a.md", "[[b]]"), ("b.md", ""), ("c.md", "")])
    vault = Vault.open(str(root))

    def save() -> None:
        # how careful editors save: write a temporary file, then rename it over
        tmp = root / ".a.md.swp-tmp"
        tmp.write_text("now [[c]]")
        os.replace(tmp, root / "a.md")

    events = watch_until(root, vault, save, lambda: set(vault.graph.successors("a.md")) == {"c.md"})
    assert set().union(*(e.modified for e in events)) == {"a.md"}
    assert not any(e.added or e.removed for e in events)


def test_a_renamed_folder_keeps_its_notes_findable() -> None:
    added = {"New/Topic.md", "New/Sub/README.md", "New/Other/README.md"}
    assert moved_to("Old/Sub/README.md", added) == "New/Sub/README.md"
    assert moved_to("Old/Topic.md", added) == "New/Topic.md"
    assert moved_to("Old/Gone.md", added) is None
    assert moved_to("README.md", {"A/README.md", "B/README.md"}) is None  # can't tell
    assert moved_to("x.md", {"y.md"}) == "y.md"  # a plain rename
