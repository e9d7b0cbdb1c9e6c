"""Faults seen from the window: it says what is wrong and never hangs on "Scanning…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.ui import loader as loader_module
from syntopic.ui.window import MainWindow


def test_an_unexpected_error_while_opening_is_reported_not_hung(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault([("a.md", "text")])

    def broken(*args: object, **kwargs: object) -> Vault:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader_module.Vault, "open", broken)
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.load_failed, timeout=10_000) as failed:
        win.load_vault(str(root))
    assert "RecursionError" in failed.args[0]
    assert win.progress.isHidden()
    qtbot.waitUntil(lambda: not win.session.loading)


def test_a_self_referring_alias_is_shown_on_its_note(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    root = disk_vault(
        [("README.md", "Start at [[bad]].\n"), ("bad.md", "---\na: &a [*a]\n---\nStill here.\n")]
    )
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
        win.load_vault(str(root))
    win.open_note("bad.md")
    shown = win.note_view.toPlainText()
    assert "front matter not read" in shown and "Still here." in shown
    win.close()
    qtbot.waitUntil(lambda: not win.session.loading)


def test_an_open_note_follows_its_folder_when_renamed(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    root = disk_vault(
        [
            ("README.md", "Start at [[Deep]].\n"),
            ("Old/Sub/Deep.md", "Deep text.\n"),
            ("Old/Sub/Other.md", "Other text.\n"),
        ]
    )
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
        win.load_vault(str(root))
    qtbot.waitUntil(lambda: win.session.watcher is not None and win.session.watcher.running)
    win.open_note("Old/Sub/Deep.md")
    with qtbot.waitSignal(win.vault_updated, timeout=10_000):
        (root / "Old").rename(root / "New")
    assert win.current == "New/Sub/Deep.md"
    assert "Deep text." in win.note_view.toPlainText()
    win.close()
    assert win.session.watcher is None and not win.session.tasks.busy()
