"""The vault session: the order of its news, and changes reaching every subscriber."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.core.vault import VaultEvent
from syntopic.ui.session import VaultSession

PAIRS = [
    ("README.md", "Start at [[Topic]].\n"),
    ("Topic.md", "About things. Links to [[Other]].\n"),
    ("Other.md", "Back to [[Topic]].\n"),
]


@pytest.fixture
def session(qtbot: QtBot) -> Iterator[VaultSession]:
    s = VaultSession()
    yield s
    s.close()
    assert not s.loading and not s.tasks.busy() and s.watcher is None


def load(qtbot: QtBot, session: VaultSession, root: Path) -> None:
    with qtbot.waitSignal(session.loaded, timeout=10_000):
        assert session.load(str(root))


def test_opened_then_loaded_then_the_watch_then_the_index(
    qtbot: QtBot,
    session: VaultSession,
    disk_vault: Callable[[Pairs], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = disk_vault(PAIRS)
    seen: list[str] = []
    session.opened.connect(
        lambda vault, _summary: seen.append(f"opened {len(vault.notes)} watch={session.watcher}")
    )
    session.loaded.connect(lambda: seen.append(f"loaded watch={session.watcher}"))
    start = session.search.start

    def start_index(vault: object) -> None:
        watcher = session.watcher
        seen.append(f"index watching={watcher is not None and watcher.running}")
        start(vault)  # type: ignore[arg-type]

    monkeypatch.setattr(session.search, "start", start_index)
    with qtbot.waitSignal(session.search.ready, timeout=20_000):
        load(qtbot, session, root)
    assert seen == ["opened 3 watch=None", "loaded watch=None", "index watching=True"]


def test_a_change_is_committed_and_indexed_before_it_is_announced(
    qtbot: QtBot,
    session: VaultSession,
    disk_vault: Callable[[Pairs], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = disk_vault(PAIRS)
    with qtbot.waitSignal(session.search.ready, timeout=20_000):
        load(qtbot, session, root)
    heard: list[tuple[str, bool, bool]] = []
    indexed: list[VaultEvent] = []
    update = session.search.update

    def index(event: VaultEvent) -> None:
        indexed.append(event)
        update(event)

    monkeypatch.setattr(session.search, "update", index)
    for name in ("first", "second"):  # every subscriber hears the same event, once
        session.changed.connect(
            lambda event, n=name: heard.append(
                (n, "Fresh.md" in session.vault.notes, event in indexed)  # type: ignore[union-attr]
            )
        )
    with qtbot.waitSignal(session.changed, timeout=10_000) as changed:
        (root / "Fresh.md").write_text("Links [[Topic]].")
    assert changed.args[0].added == {"Fresh.md"}
    assert heard == [("first", True, True), ("second", True, True)]
    qtbot.waitUntil(lambda: not session.tasks.busy(), timeout=10_000)
    result = session.search.search("Fresh")
    assert result is not None and [hit.path for hit in result.hits] == ["Fresh.md"]


def test_changes_wait_while_a_task_runs(
    qtbot: QtBot, session: VaultSession, disk_vault: Callable[[Pairs], Path]
) -> None:
    """The vault only changes between tasks: a read under way sees one vault throughout."""
    root = disk_vault(PAIRS)
    load(qtbot, session, root)
    qtbot.waitUntil(lambda: session.watcher is not None and session.watcher.running)
    gate, inside = threading.Event(), threading.Event()
    notes_seen: list[int] = []

    def read() -> None:
        inside.set()
        gate.wait(10)
        assert session.vault is not None
        notes_seen.append(len(session.vault.notes))

    session.in_background(read, lambda _result: None)
    qtbot.waitUntil(inside.is_set)
    (root / "Fresh.md").write_text("New.")
    session._changes_pending.emit()  # what the watch does once the disk is quiet
    assert session.vault is not None and "Fresh.md" not in session.vault.notes
    with qtbot.waitSignal(session.changed, timeout=10_000) as changed:
        gate.set()
    assert "Fresh.md" in changed.args[0].added
    assert notes_seen == [3]


def test_changes_prepared_from_a_vault_since_replaced_are_dropped(
    qtbot: QtBot, session: VaultSession, disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    root = disk_vault(PAIRS)
    load(qtbot, session, root)
    first = session.vault
    assert first is not None
    (root / "Fresh.md").write_text("New.")
    prepared = first.prepare(first.changes_on_disk())
    other = tmp_path / "other"
    other.mkdir()
    (other / "Only.md").write_text("alone")
    load(qtbot, session, other)
    heard: list[object] = []
    session.changed.connect(heard.append)
    session.commit(first, prepared)
    assert heard == [] and "Fresh.md" not in first.notes
    assert session.vault is not None and list(session.vault.notes) == ["Only.md"]


def test_a_vault_that_cannot_be_opened_is_reported_once(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    opened: list[object] = []
    session.opened.connect(lambda *args: opened.append(args))
    with qtbot.waitSignal(session.load_failed, timeout=10_000) as failed:
        session.load(str(tmp_path / "missing"))
    assert "missing" in failed.args[0]
    assert opened == [] and session.vault is None
    qtbot.waitUntil(lambda: not session.loading)


def test_one_load_at_a_time(
    qtbot: QtBot, session: VaultSession, disk_vault: Callable[[Pairs], Path]
) -> None:
    root = disk_vault(PAIRS)
    with qtbot.waitSignal(session.loaded, timeout=10_000):
        assert session.load(str(root))
        assert not session.load(str(root))  # the first is still under way
