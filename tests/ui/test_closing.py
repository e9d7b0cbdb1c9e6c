"""Closing the window while work runs off the UI thread ends the process cleanly, every time."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs

CHILD = Path(__file__).with_name("closing_child.py")
PAIRS = [
    ("Start.md", "---\ntype: concept\n---\nBegin at [[Reciprocity]] and [[Liking]].\n"),
    ("Reciprocity.md", "---\ntype: concept\n---\nWe repay what we are given. [[Liking]]\n"),
    ("Liking.md", "---\ntype: concept\n---\nWe say yes to people we like. [[Start]]\n"),
]


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        ("load", "during"),
        ("index", "during"),
        ("graph-read", "during"),
        ("layout", "during"),
        ("export", "during"),
        # the close stops waiting for work still running: once a QThread owned by
        # the window, destroyed while running, aborted the app (issue 15)
        ("load", "outlast"),
        ("index", "outlast"),
        ("layout", "outlast"),
    ],
)
def test_closing_during_background_work_exits_cleanly(
    kind: str, mode: str, disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    vault = disk_vault(PAIRS)
    home = tmp_path / "home"  # the child's settings and caches stay here
    home.mkdir()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        SYNTOPIC_CACHE_DIR=str(home / "cache"),
    )
    done = subprocess.run(
        [sys.executable, str(CHILD), kind, str(vault), str(tmp_path), mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "closed cleanly" in done.stdout
    assert "QThread" not in done.stderr and "Traceback" not in done.stderr, done.stderr
