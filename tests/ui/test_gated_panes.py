"""The compare pane and the matrix's cell pane read no file a note names outside the vault."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from conftest import Pairs
from syntopic.ui.window import MainWindow

IMAGE = QTextDocument.ResourceType.ImageResource.value
PLACEHOLDER = QColor("#fff4e5").rgb()
BOOK = "---\ntype: book\nauthor: Ada Byron\n---\nA book.\n"
HOSTILE = '<img src="/outside.png"> ![x](file:///etc/hostname) ![in](in.png)'
PAIRS = [
    ("Books/Engines.md", BOOK),
    ("Books/Tides.md", BOOK),
    (
        "Framing.md",
        "## Perspectives\n\n"
        f"In *Engines* the frame comes first. {HOSTILE}\n\n"
        f"In *Tides* the frame is found. {HOSTILE}\n",
    ),
]


@pytest.fixture
def window(
    open_window: Callable[[Path], MainWindow], disk_vault: Callable[[Pairs], Path]
) -> MainWindow:
    root = disk_vault(PAIRS)
    green = QImage(4, 4, QImage.Format.Format_ARGB32)
    green.fill(QColor("green"))
    assert green.save(str(root / "in.png")) and green.save(str(root.parent / "outside.png"))
    return open_window(root)


def image(browser: QTextBrowser, address: str) -> QImage:
    """The image ``address`` names, as the pane loaded it."""
    found = browser.document().resource(IMAGE, QUrl(address))
    if isinstance(found, QPixmap):  # how a plain QTextBrowser keeps what it read
        found = found.toImage()
    assert isinstance(found, QImage), address
    return found


def images(browser: QTextBrowser) -> dict[str, QImage]:
    """Every image the shown html names, as the pane loaded it."""
    addresses = re.findall(r'<img[^>]* src="([^"]*)"', browser.toHtml())
    return {address: image(browser, address) for address in addresses}


def assert_only_the_vault_read(browser: QTextBrowser, vault: Path) -> None:
    """What the pane shows names only the vault's image; html naming files outside
    the vault (a real image there) gets placeholders, where a plain QTextBrowser
    draws them."""
    shown = images(browser)
    assert shown and all(a == (vault / "in.png").as_uri() for a in shown), shown
    assert all(found.pixelColor(1, 1) == QColor("green") for found in shown.values())
    outside = vault.parent / "outside.png"
    addresses = [outside.as_uri(), str(outside), "../outside.png", "/etc/hostname"]
    html = "".join(f'<img src="{a}">' for a in addresses)
    plain = QTextBrowser()
    plain.setHtml(html)
    assert image(plain, outside.as_uri()).pixelColor(1, 1) == QColor("green")  # the hole
    browser.setHtml(html)
    for address in addresses:
        assert image(browser, address).pixel(3, 3) == PLACEHOLDER, address


def test_the_compare_pane_reads_nothing_outside_the_vault(window: MainWindow, qtbot: QtBot) -> None:
    window.show_view("compare")
    compare = window.tabs.compare_view
    compare.choose(["Books/Engines.md", "Books/Tides.md"])
    qtbot.waitUntil(lambda: "frame is found" in compare.browser.toPlainText())
    assert_only_the_vault_read(compare.browser, Path(window.session.vault.root))  # type: ignore[union-attr]


def test_the_matrix_cell_reads_nothing_outside_the_vault(window: MainWindow, qtbot: QtBot) -> None:
    window.show_view("matrix")
    view = window.matrix_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.clicked.emit(view.model.index(0, 1))  # Tides on Framing
    assert "frame is found" in view.cell.toPlainText()
    assert_only_the_vault_read(view.cell, Path(window.session.vault.root))  # type: ignore[union-attr]
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "Tides"
