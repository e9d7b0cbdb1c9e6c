"""`syntopic search` answers from a current index without opening the vault,
and brings a stale one up to date first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from searchkit import PAIRS

from conftest import Pairs
from syntopic.cli import main

MakeVault = Callable[[Pairs], Path]

# a search in a fresh interpreter; prints the answer, then which modules it imported
PROBE = textwrap.dedent(
    """
    import json, sys
    from syntopic.cli import main
    main(["search", sys.argv[1], sys.argv[2], "--json"])
    heavy = ("networkx", "yaml", "markdown_it", "syntopic.core.vault", "syntopic.core.parse")
    print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))
    """
)


def probe(root: Path, query: str) -> tuple[dict[str, object], list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(root), query],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=True,
    )
    answer, imported = done.stdout.rsplit("\n", 2)[:2]
    return json.loads(answer), json.loads(imported)


def search_json(capsys: pytest.CaptureFixture[str], root: Path, query: str) -> dict[str, object]:
    assert main(["search", str(root), query, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data: dict[str, object] = json.loads(out)
    return data


def test_a_current_index_answers_without_parsing_or_the_graph_stack(
    disk_vault: MakeVault, capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault(PAIRS)
    first = search_json(capsys, root, "gift")  # makes the index: the vault is opened
    answer, imported = probe(root, "gift")
    assert imported == [], "a search of a current index imported the graph or the parser"
    assert answer == first, "the quick answer is the full answer"


def test_an_edited_added_or_removed_note_is_indexed_before_answering(
    disk_vault: MakeVault, capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault(PAIRS)
    search_json(capsys, root, "gift")
    (root / "Notes/Negotiation.md").write_text("Negotiation over a zeppelin.\n", encoding="utf-8")
    os.utime(root / "Notes/Negotiation.md", ns=(1, 3_000_000_000))  # whatever the clock did
    (root / "Notes/Airship.md").write_text("An airship is not a zeppelin.\n", encoding="utf-8")
    (root / "Concepts/Gift Economy.md").unlink()
    data = search_json(capsys, root, "zeppelin")
    assert {r["path"] for r in data["results"]} == {  # type: ignore[attr-defined]
        "Notes/Negotiation.md",
        "Notes/Airship.md",
    }
    assert search_json(capsys, root, "anchoring")["total"] == 0
    # and brought up to date, the next search is a quick one again
    answer, imported = probe(root, "economy")
    assert imported == [] and answer["total"] == 0


def test_the_apps_live_edits_are_recorded_for_the_command_line_at_close(
    disk_vault: MakeVault, capsys: pytest.CaptureFixture[str]
) -> None:
    from syntopic.core.vault import Change, Vault
    from syntopic.search.index import SearchIndex

    root = disk_vault(PAIRS)
    vault = Vault.open(str(root))
    index = SearchIndex(vault)
    index.build()
    (root / "Notes/Negotiation.md").write_text("Negotiation over a zeppelin.\n", encoding="utf-8")
    os.utime(root / "Notes/Negotiation.md", ns=(1, 3_000_000_000))
    index.update(vault.apply([Change("modified", "Notes/Negotiation.md")]))
    index.close()
    answer, imported = probe(root, "zeppelin")
    assert imported == [], "the index the app left was not taken as current"
    assert [r["path"] for r in answer["results"]] == ["Notes/Negotiation.md"]  # type: ignore[index]
