"""Light and dark themes; by default the one the desktop uses."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from syntopic.paths import resource
from syntopic.render.callouts import callout_css

ThemeChoice = Literal["system", "light", "dark"]


def system_is_dark() -> bool:
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    # no answer from the platform: judge by the palette it gave us
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    base, text, mid = QColor("#0d1117"), QColor("#e6edf3"), QColor("#161b22")
    for role, color in (
        (QPalette.ColorRole.Window, mid),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, mid),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#21262d")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Highlight, QColor("#1f6feb")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.ToolTipBase, mid),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#8b949e")),
        (QPalette.ColorRole.Link, QColor("#58a6ff")),
    ):
        p.setColor(role, color)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6e7681"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6e7681"))
    return p


def resolve(choice: ThemeChoice) -> Literal["light", "dark"]:
    if choice == "system":
        return "dark" if system_is_dark() else "light"
    return choice


def apply_palette(dark: bool) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(dark_palette() if dark else app.style().standardPalette())


def note_css(dark: bool) -> str:
    name = "note-dark.css" if dark else "note.css"
    try:
        return resource("styles", name).read_text("utf-8") + callout_css(dark)
    except OSError:
        return callout_css(dark)
