"""`graph --json` keeps its output for the next run, as `stats` keeps its answer:
the same bytes while the vault and the code are unchanged, made anew otherwise."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clikit import run, vault_fixture
from syntopic.core.cache import wait_saved

PAIRS = [
    ("Reciprocity.md", "---\ntags: [principle]\n---\nRepay favours. See [[Liking]].\n"),
    ("Liking.md", "We say yes to people we like. [[Reciprocity]]\n"),
    ("Books/Influence.md", "---\ntype: book\nauthor: Robert Cialdini\n---\n[[Reciprocity]]\n"),
]

vault = vault_fixture(PAIRS)

# `graph --json` in a fresh interpreter: its output, whether it loaded the vault, and
# whether it imported the other subcommands (books, export: a third of a warm run)
PROBE = textwrap.dedent(
    """
    import sys
    from syntopic.cli import main
    main(["graph", sys.argv[1], "--json"])
    print(any(m.startswith(("networkx", "syntopic.core.vault")) for m in sys.modules))
    print(any(m in sys.modules for m in ("syntopic.commands.books", "syntopic.commands.export")))
    """
)


def probe(root: Path) -> tuple[dict[str, object], bool]:
    answer, loaded, _ = probe_imports(root)
    return answer, loaded


def probe_imports(root: Path) -> tuple[dict[str, object], bool, bool]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ.copy(),
        check=True,
    )
    answer, loaded, others = done.stdout.rstrip("\n").rsplit("\n", 2)
    return json.loads(answer), loaded == "True", others == "True"


def edges(data: dict[str, object]) -> set[tuple[str, str]]:
    return {(e["source"], e["target"]) for e in data["links"]}  # type: ignore[attr-defined, index]


def test_the_second_run_is_the_same_output_without_loading_the_vault(vault: Path) -> None:
    first, loaded = probe(vault)
    assert loaded, "the first run had nothing kept to answer from"
    again, loaded, others = probe_imports(vault)
    assert not loaded, "a kept output was not used"
    assert not others, "the other subcommands were imported for a kept answer"
    assert again == first


def test_an_edited_note_is_in_the_next_output(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "graph", str(vault), "--json")
    (vault / "Liking.md").write_text("Liking now cites [[Influence]].\n", encoding="utf-8")
    os.utime(vault / "Liking.md", ns=(1, 3_000_000_000))
    code, out, _ = run(capsys, "graph", str(vault), "--json")
    assert code == 0
    found = edges(json.loads(out))
    assert ("Liking.md", "Books/Influence.md") in found
    assert ("Liking.md", "Reciprocity.md") not in found


def test_a_damaged_kept_output_is_made_again(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, first, _ = run(capsys, "graph", str(vault), "--json")
    wait_saved()  # kept by a thread of its own
    (kept,) = (Path(os.environ["SYNTOPIC_CACHE_DIR"]) / "vaults").glob("*/graph-json.bin")
    data = bytearray(kept.read_bytes())
    data[-10:] = b"0123456789"
    kept.write_bytes(bytes(data))
    code, again, err = run(capsys, "graph", str(vault), "--json")
    assert (code, err) == (0, "")
    assert json.loads(again) == json.loads(first)


def test_a_kept_output_to_an_ascii_stdout_is_escaped(
    disk_vault: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault([("Café.md", "Über [[Naïve]].\n"), ("Naïve.md", "x\n")])  # type: ignore[operator]
    run(capsys, "graph", str(root), "--json")  # made and kept
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    assert run(capsys, "graph", str(root), "--json")[0] == 0
    text = raw.getvalue().decode("ascii")
    assert "\\u00e9" in text
    assert ("Café.md", "Naïve.md") in edges(json.loads(text))
