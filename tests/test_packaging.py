"""The desktop integration files: icon sizes, the .desktop entry and the AppStream metainfo."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from syntopic import __version__

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.syntopic.Syntopic"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("size", SIZES)
def test_the_icon_is_drawn_at_every_size_a_desktop_asks_for(size: int) -> None:
    image = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "syntopic.png"))
    assert (image.width(), image.height()) == (size, size)
    # a rounded tile: see-through corners, an opaque middle
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_the_committed_pngs_are_what_the_svgs_render_today(qapp: object) -> None:
    """Editing the SVG without re-running packaging/render_icons.py fails here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "render_icons", ROOT / "packaging/render_icons.py"
    )
    assert spec is not None and spec.loader is not None
    render_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render_icons)
    for size in (16, 48, 256):
        fresh = render_icons.render(render_icons.source_for(size), size)
        committed = QImage(str(render_icons.png_path(size)))
        differing = sum(
            fresh.pixelColor(x, y) != committed.pixelColor(x, y)
            for x in range(size)
            for y in range(size)
        )
        assert differing <= size * size // 100, (size, differing)


def test_the_window_icon_offers_every_size(qapp: object) -> None:
    from syntopic.ui.launch import window_icon

    sizes = {s.width() for s in window_icon().availableSizes()}
    assert sizes >= set(SIZES)


def test_the_desktop_entry_launches_syntopic_with_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "syntopic"
    assert entry["Icon"] == "syntopic"
    assert (ICONS / "hicolor" / "scalable" / "apps" / "syntopic.svg").is_file()
    assert "text/markdown" in entry["MimeType"].split(";")


def test_the_metainfo_names_the_desktop_entry_the_binary_and_this_release() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == "syntopic"
    release = component.find("releases/release")
    assert release is not None and release.get("version") == __version__


def test_desktop_file_validate_accepts_the_entry() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    done = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_appstreamcli_validates_the_metainfo() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    done = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
