"""Dropping a folder or a note on the window opens it; Note > Open in Obsidian."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from conftest import write_vault
from syntopic.ui import desktop
from syntopic.ui.window import MainWindow

FIRST = [("Start.md", "The first vault. See [[Other]].\n"), ("Other.md", "Other note.\n")]
SECOND = [
    ("Home.md", "---\ntitle: Second Home\n---\nThe second vault.\n"),
    ("Deep/Inner Idea.md", "An idea deep inside.\n"),
]


def mime_for(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_over(widget: QWidget, mime: QMimeData) -> bool:
    """Whether a drag carrying ``mime`` into ``widget`` is taken (by it or a parent)."""
    event = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def drop(window: MainWindow, mime: QMimeData) -> None:
    """Drag ``mime`` in and let go, as a user does: Qt delivers a drop only to the
    widget that accepted the drag's entry."""
    drag_over(window, mime)
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.vault_loaded, timeout=10_000):
        win.load_vault(str(write_vault(tmp_path / "first", FIRST)))
    qtbot.waitUntil(lambda: not win.session.loading)
    return win


def test_dropping_a_folder_opens_it_as_the_vault(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    second = write_vault(tmp_path / "second", SECOND)
    assert drag_over(window, mime_for(second))  # the cursor says a drop is welcome
    with qtbot.waitSignal(window.vault_loaded, timeout=10_000):
        drop(window, mime_for(second))
    assert window.vault is not None and Path(window.vault.root) == second
    assert "second" in window.windowTitle()
    qtbot.waitUntil(lambda: not window.session.loading)


def test_dropping_a_note_opens_its_vault_at_that_note(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    second = write_vault(tmp_path / "second", SECOND)
    (second / ".obsidian").mkdir()
    note = second / "Deep" / "Inner Idea.md"
    with qtbot.waitSignal(window.vault_loaded, timeout=10_000):
        drop(window, mime_for(note))
    # the vault is the folder with .obsidian/, not the note's own folder
    assert window.vault is not None and Path(window.vault.root) == second
    assert window.current == "Deep/Inner Idea.md"
    assert "An idea deep inside" in window.note_view.toPlainText()
    qtbot.waitUntil(lambda: not window.session.loading)


def test_dropping_a_note_of_the_open_vault_just_opens_it(
    window: MainWindow, tmp_path: Path
) -> None:
    window.open_note("Other.md")
    # onto the note itself: the read-only note view passes the drag on to the window
    mime = mime_for(tmp_path / "first" / "Start.md")
    assert drag_over(window.note_view.viewport(), mime)
    drop(window, mime)
    assert window.current == "Start.md"
    assert not window.session.loading  # nothing reloaded


def test_what_cannot_be_opened_is_refused_at_the_door(window: MainWindow, tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    picture.write_bytes(b"\x89PNG")
    assert not drag_over(window, mime_for(picture))
    assert not drag_over(window, mime_for(tmp_path / "gone.md"))
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/note.md")])
    assert not drag_over(window, web)
    drop(window, mime_for(picture))
    assert window.vault is not None and Path(window.vault.root) == tmp_path / "first"
    assert not window.session.loading


def test_open_in_obsidian_is_offered_only_for_vaults_obsidian_knows(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[str] = []
    monkeypatch.setattr(desktop, "open_link", lambda url: handed.append(url) or True)
    note_menu = window.obsidian_action.associatedObjects()[0]
    note_menu.aboutToShow.emit()  # type: ignore[attr-defined]
    assert not window.obsidian_action.isEnabled()  # "first" has no .obsidian/

    known = write_vault(tmp_path / "My Vault", SECOND)
    (known / ".obsidian").mkdir()
    with qtbot.waitSignal(window.vault_loaded, timeout=10_000):
        window.load_vault(str(known))
    qtbot.waitUntil(lambda: not window.session.loading)
    window.open_note("Deep/Inner Idea.md")
    note_menu.aboutToShow.emit()  # type: ignore[attr-defined]
    assert window.obsidian_action.isEnabled()
    window.obsidian_action.trigger()
    assert handed == ["obsidian://open?vault=My%20Vault&file=Deep%2FInner%20Idea"]
    qtbot.waitUntil(lambda: not window.session.loading)
