"""The export dialog: choices per kind, overwrite question, worker with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from conftest import memory_vault
from export.sample import PAIRS
from syntopic.export.files import Cancelled, Progress
from syntopic.ui import dialogs
from syntopic.ui.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot: QtBot) -> Iterator[ExportDialog]:
    vault = memory_vault(PAIRS)
    dlg = ExportDialog(vault, concept="Concepts/Giving.md", nodes=["Concepts/Giving.md"])
    qtbot.addWidget(dlg)
    yield dlg
    dlg.shutdown()


def choose(dlg: ExportDialog, kind: str, fmt: str, path: Path) -> None:
    dlg.kind.setCurrentIndex(dlg.kind.findData(kind))
    dlg.format.setCurrentIndex(dlg.format.findData(fmt))
    dlg.destination.setText(str(path))


def test_formats_and_options_follow_the_kind(dialog: ExportDialog) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData("map"))
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert formats == ["svg", "pdf", "png"]
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    assert not dialog.dpi.isHidden() and not dialog.depth_box.isHidden()
    assert dialog.destination.text().endswith("Giving – study map.png")
    dialog.kind.setCurrentIndex(dialog.kind.findData("graph"))
    assert [dialog.scope.itemText(i) for i in range(dialog.scope.count())] == ["The whole vault"]
    assert dialog.depth_box.isHidden() and dialog.dpi.isHidden()
    dialog.kind.setCurrentIndex(dialog.kind.findData("guide"))
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    assert not dialog.with_map.isHidden()


def test_exports_a_png_map_in_the_worker(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "map.png"
    choose(dialog, "map", "png", out)
    dialog.width_px.setValue(800)
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        assert dialog.start()
    assert blocker.args == [str(out)]
    assert QImage(str(out)).width() == 800
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert "Saved" in dialog.status.text()


def test_exports_a_guide_of_the_filtered_notes(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "guide.md"
    choose(dialog, "guide", "md", out)
    dialog.scope.setCurrentIndex(dialog.scope.count() - 1)  # the current filter
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.start()
    assert "## Giving" in out.read_text("utf-8")
    qtbot.waitUntil(lambda: not dialog.is_running())


@pytest.mark.parametrize("answer", [False, True])
def test_asks_before_replacing_a_file(
    dialog: ExportDialog,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
) -> None:
    out = tmp_path / "cards.csv"
    out.write_text("old")
    asked: list[str] = []

    def ask(parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return answer

    monkeypatch.setattr(dialogs, "ask", ask)
    choose(dialog, "cards", "csv", out)
    if answer:
        with qtbot.waitSignal(dialog.exported, timeout=20_000):
            assert dialog.start()
        assert out.read_text("utf-8").startswith("#separator:comma")
        qtbot.waitUntil(lambda: not dialog.is_running())
    else:
        assert not dialog.start()
        assert out.read_text() == "old" and not dialog.is_running()
    assert len(asked) == 1 and "cards.csv" in asked[0]


def test_cancel_stops_the_export_and_writes_nothing(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def slow_job(self: ExportDialog, path: Path) -> Callable[[Progress], Path]:
        def run(report: Progress) -> Path:
            started.set()
            for i in range(1_000_000):
                if not report(i, 0, "working"):
                    raise Cancelled("stopped")
                threading.Event().wait(0.001)
            return path

        return run

    monkeypatch.setattr(ExportDialog, "_job", slow_job)
    out = tmp_path / "map.svg"
    choose(dialog, "map", "svg", out)
    assert dialog.start()
    assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(dialog.cancelled, timeout=20_000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert "Cancelled" in dialog.status.text() and dialog.export_button.isEnabled()


def test_a_failure_is_reported_in_the_dialog(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    choose(dialog, "map", "pdf", tmp_path / "nowhere" / "map.pdf")
    assert not dialog.start()
    assert "No such folder" in dialog.status.text()
