"""The app's "create this note" offer writes through core/newnote, with the same safety."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.ui import dialogs
from syntopic.ui.note_actions import NoteActions

PAIRS = [
    ("Concepts/Principles/Reciprocity.md", "Give first.\n"),
    ("Start.md", "[[Elsewhere/Reciprocity]] and [[CON]]\n"),
]


def offer(root: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> tuple[str | None, list[str]]:
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "ask", lambda *_a: True)
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text: warned.append(text))
    session: Any = SimpleNamespace(vault=Vault.open(str(root)))
    actions = NoteActions(session, lambda: "Start.md", lambda _m, _t: None)
    return actions.write_unwritten(target, QWidget()), warned


def test_the_offer_refuses_a_second_note_of_a_name(
    qtbot: Any, disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    created, warned = offer(root, monkeypatch, "Elsewhere/Reciprocity")
    assert created is None and not (root / "Reciprocity.md").exists()
    assert (
        len(warned) == 1 and "already names a note: Concepts/Principles/Reciprocity.md" in warned[0]
    )


def test_the_offer_makes_the_name_safe(
    qtbot: Any, disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault(PAIRS)
    created, warned = offer(root, monkeypatch, "CON")
    assert warned == [] and created == "CON_.md" and (root / "CON_.md").is_file()
