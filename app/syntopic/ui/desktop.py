"""Hand a note to the desktop: show it in the file manager, open it in another editor."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices


def _start(program: str, args: list[str]) -> bool:
    """Start a program detached from us; False if it could not be started."""
    ok, _pid = QProcess.startDetached(program, args)
    return bool(ok)


def _open_url(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def reveal(path: Path) -> bool:
    """Show ``path`` selected in the file manager (its folder where selecting is not offered)."""
    if sys.platform == "darwin":
        return _start("open", ["-R", str(path)])
    if sys.platform == "win32":
        return _start("explorer", [f"/select,{path}"])
    # freedesktop file managers select an item through this D-Bus call
    if shutil.which("dbus-send") and _start(
        "dbus-send",
        [
            "--session",
            "--dest=org.freedesktop.FileManager1",
            "--type=method_call",
            "/org/freedesktop/FileManager1",
            "org.freedesktop.FileManager1.ShowItems",
            f"array:string:{QUrl.fromLocalFile(str(path)).toString()}",
            "string:",
        ],
    ):
        return True
    return _open_url(path.parent)


def open_in_editor(path: Path) -> bool:
    """Open ``path`` in $SYNTOPIC_EDITOR (a command line) if set, else the desktop's default.

    Not $EDITOR or $VISUAL: those are often terminal editors, which need a terminal.
    """
    editor = os.environ.get("SYNTOPIC_EDITOR")
    if editor:
        parts = editor.split()
        if shutil.which(parts[0]):
            return _start(parts[0], [*parts[1:], str(path)])
    return _open_url(path)


def open_link(url: str) -> bool:
    """Hand ``url`` (an app's own scheme, such as obsidian://) to the desktop's handler for it."""
    return QDesktopServices.openUrl(QUrl(url))
