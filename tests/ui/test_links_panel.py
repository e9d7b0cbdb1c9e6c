"""The Links panel lays out a bounded number of rows; "more" rows open the rest in chunks."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from conftest import memory_vault
from syntopic.search.mentions import Mention
from syntopic.ui.links_panel import FIRST_ROWS, MORE_ROWS, LinksPanel


def _targets(panel: LinksPanel) -> list[str]:
    """The notes the links-out list shows, in order (every one is a note not yet written)."""
    return re.findall(r"(n\d+) \(not written yet\)", panel.toPlainText())


def test_a_note_with_100000_links_lays_out_only_its_first_rows(qtbot: QtBot) -> None:
    links = 100_000
    hub = " ".join(f"[[n{i}]]" for i in range(links))
    vault = memory_vault([("Hub.md", hub), ("Other.md", "[[Hub]]")])
    panel = LinksPanel()
    qtbot.addWidget(panel)
    panel.show_note(vault, "Hub.md")
    first = FIRST_ROWS["links"]
    assert "Links to 100000 notes" in panel.toPlainText()
    assert _targets(panel) == [f"n{i}" for i in range(first)]
    assert f"Show {MORE_ROWS} more… ({links - first:,} not shown)" in panel.toPlainText()
    assert panel.document().characterCount() < 50_000  # not 100,000 rows of text

    panel.anchorClicked.emit(QUrl("more:links"))
    assert _targets(panel) == [f"n{i}" for i in range(first + MORE_ROWS)]
    assert f"({links - first - MORE_ROWS:,} not shown)" in panel.toPlainText()

    # another note starts from the first rows again; coming back does too
    panel.show_note(vault, "Other.md")
    assert "Show" not in panel.toPlainText()
    panel.show_note(vault, "Hub.md")
    assert len(_targets(panel)) == first


def test_backlinks_and_mentions_open_in_chunks_and_keep_them_on_refresh(qtbot: QtBot) -> None:
    count = FIRST_ROWS["backlinks"] + MORE_ROWS + 7
    pairs = [(f"s{i:04}.md", "About [[Hub]] here.") for i in range(count)]
    vault = memory_vault([("Hub.md", "# Hub"), *pairs])
    named = FIRST_ROWS["mentions"] + 3
    mentions = [Mention(f"s{i:04}.md", "Hub", f"Hub is named {i}") for i in range(named)]
    panel = LinksPanel()
    qtbot.addWidget(panel)
    asked: list[tuple[str, str]] = []
    panel.note_requested.connect(lambda path, heading: asked.append((path, heading)))

    def backlinks() -> int:
        return panel.toPlainText().count("About Hub here.")

    def named_rows() -> int:
        return panel.toPlainText().count("is named")

    panel.show_note(vault, "Hub.md", mentions)
    assert panel.backlink_count == count
    assert backlinks() == FIRST_ROWS["backlinks"] and named_rows() == FIRST_ROWS["mentions"]
    assert panel.toHtml().count('href="more:') == 2  # backlinks and mentions; no links out
    assert "Show 3 more… (3 not shown)" in panel.toPlainText()

    panel.anchorClicked.emit(QUrl("more:backlinks"))
    assert asked == []  # a "more" row is not a note to open
    assert backlinks() == FIRST_ROWS["backlinks"] + MORE_ROWS
    assert "Show 7 more… (7 not shown)" in panel.toPlainText()

    # mentions found again for the same note keep the rows the reader opened
    panel.show_note(vault, "Hub.md", mentions)
    assert backlinks() == FIRST_ROWS["backlinks"] + MORE_ROWS
    panel.anchorClicked.emit(QUrl("more:backlinks"))
    panel.anchorClicked.emit(QUrl("more:mentions"))
    assert backlinks() == count and named_rows() == named
    assert 'href="more:' not in panel.toHtml()
