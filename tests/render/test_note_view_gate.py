"""The note views draw a placeholder for every image they may not read, and read vault images."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from syntopic.ui.note_view import NoteView

IMAGE = QTextDocument.ResourceType.ImageResource.value
PLACEHOLDER = QColor("#fff4e5").rgb()


def _image(view: QTextBrowser, address: str) -> QImage:
    image = view.document().resource(IMAGE, QUrl(address))
    assert isinstance(image, QImage)
    return image


def test_only_vault_images_are_drawn(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "vault"
    root.mkdir()
    outside = tmp_path / "outside.png"
    green = QImage(4, 4, QImage.Format.Format_ARGB32)
    green.fill(QColor("green"))
    assert green.save(str(root / "in.png")) and green.save(str(outside))
    os.symlink(outside, root / "link.png")
    view = NoteView()
    qtbot.addWidget(view)
    view.vault_root = str(root)
    blocked = [
        "/etc/passwd",
        str(outside),
        outside.as_uri(),
        "../outside.png",
        "link.png",
        "http://example.com/x.png",
        "https://example.com/x.png",
    ]
    allowed = [(root / "in.png").as_uri(), "in.png"]
    view.setHtml("".join(f'<img src="{a}">' for a in blocked + allowed))
    for address in blocked:
        image = _image(view, address)
        assert image.width() > 40 and image.pixel(3, 3) == PLACEHOLDER, address
    for address in allowed:
        image = _image(view, address)
        assert image.size().width() == 4 and image.pixelColor(1, 1) == QColor("green")


def test_the_perspectives_view_follows_the_same_rule(qtbot: QtBot, tmp_path: Path) -> None:
    from conftest import write_vault
    from syntopic.core.vault import Vault
    from syntopic.ui.perspectives_view import PerspectivesView

    root = write_vault(tmp_path / "v", [("A.md", "a")])
    green = QImage(4, 4, QImage.Format.Format_ARGB32)
    green.fill(QColor("green"))
    assert green.save(str(root / "in.png"))
    view = PerspectivesView()
    qtbot.addWidget(view)
    view.vault = Vault.open(str(root))
    view.setHtml('<img src="/etc/passwd"><img src="in.png">')
    assert _image(view, "/etc/passwd").pixel(3, 3) == PLACEHOLDER
    assert _image(view, "in.png").pixelColor(1, 1) == QColor("green")
