"""The command line contract: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from clikit import run, vault_fixture
from conftest import Pairs

PAIRS = [
    (
        "Reciprocity.md",
        "---\naliases: [Give First]\ntags: [principle]\n---\nRepay favours.\n\n"
        "## Key Frameworks\nSee [[Liking]] and [[Ghost Idea]] and [[Liking#Nope]].\n",
    ),
    ("Liking.md", "We say yes to people we like. [[Reciprocity]]\n"),
    ("Books/Influence.md", "---\ntype: book\nauthor: Robert Cialdini\n---\n[[Reciprocity]]\n"),
    ("broken.md", "---\ntags: [unclosed\n---\ntext\n"),
]


vault = vault_fixture(PAIRS)


def test_stats_json(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", str(vault), "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["notes"], data["books"], data["unresolved_targets"]) == (4, 1, 1)
    assert data["hubs"][0]["title"] == "Reciprocity"


def test_stats_text(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", str(vault))
    assert code == 0 and "Notes        4  (1 books)" in out


def test_check_lists_each_problem_with_file_and_line(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", str(vault))
    assert code == 0
    assert "Reciprocity.md:8: warning: unresolved: no note named 'Ghost Idea'" in out
    assert "Reciprocity.md:8: error: missing-heading:" in out
    assert "broken.md:3: error: yaml: malformed front matter" in out
    assert out.strip().endswith("(1 missing-heading, 1 unresolved, 1 yaml)")


def test_check_strict_and_json(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(vault), "--strict", "--json")
    assert code == 1
    kinds = sorted(f["kind"] for f in json.loads(out)["findings"])
    assert kinds == ["missing-heading", "unresolved", "yaml"]


def test_check_strict_passes_on_a_clean_vault(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault([("a.md", "[[b]]"), ("b.md", "[[a]]")])
    code, out, _ = run(capsys, "check", str(root), "--strict")
    assert code == 0 and "0 errors, 0 warnings" in out


@pytest.mark.parametrize("suffix", ["json", "graphml", "gexf"])
def test_graph_files_load_back(
    vault: Path, tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / f"g.{suffix}"
    code, out, _ = run(capsys, "graph", str(vault), "-o", str(out_file))
    assert code == 0 and "5 nodes" in out
    if suffix == "json":
        graph = nx.node_link_graph(json.loads(out_file.read_text()), edges="links")
    elif suffix == "graphml":
        graph = nx.read_graphml(out_file)
    else:
        graph = nx.read_gexf(out_file)
    assert graph.number_of_nodes() == 5
    assert graph.number_of_edges() == 5
    assert graph.nodes["Books/Influence.md"]["kind"] == "book"


def test_graph_json_is_the_graph_in_node_link_form(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "graph", str(vault), "--json")
    assert code == 0 and out.count("\n") == 1  # one line: for machines, written fast
    data = json.loads(out)
    graph = nx.node_link_graph(data, edges="links")
    assert graph.is_directed() and graph.is_multigraph()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (5, 5)
    assert graph.nodes["Books/Influence.md"]["kind"] == "book"
    assert graph.nodes["Reciprocity.md"]["title"] == "Reciprocity"
    assert {(u, v) for u, v in graph.edges()} >= {("Liking.md", "Reciprocity.md")}


def test_graph_output_never_replaces_a_file_without_force(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text("my own data")
    code, out, err = run(capsys, "graph", str(vault), "-o", str(mine))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "already exists (add --force to replace it)" in err
    assert mine.read_text() == "my own data"
    code, out, _ = run(capsys, "graph", str(vault), "-o", str(mine), "--force")
    assert code == 0 and "5 nodes" in out
    assert json.loads(mine.read_text())["nodes"]


def test_graph_force_without_a_file_is_refused(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "graph", str(vault), "--json", "--force")
    assert code == 2 and out == "" and "--force goes with -o FILE" in err


def test_show_json_by_alias(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(vault), "give first", "--json")
    data = json.loads(out)
    assert code == 0 and data["path"] == "Reciprocity.md"
    assert {b["source"] for b in data["backlinks"]} == {"Liking.md", "Books/Influence.md"}
    assert [link["resolved"] for link in data["links"]] == ["Liking.md", None, "Liking.md"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stats", "/no/such/vault"], "no such folder: /no/such/vault"),
        (["show", "{vault}", "Reciprocty"], "did you mean: Reciprocity?"),
        (["graph", "{vault}", "-o", "/tmp/x.dot"], "cannot tell the format from .dot"),
        (["stats", "{vault}/Liking.md"], "not a folder"),
        (["show", "{vault}"], "the following arguments are required: note"),
        (["new", "{vault}", "X", "--template", "nope"], "invalid choice: 'nope'"),
        (["stats", "{vault}", "--jsn"], "unrecognized arguments: --jsn"),
        (["{vault}", "--view", "nope"], "invalid choice: 'nope'"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(
    vault: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *[a.format(vault=vault) for a in argv])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
