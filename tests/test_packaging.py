"""The desktop integration files: icon sizes, the .desktop entry and the AppStream metainfo."""

from __future__ import annotations

import configparser
import os
import platform
import shutil
import subprocess
import sys
import tarfile
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


def test_the_windows_icon_file_holds_each_size_an_exe_needs(qapp: object) -> None:
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(ICONS / "syntopic.ico"))
    widths = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        widths.append(reader.read().width())
    assert widths == [16, 24, 32, 48, 64, 128, 256]


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


# -- the tarball and the .deb, built from a stand-in for the PyInstaller folder ------
# (tests/test_build.py builds them from the real folder and runs the self-test)

needs_sh = pytest.mark.skipif(shutil.which("sh") is None, reason="install.sh needs a POSIX sh")


def run_packager(kind: str, bundle: Path, out: Path) -> Path:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "linux.py"),
            kind,
            str(bundle),
            str(out),
            "--fast",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip())


@pytest.fixture
def stand_in(tmp_path: Path) -> Path:
    """A folder shaped like the PyInstaller one, whose `syntopic` echoes its arguments."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "lib").mkdir(parents=True)
    (bundle / "_internal" / "lib" / "data.txt").write_text("payload")
    (bundle / "_internal" / "link").symlink_to("lib/data.txt")
    exe = bundle / "syntopic"
    exe.write_text('#!/bin/sh\necho "stand-in $*"\n')
    exe.chmod(0o755)
    return bundle


def unpack(tarball: Path, where: Path) -> Path:
    with tarfile.open(tarball) as tar:
        tar.extractall(where, filter="tar")
    (top,) = where.iterdir()
    return top


@needs_sh
def test_the_tarball_installs_per_user_and_uninstalls_cleanly(
    stand_in: Path, tmp_path: Path
) -> None:
    tarball = run_packager("tarball", stand_in, tmp_path / "out")
    assert tarball.name == f"Syntopic-{__version__}-{platform.machine()}.tar.gz"
    top = unpack(tarball, tmp_path / "unpacked")
    home = tmp_path / "home dir"  # a space on the way, as in many real home folders
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    installer = str(top / "install.sh")
    subprocess.run([installer], env=env, check=True, capture_output=True)
    local = home / ".local"
    assert (
        subprocess.run(
            [str(local / "bin" / "syntopic"), "--self-test"], capture_output=True, text=True
        ).stdout.strip()
        == "stand-in --self-test"
    )
    assert (local / "opt" / "syntopic" / "_internal" / "link").is_symlink()
    for size in SIZES:
        assert (local / "share/icons/hicolor" / f"{size}x{size}/apps/syntopic.png").is_file()
    entry = (local / "share/applications" / DESKTOP.name).read_text()
    assert f'Exec="{local}/opt/syntopic/syntopic" %f' in entry
    assert (local / "share/metainfo" / METAINFO.name).is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(local / "share/applications" / DESKTOP.name)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    subprocess.run([installer, "--uninstall"], env=env, check=True, capture_output=True)
    left = [p for p in local.rglob("*") if not p.is_dir()]
    # update-desktop-database's cache of file types, where it ran, no longer names us
    assert [p.name for p in left if p.name != "mimeinfo.cache"] == []
    assert all(APP_ID not in p.read_text() for p in left)
    assert not (local / "opt").exists()


@needs_sh
def test_the_tarball_installs_under_a_prefix_and_leaves_foreign_folders_alone(
    stand_in: Path, tmp_path: Path
) -> None:
    top = unpack(run_packager("tarball", stand_in, tmp_path / "out"), tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    installer = str(top / "install.sh")
    subprocess.run([installer, "--prefix", str(prefix)], check=True, capture_output=True)
    assert (prefix / "bin" / "syntopic").resolve() == prefix / "opt" / "syntopic" / "syntopic"
    # installing again replaces our own install
    subprocess.run([installer, f"--prefix={prefix}"], check=True, capture_output=True)
    subprocess.run([installer, "--uninstall", "--prefix", str(prefix)], check=True)
    # a folder of the same name that the installer did not make is never replaced
    foreign = prefix / "opt" / "syntopic"
    foreign.mkdir(parents=True)
    (foreign / "mine.txt").write_text("keep")
    refused = subprocess.run([installer, "--prefix", str(prefix)], capture_output=True, text=True)
    assert refused.returncode == 1 and "not ours" in refused.stderr
    assert (foreign / "mine.txt").read_text() == "keep"
    refused = subprocess.run(
        [installer, "--uninstall", "--prefix", str(prefix)], capture_output=True, text=True
    )
    assert refused.returncode == 1 and (foreign / "mine.txt").is_file()


def test_the_deb_installs_under_opt_with_the_command_menu_entry_and_icons(
    stand_in: Path, tmp_path: Path
) -> None:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (Debian: dpkg)")
    deb = run_packager("deb", stand_in, tmp_path / "out")
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True)
    assert "Package: syntopic" in info.stdout and f"Version: {__version__}" in info.stdout
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    listed = {line.split()[5]: line for line in contents.splitlines()}
    assert listed["./usr/bin/syntopic"].startswith("lrwxrwxrwx root/root")
    assert listed["./usr/bin/syntopic"].endswith("-> /opt/syntopic/syntopic")
    assert listed["./opt/syntopic/syntopic"].startswith("-rwxr-xr-x root/root")
    assert f"./usr/share/applications/{DESKTOP.name}" in listed
    assert f"./usr/share/metainfo/{METAINFO.name}" in listed
    assert "./usr/share/icons/hicolor/scalable/apps/syntopic.svg" in listed
    for size in SIZES:
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/syntopic.png" in listed
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert (root / "opt/syntopic/_internal/lib/data.txt").read_text() == "payload"
