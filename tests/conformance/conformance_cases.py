"""The conformance cases: one folder per Obsidian syntax feature, shared by its tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"
CASE_NOTE = "Case.md"


@dataclass(frozen=True)
class Case:
    """One feature: a tiny vault folder whose ``Case.md`` shows it, and what it must give."""

    name: str
    folder: Path
    spec: dict[str, Any]  # case.json: feature, links, headings, block_ids, tags, findings

    @property
    def feature(self) -> str:
        return str(self.spec["feature"])


def load_cases() -> list[Case]:
    return [
        Case(folder.name, folder, json.loads((folder / "case.json").read_text("utf-8")))
        for folder in sorted(CASES.iterdir())
        if (folder / "case.json").is_file()
    ]


def case_params(cases: list[Case], aspect: str) -> list[Any]:
    """pytest params, one per case; where a case waits on a fix, a strict xfail.

    ``pending`` in case.json names the fix still to land and the aspects
    (links, outline, findings, or a render test's own) it holds back; strict,
    so the test fails loudly once the fix is in and the marker must go.
    """
    params = []
    for case in cases:
        pending = case.spec.get("pending") or {}
        held = aspect in pending.get("in", ())
        marks = [pytest.mark.xfail(strict=True, reason=pending["reason"])] if held else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params
