"""Before Qt starts: name the system packages to install when its X11 plugin cannot load.

Qt aborts the whole process when its platform plugin fails to load, with a
message that names neither the missing library nor the package holding it. So
before the QApplication is made we load the plugin Qt would pick (xcb, for X11)
ourselves with the dynamic loader: its dependencies resolve exactly as they would
for Qt, a missing one raises OSError naming it, and nothing Qt-side has started.
It costs one `dlopen` of libraries Qt loads next anyway (a few milliseconds).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

PLUGIN = Path("platforms") / "libqxcb.so"
# Qt 6.5+'s xcb plugin needs these beyond X11 itself (checked against the plugin's
# DT_NEEDED list; Debian names verified with apt-cache on Debian 12)
PACKAGES = {
    "Debian/Ubuntu": "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
    "libxcb-image0 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 libegl1",
    "Fedora": "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms "
    "xcb-util-image xcb-util-renderutil libxkbcommon-x11 libglvnd-egl",
}


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True when Qt would start with its xcb (X11) plugin: on Linux, unless another
    platform is asked for (QT_QPA_PLATFORM) or the session is Wayland's."""
    if not platform.startswith("linux"):
        return False
    asked = env.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    return env.get("XDG_SESSION_TYPE") != "wayland"


def plugin_dirs(env: Mapping[str, str]) -> list[Path]:
    """Where Qt looks for plugins: QT_QPA_PLATFORM_PLUGIN_PATH's platforms folder,
    then QT_PLUGIN_PATH and Qt's own plugin folder (in the bundle too)."""
    from PySide6.QtCore import QCoreApplication

    dirs = [Path(d).parent for d in env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(":") if d]
    dirs += [Path(d) for d in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if d]
    dirs += [Path(d) for d in QCoreApplication.libraryPaths()]
    return dirs


def missing_library(dirs: Iterable[Path]) -> str | None:
    """What stops the first xcb plugin found in ``dirs`` from loading, or None when it
    loads (or none is there: then Qt says so itself)."""
    for folder in dirs:
        plugin = folder / PLUGIN
        if not plugin.is_file():
            continue
        try:
            ctypes.CDLL(str(plugin))
        except OSError as exc:
            # "libxcb-icccm.so.4: cannot open shared object file: No such file or directory"
            return str(exc).split(":")[0].strip() or str(exc)
        return None
    return None


def hint(missing: str) -> str:
    lines = [
        f"syntopic: error: Qt's X11 platform plugin cannot load: {missing} is missing.",
        "Install the system libraries Qt needs on Linux, then start Syntopic again:",
    ]
    lines += [f"  {system}: {command}" for system, command in PACKAGES.items()]
    return "\n".join(lines)


def check(env: Mapping[str, str] | None = None) -> str | None:
    """The hint to print instead of letting Qt abort, or None when all is well."""
    env = os.environ if env is None else env
    if not uses_xcb(env):
        return None
    missing = missing_library(plugin_dirs(env))
    return None if missing is None else hint(missing)
