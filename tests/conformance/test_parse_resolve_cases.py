"""Each conformance case gives the links, headings, block ids and findings Obsidian gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASE_NOTE, Case, case_params, load_cases

from syntopic.cli import main
from syntopic.core.check import Finding, check
from syntopic.core.vault import ResolvedLink, Vault

ALL = load_cases()


def _link_fields(rl: ResolvedLink) -> dict[str, Any]:
    link, res = rl
    return {
        "target": link.target,
        "heading": link.heading,
        "block": link.block,
        "display": link.display,
        "embed": link.embed,
        "line": link.line,
        "context": link.context,
        "resolved": res.path,
        "attachment": res.attachment,
        "via_alias": res.via_alias,
    }


def _project(actual: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actual links cut down to the fields each expected link states."""
    keys = {k for w in wanted for k in w}
    return [{k: a[k] for k in sorted(keys)} for a in actual]


def _findings(found: list[Finding], spec: list[list[Any]]) -> list[list[Any]]:
    """(path, line, kind) per finding; (path, kind) where the case leaves the line open."""
    lineless = {(row[0], row[1]) for row in spec if len(row) == 2}
    out = []
    for f in found:
        out.append([f.path, f.kind] if (f.path, f.kind) in lineless else [f.path, f.line, f.kind])
    return sorted(out, key=str)


@pytest.fixture(scope="module")
def vaults() -> dict[str, Vault]:
    return {c.name: Vault.open(str(c.folder), use_cache=False, workers=1) for c in ALL}


def test_every_case_has_a_note_and_says_what_it_shows() -> None:
    assert len(ALL) >= 14
    for case in ALL:
        assert (case.folder / CASE_NOTE).is_file(), case.name
        assert case.feature and {"links", "headings", "block_ids", "findings"} <= case.spec.keys()
        # every expected link of a case states the same fields, so they compare as rows
        assert len({tuple(sorted(w)) for w in case.spec["links"]}) <= 1, case.name


@pytest.mark.parametrize("case", case_params(ALL, "links"))
def test_links(case: Case, vaults: dict[str, Vault]) -> None:
    vault = vaults[case.name]
    wanted = case.spec["links"]
    actual = [_link_fields(rl) for rl in vault.resolved[CASE_NOTE]]
    keys = sorted({k for w in wanted for k in w})
    normalised = [{k: w.get(k) for k in keys} for w in wanted]
    assert sorted(_project(actual, wanted), key=str) == sorted(normalised, key=str)


@pytest.mark.parametrize("case", case_params(ALL, "outline"))
def test_headings_block_ids_and_tags(case: Case, vaults: dict[str, Vault]) -> None:
    note = vaults[case.name].notes[CASE_NOTE]
    assert [[h.level, h.text, h.line] for h in note.headings] == case.spec["headings"]
    assert [list(b) for b in note.block_ids] == case.spec["block_ids"]
    if "tags" in case.spec:
        assert list(note.tags) == case.spec["tags"]


@pytest.mark.parametrize("case", case_params(ALL, "findings"))
def test_check_findings(case: Case, vaults: dict[str, Vault]) -> None:
    vault = vaults[case.name]
    spec = case.spec["findings"]
    assert _findings(check(vault), spec) == sorted(spec, key=str)
    if "obsidian_findings" in case.spec:
        judged = case.spec["obsidian_findings"]
        assert _findings(check(vault, obsidian=True), judged) == sorted(judged, key=str)


def test_check_obsidian_flag_counts_alias_only_links_as_unresolved(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = Path(__file__).parent / "cases" / "alias-only"
    assert main(["check", str(folder), "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)["summary"]
    assert main(["check", str(folder), "--json", "--obsidian", "--strict"]) == 1
    theirs = json.loads(capsys.readouterr().out)["summary"]
    assert (ours, theirs) == ({"alias-only": 1}, {"unresolved": 1})


def test_yaml_words_stay_words(vaults: dict[str, Vault]) -> None:
    note = vaults["yaml-words"].notes[CASE_NOTE]
    assert note.aliases == ("Yes",)
    assert (note.properties["publish"], note.properties["done"]) == ("yes", True)


def test_a_type_of_links_is_no_kind_of_note(vaults: dict[str, Vault]) -> None:
    note = vaults["type-of-links"].notes[CASE_NOTE]
    assert note.type is None and note.properties["type"] == ["[[Parks]]", "[[Shrines]]"]
