"""Live reload: edits made by other programs show up, the window keeps its place."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.window import MainWindow

PAIRS = [
    ("README.md", "Start at [[Topic]].\n"),
    ("Topic.md", "## One\n" + "Long text.\n\n" * 200 + "Links to [[Other]].\n"),
    ("Other.md", "Back to [[Topic]].\n"),
]


@pytest.fixture
def live(qtbot: QtBot, disk_vault: Callable[[Pairs], Path]) -> Iterator[tuple[MainWindow, Path]]:
    root = disk_vault(PAIRS)
    win = MainWindow()
    win.resize(900, 600)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
        win.load_vault(str(root))
    # the watch is set up off the UI thread; these tests are about what it sees
    qtbot.waitUntil(lambda: win.session.watcher is not None and win.session.watcher.running)
    yield win, root
    win.close()
    assert win.session.watcher is None and not win.session.tasks.busy()


def test_a_new_note_appears(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    win, root = live
    with qtbot.waitSignal(win.vault_updated, timeout=10_000) as update:
        (root / "Fresh.md").write_text("Links [[Topic]].")
    assert update.args[0].added == {"Fresh.md"}
    notes = win.navigator.proxies["Notes"]  # no types: the notes at the top, by title
    assert [notes.index(i, 0).data() for i in range(notes.rowCount())][:2] == ["Fresh", "Other"]
    assert win.counts.text().startswith("4 notes · 0 books · 4 links")


def test_editing_the_open_note_rerenders_in_place(
    live: tuple[MainWindow, Path], qtbot: QtBot
) -> None:
    win, root = live
    win.open_note("Topic.md")
    bar = win.note_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100)
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    with qtbot.waitSignal(win.vault_updated, timeout=10_000):
        (root / "Topic.md").write_text((root / "Topic.md").read_text() + "\nAn added line.\n")
    assert "An added line." in win.note_view.toPlainText()
    assert bar.value() == kept


def test_renaming_the_open_note_follows_it(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    win, root = live
    win.open_note("Other.md")
    with qtbot.waitSignal(win.vault_updated, timeout=10_000):
        (root / "Other.md").rename(root / "Renamed.md")
    assert win.current == "Renamed.md"
    assert "Back to" in win.note_view.toPlainText()


def test_deleting_the_open_note_says_so(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    win, root = live
    win.open_note("Other.md")
    with qtbot.waitSignal(win.vault_updated, timeout=10_000):
        (root / "Other.md").unlink()
    assert win.current is None
    assert "deleted or moved" in win.note_view.toPlainText()
    win.open_note("Topic.md")
    assert "Other" in win.note_view.toPlainText()  # now an unwritten link


def test_the_vault_folder_disappearing(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    win, root = live
    with qtbot.waitSignal(win.load_failed, timeout=10_000) as failed:
        shutil.rmtree(root)
    assert "gone" in failed.args[0]
    assert "Start at" in win.note_view.toPlainText()  # what was loaded stays readable


def test_clicking_an_unwritten_link_creates_it_on_request(
    live: tuple[MainWindow, Path], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QUrl

    from syntopic.ui import dialogs

    win, root = live
    (root / "Topic.md").write_text("Links to [[Brand New Idea]].\n")
    with qtbot.waitSignal(win.vault_updated, timeout=10_000):
        pass
    win.open_note("Topic.md")
    answers = [False, True]
    monkeypatch.setattr(dialogs, "ask", lambda *_args, **_kw: answers.pop(0))
    win.note_view.anchorClicked.emit(QUrl("ghost:Brand%20New%20Idea"))
    assert not (root / "Brand New Idea.md").exists()  # declined: nothing written
    with qtbot.waitSignal(win.note_shown, timeout=10_000) as shown:
        win.note_view.anchorClicked.emit(QUrl("ghost:Brand%20New%20Idea"))
    assert shown.args == ["Brand New Idea.md"]
    assert "## The Multi-Book View" in (root / "Brand New Idea.md").read_text()


def test_a_vault_gone_before_the_watch_started_is_reported(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    root = disk_vault(PAIRS)
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
        win.load_vault(str(root))
    with qtbot.waitSignal(win.load_failed, timeout=10_000) as failed:
        shutil.rmtree(root)  # maybe before the watch exists: its first rescan sees it
    assert "gone" in failed.args[0]
    assert win.vault is not None and len(win.vault.notes) == 3  # nothing thrown away
    win.close()
