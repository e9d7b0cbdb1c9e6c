"""Tabs that share a narrow panel by shortening their names, rather than scrolling away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget


def fit_tabs(tabs: QTabWidget) -> None:
    """Every tab stays in sight: when space is short, names are cut at the end
    ("Prop…"), never scrolled out of view behind arrows."""
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    tabs.setUsesScrollButtons(False)
