"""`syntopic --self-test`: every step runs for real, and a broken install exits 1."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from syntopic import selftest
from syntopic.cli import main
from syntopic.core import load
from syntopic.search import indexer as search_index


@pytest.fixture
def disk_vault_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(selftest.bundled_vault(), tmp_path / "vault"))


def test_self_test_passes_on_the_bundled_vault(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("syntopic ") and "self-test" in out[0]
    steps = [line.split(":")[0].split("  ")[-1] for line in out[1:-1]]
    assert steps == [name for name, _ in selftest.STEPS]
    assert all(line.startswith("ok ") for line in out[1:-1])
    assert "worker processes" in out[3] and "worker process pool" in out[4]
    assert out[-1].startswith("self-test passed")


def test_self_test_leaves_no_trace(tmp_path: Path, disk_vault_copy: Path) -> None:
    before = sorted(p.relative_to(disk_vault_copy) for p in disk_vault_copy.rglob("*"))
    thresholds = (load.PARALLEL_THRESHOLD, search_index.PARALLEL_MIN)
    assert selftest.run_self_test(str(disk_vault_copy), out=io.StringIO()) == 0
    assert sorted(p.relative_to(disk_vault_copy) for p in disk_vault_copy.rglob("*")) == before
    assert thresholds == (load.PARALLEL_THRESHOLD, search_index.PARALLEL_MIN)


def test_a_missing_vault_fails_at_its_step(tmp_path: Path) -> None:
    out = io.StringIO()
    assert selftest.run_self_test(str(tmp_path / "nowhere"), out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("ok ") and "resources" in lines[1]
    assert lines[2].startswith("FAIL") and "open vault" in lines[2]
    assert lines[-1] == "self-test failed"


def test_a_missing_resource_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(selftest, "app_icon", lambda: tmp_path / "no-icon.png")
    out = io.StringIO()
    assert selftest.run_self_test(out=out) == 1
    assert "FAIL" in out.getvalue() and "no-icon.png" in out.getvalue()
