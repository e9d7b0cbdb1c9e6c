"""Every modal question and message the app shows, in one place.

Tests replace these functions (a dialog nobody answers would hang a test);
patching Qt's own static methods instead corrupts reference counts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

APP_NAME = "Syntopic"  # the title of the app's windows and messages


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def choose_folder(parent: QWidget | None, title: str) -> str:
    """A folder the user picked, or "" if they cancelled."""
    return QFileDialog.getExistingDirectory(parent, title)


def choose_save_file(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str:
    """A file name to write to, or "" if they cancelled (the dialog asks before replacing)."""
    return QFileDialog.getSaveFileName(parent, title, suggested, kinds)[0]
