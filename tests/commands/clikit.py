"""What the command-line tests share: `syntopic` run in-process, and a vault on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Pairs
from syntopic.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`syntopic ARGV...`: (exit status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def vault_fixture(pairs: Pairs) -> Any:
    """A `vault` fixture for a test module: ``pairs`` written to a fresh folder."""

    @pytest.fixture(name="vault")
    def vault(disk_vault: Callable[[Pairs], Path]) -> Path:
        return disk_vault(pairs)

    return vault
