"""`syntopic search VAULT QUERY [--limit N] [--json]`: output shapes and errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from clikit import run, vault_fixture

sys.path.insert(0, str(Path(__file__).parents[1] / "search"))
from searchkit import PAIRS

vault = vault_fixture(PAIRS)


def test_json_output(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", str(vault), "gift", "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert data["query"] == "gift" and data["notice"] is None and data["suggestion"] is None
    assert data["total"] == 2
    # the title match first
    assert [r["path"] for r in data["results"]] == [
        "Concepts/Gift Economy.md",
        "Concepts/Reciprocity.md",
    ]
    first, second = data["results"]
    assert first["title"] == "Gift Economy" and first["score"] > second["score"] > 0
    snippet = second["snippets"][0]
    assert {snippet["text"][a:b] for a, b in snippet["hits"]} == {"gift", "gifts"}


def test_text_output_marks_hits_when_piped(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", str(vault), "deadlines")
    assert code == 0
    assert "1 note matches." in out
    assert " 1. Scarcity  Concepts/Scarcity.md  (score " in out
    assert "«deadlines»" in out and "\x1b[" not in out


def test_limit(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "search", str(vault), "tag:principle", "--limit", "1", "--json")
    data = json.loads(out)
    assert data["total"] == 3 and len(data["results"]) == 1
    _, out, _ = run(capsys, "search", str(vault), "tag:principle", "--limit", "2")
    assert "3 notes match (showing 2)." in out


def test_malformed_query_and_did_you_mean_are_reported(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "search", str(vault), '"social proof', "--json")
    data = json.loads(out)
    assert code == 0 and "quote" in data["notice"]
    assert [r["path"] for r in data["results"]] == ["Concepts/Social Proof.md"]
    code, out, _ = run(capsys, "search", str(vault), "reciprocty")
    assert code == 0 and "Did you mean: reciprocity" in out and "No notes match" in out


def test_the_second_run_reuses_the_index(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "search", str(vault), "gift")
    (vault / "Notes/Later.md").write_text("A later note about zeppelins.\n", encoding="utf-8")
    code, out, err = run(capsys, "search", str(vault), "zeppelins", "--json")
    assert code == 0 and err == ""
    assert [r["path"] for r in json.loads(out)["results"]] == ["Notes/Later.md"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "{missing}", "gift"], "no such folder"),
        (["search", "{vault}", "gift", "--limit", "0"], "--limit must be at least 1"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    args = [a.format(vault=vault, missing=tmp_path / "nope") for a in argv]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("syntopic: error:")


def test_cache_problems_go_to_stderr_not_into_json(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "cache-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SYNTOPIC_CACHE_DIR", str(blocker))
    code, out, err = run(capsys, "search", str(vault), "espresso", "--json")
    assert code == 0 and "temporary index" in err
    assert [r["path"] for r in json.loads(out)["results"]] == ["Notes/Café Culture.md"]
