"""A missing X11 library gets the packages to install, not Qt's abort."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from syntopic.ui import qt_platform

ROOT = Path(__file__).resolve().parents[2]
GONE = "libxcb-gone1.so.6"  # as long as the name it replaces, so the ELF stays valid


def broken_plugin_dir(tmp_path: Path) -> Path:
    """Qt's real xcb plugin, its first needed library renamed to one no system has:
    what a desktop without, say, libxcb-cursor0 looks like to the loader."""
    import PySide6

    real = Path(PySide6.__file__).parent / "Qt" / "plugins" / qt_platform.PLUGIN
    if not real.is_file():
        pytest.skip("this PySide6 has no xcb plugin")
    data = real.read_bytes()
    first = b"libQt6XcbQpa.so.6"
    assert len(first) == len(GONE) and first in data
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / qt_platform.PLUGIN).write_bytes(data.replace(first, GONE.encode()))
    return plugins


def test_xcb_is_checked_where_qt_would_use_it() -> None:
    assert qt_platform.uses_xcb({}, "linux")
    assert qt_platform.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert qt_platform.uses_xcb({"QT_QPA_PLATFORM": "xcb:nomitshm;offscreen"}, "linux")
    assert qt_platform.uses_xcb({"XDG_SESSION_TYPE": "x11"}, "linux")
    assert not qt_platform.uses_xcb({"XDG_SESSION_TYPE": "wayland"}, "linux")
    assert not qt_platform.uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not qt_platform.uses_xcb({"QT_QPA_PLATFORM": "wayland"}, "linux")
    assert not qt_platform.uses_xcb({}, "darwin")
    assert not qt_platform.uses_xcb({}, "win32")


def test_a_missing_library_is_named_with_the_packages_to_install(tmp_path: Path) -> None:
    plugins = broken_plugin_dir(tmp_path)
    assert qt_platform.missing_library([tmp_path / "elsewhere", plugins]) == GONE
    hint = qt_platform.hint(GONE)
    assert GONE in hint
    assert "libxcb-cursor0" in hint and "xcb-util-cursor" in hint


def test_a_plugin_that_loads_is_no_problem(tmp_path: Path) -> None:
    # any library whose dependencies are all present stands in for a healthy plugin
    zlib = ctypes.util.find_library("z")
    found = [Path(d) / zlib for d in ("/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")]
    existing = [p for p in found if zlib and p.is_file()]
    if not existing:
        pytest.skip("no zlib to stand in for a plugin")
    (tmp_path / "platforms").mkdir()
    shutil.copy(existing[0], tmp_path / qt_platform.PLUGIN)
    assert qt_platform.missing_library([tmp_path]) is None
    assert qt_platform.missing_library([tmp_path / "no-plugins-here"]) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 plugins are Linux's")
def test_the_app_prints_the_hint_and_exits_instead_of_aborting(tmp_path: Path) -> None:
    plugins = broken_plugin_dir(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(
        QT_QPA_PLATFORM="xcb",
        QT_QPA_PLATFORM_PLUGIN_PATH=str(plugins / "platforms"),
        DISPLAY=":987",  # none is needed: the check runs before Qt looks for one
        PYTHONPATH=str(ROOT / "app"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "syntopic", str(ROOT / "vault")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # Qt's abort would be -6 (SIGABRT)
    assert f"{GONE} is missing" in done.stderr
    assert "sudo apt install libxcb-cursor0" in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr
