"""The note view folds callouts, turns pages and renders heavy notes off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer
from syntopic.ui.note_view import NoteView
from syntopic.ui.tasks import TaskRunner

PARA = "Words about [[Other]] that fill a paragraph of a very large note indeed.\n\n"
NOTE = "> [!faq]- A question\n> The hidden answer.\n\n" + "".join(
    f"## Part {i}\n{PARA}" for i in range(2000)
)


@pytest.fixture
def renderer(disk_vault: Callable[[Pairs], Path]) -> NoteRenderer:
    root = disk_vault([("Big.md", NOTE), ("Other.md", "o")])
    return NoteRenderer(Vault.open(str(root)))


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_a_folded_callout_opens_and_closes_on_click(qtbot: QtBot, renderer: NoteRenderer) -> None:
    view = NoteView()
    qtbot.addWidget(view)
    view.show_page(lambda page, flipped: renderer.page_html("Big.md", page, flipped))
    assert "A question" in view.toPlainText()
    assert "The hidden answer." not in view.toPlainText()
    view.anchorClicked.emit(QUrl("callout:0"))
    assert "The hidden answer." in view.toPlainText()
    view.anchorClicked.emit(QUrl("callout:0"))
    assert "The hidden answer." not in view.toPlainText()


def test_page_links_turn_the_page(qtbot: QtBot, renderer: NoteRenderer) -> None:
    view = NoteView()
    qtbot.addWidget(view)
    view.show_page(lambda page, flipped: renderer.page_html("Big.md", page, flipped))
    assert "Page 1 of 2" in view.toPlainText() and "Part 1999" not in view.toPlainText()
    view.anchorClicked.emit(QUrl("page:2"))
    assert "Page 2 of 2" in view.toPlainText() and "Part 1999" in view.toPlainText()


def test_a_heavy_note_renders_off_the_ui_thread(
    qtbot: QtBot, renderer: NoteRenderer, runner: TaskRunner
) -> None:
    threads: list[int] = []

    def render(page: int, flipped: frozenset[int]) -> str:
        threads.append(threading.get_ident())
        return renderer.page_html("Big.md", page, flipped)

    def background(fn: Callable[[], object], done: Callable[[object], None]) -> None:
        runner.submit(fn, done, lambda message: pytest.fail(message))

    view = NoteView(background=background)
    qtbot.addWidget(view)
    shown: list[bool] = []
    view.show_page(render, heavy=True, then=lambda: shown.append(True))
    assert "Rendering a large note" in view.toPlainText()
    qtbot.waitUntil(lambda: shown == [True])
    assert "Part 0" in view.toPlainText()
    assert threads and threads[0] != threading.get_ident()
    # a page shown directly while a render runs is not overwritten when it ends
    view.show_page(render, heavy=True)
    view.setHtml("<p>Something else</p>")
    with qtbot.waitSignal(runner.idle):
        pass
    assert view.toPlainText() == "Something else"


def test_an_anchor_on_another_page_turns_to_it(qtbot: QtBot, renderer: NoteRenderer) -> None:
    view = NoteView()
    qtbot.addWidget(view)
    view.show_page(renderer.pages("Big.md"))
    assert "Page 1 of 2" in view.toPlainText()
    line = NOTE.split("\n").index("## Part 1999") + 1
    view.scrollToAnchor(f"L{line}")  # as the outline and heading links do
    assert "Page 2 of 2" in view.toPlainText() and "Part 1999" in view.toPlainText()
    view.scrollToAnchor("L3")
    assert "Page 1 of 2" in view.toPlainText()
