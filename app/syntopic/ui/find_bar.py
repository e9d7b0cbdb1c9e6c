"""Find in the open note: a bar along the note's foot with a match count, next and previous."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
)

MAX_COUNTED = 1000  # a one-letter search in a huge note stops counting here


class FindBar(QFrame):
    """Lives inside ``view`` (below its text, the text's margin making room for it).

    Typing finds as you type from where the last match began; Enter and the
    arrows go to the next or previous match (wrapping around); Esc closes.
    Every match is tinted; the label says "3 of 7".
    """

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in note")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setMinimumWidth(70)
        previous = _button("↑", "Previous match (Shift+Enter, Shift+F3)")
        following = _button("↓", "Next match (Enter, F3)")
        close = _button("✕", "Close (Esc)")
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.field.textEdited.connect(lambda _text: self._search(from_start=True))
        self.field.installEventFilter(self)
        view.installEventFilter(self)
        self.hide()

    # -- opening and closing --------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar with the note's selected text (if any) and focus its field."""
        chosen = self.view.textCursor().selectedText()
        if chosen and "\u2029" not in chosen:
            self.field.setText(chosen)
        self.show()
        self._place()
        self.field.setFocus()
        self.field.selectAll()
        if self.field.text():
            self._search(from_start=True)

    def close_bar(self) -> None:
        self.hide()
        self.view.setExtraSelections([])
        self.view.setViewportMargins(0, 0, 0, 0)
        self.view.setFocus()

    # -- finding --------------------------------------------------------------------
    def find_next(self) -> bool:
        return self._step(backward=False)

    def find_previous(self) -> bool:
        return self._step(backward=True)

    def _step(self, backward: bool) -> bool:
        if self.isHidden():
            self.open_bar()
        text = self.field.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        doc = self.view.document()
        found = doc.find(text, self.view.textCursor(), flags)
        if found.isNull():  # wrap around
            start = QTextCursor(doc)
            start.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = doc.find(text, start, flags)
        return self._land(found)

    def _search(self, from_start: bool) -> None:
        text = self.field.text()
        cursor = self.view.textCursor()
        if from_start:  # typing refines the match that began here
            cursor.setPosition(cursor.selectionStart())
        if not text:
            self.view.setExtraSelections([])
            self.count.setText("")
            return
        doc = self.view.document()
        found = doc.find(text, cursor)
        if found.isNull():
            found = doc.find(text, QTextCursor(doc))
        self._land(found)

    def _land(self, found: QTextCursor) -> bool:
        matches = self.matches()
        if found.isNull():
            self.count.setText("No matches" if self.field.text() else "")
            return False
        self.view.setTextCursor(found)
        self.view.ensureCursorVisible()
        starts = [m.selectionStart() for m in matches]
        where = starts.index(found.selectionStart()) + 1 if found.selectionStart() in starts else 0
        total = f"{len(matches)}+" if len(matches) >= MAX_COUNTED else str(len(matches))
        self.count.setText(f"{where} of {total}" if where else total)
        tint = QTextCharFormat()
        tint.setBackground(QColor(255, 200, 0, 110))
        selections = []
        for m in matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = m, tint
            selections.append(selection)
        self.view.setExtraSelections(selections)
        return True

    def matches(self) -> list[QTextCursor]:
        """Every match of the field's text in the note (case-insensitive), in order."""
        text, doc = self.field.text(), self.view.document()
        out: list[QTextCursor] = []
        if not text:
            return out
        cursor = doc.find(text, QTextCursor(doc))
        while not cursor.isNull() and len(out) < MAX_COUNTED:
            out.append(cursor)
            cursor = doc.find(text, cursor)
        return out

    # -- keys and placement ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize and not self.isHidden():
            self._place()
        elif watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self._step(backward=shift)
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(backward=key == Qt.Key.Key_Up)
                return True
        return False

    def _place(self) -> None:
        height = self.sizeHint().height()
        self.view.setViewportMargins(0, 0, 0, height)
        frame = self.view.frameWidth()
        self.setGeometry(
            frame, self.view.height() - frame - height, self.view.width() - 2 * frame, height
        )
        self.raise_()


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button
