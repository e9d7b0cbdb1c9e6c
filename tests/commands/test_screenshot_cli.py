"""`syntopic VAULT --screenshot FILE.png`: a window rendered once the vault is shown, then exit."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage

from conftest import Pairs

PAIRS = [
    ("Start Here.md", "Begin at [[Reciprocity]].\n"),
    ("Reciprocity.md", "---\ntype: concept\n---\nWe repay what we are given.\n"),
]


def shoot(vault: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "syntopic", str(vault), *args]
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_screenshot_is_the_whole_window_at_a_fixed_size(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    vault = disk_vault(PAIRS)
    shot = tmp_path / "shot.png"
    done = shoot(vault, "--open", "Reciprocity", "--screenshot", str(shot), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_a_missing_note_is_one_line_and_exit_2(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    vault = disk_vault(PAIRS)
    done = shoot(vault, "--open", "Nowhere", "--screenshot", str(tmp_path / "x.png"), cwd=tmp_path)
    assert done.returncode == 2
    assert "no note 'Nowhere'" in done.stderr and "Traceback" not in done.stderr
