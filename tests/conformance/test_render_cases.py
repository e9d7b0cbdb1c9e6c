"""Each conformance case's note, rendered: what the Note tab must (and must not) show."""

from __future__ import annotations

import json

import pytest
from conformance_cases import Case, case_params, load_cases

from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer

RENDERED = [c for c in load_cases() if (c.folder / "rendered.json").is_file()]


def test_the_render_expectations_cover_the_syntax_cases() -> None:
    names = {c.name for c in RENDERED}
    assert {"math", "percent-comments", "block-id-own-line", "code-fences", "embeds"} <= names


@pytest.mark.parametrize("case", case_params(RENDERED, "render"))
def test_case_renders_as_obsidian_shows_it(case: Case) -> None:
    expected = json.loads((case.folder / "rendered.json").read_text("utf-8"))
    body = NoteRenderer(Vault.open(str(case.folder))).body_html("Case.md")
    missing = [s for s in expected["contains"] if s not in body]
    present = [s for s in expected["absent"] if s in body]
    assert (missing, present) == ([], []), body
