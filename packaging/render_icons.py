"""Render the app icon's PNGs (16-512 px, freedesktop hicolor layout) from its SVG sources.

Run after editing resources/icons/*.svg: `python packaging/render_icons.py`.
The PNGs are committed, so neither a build nor a user needs an SVG renderer.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAME = "syntopic"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SMALL = 32  # up to this size the simplified drawing reads better
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks an .exe's icon for


def source_for(size: int) -> Path:
    return ICONS / (f"{NAME}-small.svg" if size <= SMALL else f"{NAME}.svg")


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def write_ico(pngs: list[Path], out: Path) -> None:
    """A Windows .ico holding each PNG as is (PNG entries: Windows Vista and later)."""
    images = [png.read_bytes() for png in pngs]
    offset = 6 + 16 * len(images)
    header = struct.pack("<HHH", 0, 1, len(images))
    entries = b""
    for png, data in zip(pngs, images, strict=True):
        size = int(png.parent.parent.name.split("x")[0])
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    out.write_bytes(header + entries + b"".join(images))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(source_for(size), size).save(str(out)):
            raise SystemExit(f"cannot write {out}")
    # the window's default icon, and what build.spec puts on macOS bundles
    render(source_for(256), 256).save(str(ICONS / f"{NAME}.png"))
    write_ico([png_path(size) for size in ICO_SIZES], ICONS / f"{NAME}.ico")
    scalable = ICONS / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    (scalable / f"{NAME}.svg").write_bytes((ICONS / f"{NAME}.svg").read_bytes())
    del app
    print(f"wrote {len(SIZES)} PNGs under {ICONS / 'hicolor'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
