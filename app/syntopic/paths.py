"""Where bundled files live, in a source checkout and in a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def _base() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource(*parts: str) -> Path:
    """A file under resources/ (icons, stylesheets, templates)."""
    return _base().joinpath("resources", *parts)


def bundled_vault() -> Path:
    """The example vault shipped with the app."""
    return _base() / "vault"
