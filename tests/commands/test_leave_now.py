"""`python -m syntopic COMMAND` leaves without tearing its heap down, and loses nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core.cache import ParseCache
from syntopic.core.cachedir import vault_cache_dir
from syntopic.core.parse import DEFAULT_OPTIONS

PAIRS = [(f"Note {i}.md", f"Links to [[Note {i + 1}]] and #tag{i % 3}.\n") for i in range(30)]


def run(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SYNTOPIC_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "syntopic", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)


def test_the_answer_is_printed_whole_and_the_caches_written(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = disk_vault(PAIRS)
    cache = tmp_path / "cache"
    done = run("stats", str(vault), cache=cache)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].split()[:2] == ["Notes", "30"]
    assert done.stdout.splitlines()[-1].startswith("Loaded in")
    # the kept answer is saved on a background thread: the exit waited for it
    monkeypatch.setenv("SYNTOPIC_CACHE_DIR", str(cache))
    assert (vault_cache_dir(str(vault)) / "stats.bin").stat().st_size > 0
    done = run("show", str(vault), "Note 3", cache=cache)
    assert done.returncode == 0, done.stderr
    assert "Note 4" in done.stdout
    # so is the parse cache a command that opens the whole vault writes
    saved = ParseCache(str(vault), DEFAULT_OPTIONS)
    assert len(saved.load()) == 30 and saved.last_error is None


def test_an_error_still_exits_2_with_its_message(tmp_path: Path) -> None:
    done = run("stats", str(tmp_path / "nowhere"), cache=tmp_path / "cache")
    assert done.returncode == 2
    assert "syntopic: error:" in done.stderr


def test_a_process_that_leaves_now_keeps_its_vault_and_others_free_it(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from syntopic import exit as leaving_process
    from syntopic.cli import main
    from syntopic.core.vault import Vault

    vault = disk_vault(PAIRS)
    opened: list[weakref.ref[Vault]] = []
    real = Vault.open.__func__  # type: ignore[attr-defined]

    def watched(cls: type[Vault], root: str, **kwargs: object) -> Vault:
        made: Vault = real(cls, root, **kwargs)
        opened.append(weakref.ref(made))
        return made

    monkeypatch.setattr(Vault, "open", classmethod(watched))
    assert main(["show", str(vault), "Note 3"]) == 0
    assert opened[-1]() is None  # a caller that lives on (these tests) gets it freed
    monkeypatch.setattr(leaving_process, "_kept", None)
    leaving_process.leaving()  # as `syntopic` does before its command runs
    assert main(["show", str(vault), "Note 3"]) == 0
    assert opened[-1]() is not None  # left for os._exit to free in one step
