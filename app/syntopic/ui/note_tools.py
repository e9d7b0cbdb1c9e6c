"""Everyday commands on the open note: find, text zoom, save as PDF, new note, and their menus."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize, QPdfWriter
from PySide6.QtWidgets import QMenu, QTextEdit

from syntopic.ui import dialogs
from syntopic.ui.find_bar import FindBar
from syntopic.ui.new_note_dialog import NewNoteDialog

if TYPE_CHECKING:
    from syntopic.ui.window import MainWindow

ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # per cent, as browsers
_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)px")


def zoomed_css(css: str, percent: int) -> str:
    """The note style sheet with every font size scaled: its sizes are in pixels, so
    zooming the widget's font alone would leave the text as it was."""
    if percent == 100:
        return css
    return _FONT_SIZE.sub(lambda m: f"{m[1]}{float(m[2]) * percent / 100:.1f}px", css)


def save_pdf(view: QTextEdit, path: str, title: str = "") -> None:
    """Write what ``view`` shows to ``path`` as an A4 PDF; OSError if it cannot be written."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.access(folder, os.W_OK):
        raise OSError(f"cannot write into {folder}")
    writer = QPdfWriter(path)
    writer.setTitle(title)
    writer.setCreator("Syntopic")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    view.document().print_(writer)
    del writer  # the file is finished when the writer goes
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        raise OSError(f"could not write {path}")


class NoteTools:
    """Find bar, zoom (remembered in the settings), PDF and New Note for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.find_bar = FindBar(window.note_view)
        stored = window.settings.store.value("view/zoom", 100)
        try:
            zoom = int(str(stored))
        except ValueError:
            zoom = 100
        self.zoom = zoom if zoom in ZOOM_STEPS else 100

    def css(self, base: str) -> str:
        return zoomed_css(base, self.zoom)

    # -- zoom -----------------------------------------------------------------------
    def set_zoom(self, percent: int) -> None:
        self.zoom = min(ZOOM_STEPS, key=lambda step: abs(step - percent))
        self.window.settings.store.setValue("view/zoom", self.zoom)
        w = self.window
        w.set_theme(w.theme_choice, remember=False)  # restyles and re-renders the note
        w.statusBar().showMessage(f"Text size {self.zoom}%", 2000)

    def zoom_in(self) -> None:
        self.set_zoom(next((s for s in ZOOM_STEPS if s > self.zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < self.zoom), ZOOM_STEPS[0]))

    def zoom_reset(self) -> None:
        self.set_zoom(100)

    # -- find -----------------------------------------------------------------------
    def find(self) -> None:
        self.window.show_view("note")
        self.find_bar.open_bar()

    # -- PDF ------------------------------------------------------------------------
    def save_as_pdf(self) -> None:
        w = self.window
        vault, path = w.vault, w.current
        if vault is None or path is None:
            w.statusBar().showMessage("No note is open", 4000)
            return
        note = vault.notes[path]
        suggested = str(Path.home() / f"{Path(path).stem}.pdf")
        target = dialogs.choose_save_file(w, "Save Note as PDF", suggested, "PDF (*.pdf)")
        if not target:
            return
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        try:
            save_pdf(w.note_view, target, note.title)
        except OSError as exc:
            dialogs.warn(w, dialogs.APP_NAME, f"Cannot save the PDF: {exc}")
            return
        w.statusBar().showMessage(f"Saved {target}", 5000)

    # -- new note -------------------------------------------------------------------
    def new_note(self) -> NewNoteDialog | None:
        w = self.window
        vault = w.vault
        if vault is None:
            w.statusBar().showMessage("Open a vault first", 4000)
            return None
        folder = vault.notes[w.current].folder if w.current in vault.notes else ""
        dialog = NewNoteDialog(vault, folder, w)
        dialog.created.connect(w.open_when_created)
        dialog.open()
        return dialog

    # -- menus ----------------------------------------------------------------------
    def add_file_actions(self, menu: QMenu) -> None:
        w = self.window
        _action(w, menu, "&New Note…", QKeySequence.StandardKey.New, self.new_note, "Note")
        _action(w, menu, "Save Note as &PDF…", "Ctrl+P", self.save_as_pdf, "Note")

    def add_close_action(self, menu: QMenu) -> None:
        _action(self.window, menu, "&Close Window", "Ctrl+W", self.window.close, "Window")

    def add_find_actions(self, menu: QMenu) -> None:
        w = self.window
        _action(w, menu, "&Find in Note…", QKeySequence.StandardKey.Find, self.find, "Search")
        _action(w, menu, "Find &Next", "F3", self.find_bar.find_next, "Search")
        _action(w, menu, "Find Pre&vious", "Shift+F3", self.find_bar.find_previous, "Search")

    def add_zoom_actions(self, menu: QMenu) -> None:
        w = self.window
        bigger = _action(w, menu, "&Bigger Text", "Ctrl+=", self.zoom_in, "View")
        # Ctrl++ too: on most keyboards "+" is Shift+"=", and keypads have their own
        bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        _action(w, menu, "&Smaller Text", "Ctrl+-", self.zoom_out, "View")
        _action(w, menu, "&Actual Size", "Ctrl+0", self.zoom_reset, "View")


def _action(
    window: MainWindow, menu: QMenu, text: str, keys: object, slot: object, group: str
) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
    action.setProperty("group", group)
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    menu.addAction(action)
    return action
