"""A first heading that repeats the note's name shows once; the outline still reaches it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer
from syntopic.ui.note_view import NoteView

FILLER = "\n\n".join(f"Paragraph {i} of filler text." for i in range(80))
PAIRS = [
    ("My Note.md", f"---\ntags: [x]\n---\n\n#  my  NOTE\n\nFirst words.\n\n{FILLER}"),
    ("Setext.md", "Setext\n======\n\nUnder it."),
    ("Other.md", "# A different heading\n\nText."),
    ("Late.md", "Intro first.\n\n# Late\n\nText."),
]


def shown(qtbot: QtBot, renderer: NoteRenderer, path: str) -> NoteView:
    view = NoteView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    view.show_page(lambda page, flipped: renderer.page_html(path, page, flipped))
    return view


def test_a_first_heading_that_repeats_the_name_shows_once(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    renderer = NoteRenderer(Vault.open(str(disk_vault(PAIRS))))
    text = shown(qtbot, renderer, "My Note.md").toPlainText()
    assert text.casefold().count("my note") == 1
    assert text.index("My Note") < text.index("First words.")
    assert shown(qtbot, renderer, "Setext.md").toPlainText().count("Setext") == 1


def test_a_heading_that_differs_or_comes_later_is_kept(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    renderer = NoteRenderer(Vault.open(str(disk_vault(PAIRS))))
    other = shown(qtbot, renderer, "Other.md").toPlainText()
    assert "Other" in other and "A different heading" in other
    assert shown(qtbot, renderer, "Late.md").toPlainText().count("Late") == 2


def test_the_outline_entry_of_the_left_out_heading_scrolls_to_the_title(
    qtbot: QtBot, disk_vault: Callable[[Pairs], Path]
) -> None:
    vault = Vault.open(str(disk_vault(PAIRS)))
    view = shown(qtbot, NoteRenderer(vault), "My Note.md")
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    heading = vault.notes["My Note.md"].headings[0]
    view.scrollToAnchor(f"L{heading.line}")
    assert bar.value() <= view.document().documentMargin()  # the title at the top
