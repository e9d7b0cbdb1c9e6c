"""Where bundled files live, in a source checkout and in a frozen app.

Every file the app ships (resources/ and the example vault/) is found here
and nowhere else: beside the package in a checkout or an editable install,
and under ``sys._MEIPASS`` in the PyInstaller bundle (see build.spec).
"""

from __future__ import annotations

import sys
from pathlib import Path


def is_frozen() -> bool:
    """True in the standalone app built by PyInstaller."""
    return bool(getattr(sys, "frozen", False))


def _base() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource(*parts: str) -> Path:
    """A file under resources/ (icons, stylesheets, templates)."""
    return _base().joinpath("resources", *parts)


def app_icon() -> Path:
    """The app's icon as a PNG (Qt reads it without the SVG icon plugin)."""
    return resource("icons", "syntopic.png")


def app_icon_sizes() -> list[Path]:
    """The icon drawn at each size from 16 to 512 px (hicolor/NxN/apps/syntopic.png),
    so a desktop shows a drawing made for the size it needs rather than a scaled one."""
    return sorted(resource("icons", "hicolor").glob("*x*/apps/syntopic.png"))


def bundled_vault() -> Path:
    """The example vault shipped with the app."""
    return _base() / "vault"
