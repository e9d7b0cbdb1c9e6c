"""Hostile front matter: bounded, reported per note, and never shown as a Python repr."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs, memory_vault
from syntopic.cli import main
from syntopic.core import frontmatter
from syntopic.core.overview import note_groups
from syntopic.core.parse import parse_note
from syntopic.core.vault import Vault


def billion_laughs(levels: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for prev, name in zip("abcdefghijk", "bcdefghijkl", strict=False):
        if len(lines) == levels:
            break
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "self-alias": "a: &a [*a]\n",
    "self-mapping": "a: &a {b: *a}\n",
    "laughs": billion_laughs(),
    "deep": "a: " + "[" * 60 + "]" * 60 + "\n",
    "huge": "a: " + "x" * (frontmatter.MAX_SOURCE + 10) + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_front_matter_is_one_problem(name: str) -> None:
    props, problem = frontmatter.load(HOSTILE[name])
    assert props == {}
    assert problem is not None and problem.kind == "yaml"
    assert problem.message.startswith("front matter not read")


def test_aliases_within_the_budget_still_work() -> None:
    source = "base: &b [x, y]\none: *b\ntwo: *b\nname: &n Robert\nauthor: *n\n"
    props, problem = frontmatter.load(source)
    assert problem is None
    assert props == {"base": ["x", "y"], "one": ["x", "y"], "two": ["x", "y"], "name": "Robert",
                     "author": "Robert"}  # fmt: skip


def test_a_hostile_note_does_not_take_the_vault_down(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault(
        [
            ("alias.md", f"---\n{HOSTILE['self-alias']}---\nSee [[ok]].\n"),
            ("laughs.md", f"---\n{HOSTILE['laughs']}---\nSee [[ok]].\n"),
            ("ok.md", "---\ntags: [fine]\n---\nFine.\n"),
        ]
    )
    vault = Vault.open(str(root))
    assert vault.notes["ok.md"].tags == ("fine",)
    assert {u for u, _ in vault.graph.in_edges("ok.md")} == {"alias.md", "laughs.md"}
    code = main(["check", str(root), "--json", "--strict"])
    found = json.loads(capsys.readouterr().out)
    assert code == 1
    by_path = {f["path"]: f for f in found["findings"] if f["kind"] == "yaml"}
    assert set(by_path) == {"alias.md", "laughs.md"}
    assert "alias" in by_path["alias.md"]["message"]


def test_wrong_types_are_mended_and_reported() -> None:
    note = parse_note(
        "n.md",
        "---\ntitle: 1984\ntype: [concept, book]\ntags: [[b]]\naliases: [[Other Name]]\n"
        "author: [[Robert Cialdini]]\nyear: {a: 1}\n---\nbody\n",
    )
    assert note.title == "1984"
    assert note.type == "concept"
    assert note.tags == ("b",)
    assert note.aliases == ("Other Name",)
    assert note.properties["author"] == ["Robert Cialdini"]
    assert "year" not in note.properties
    [problem] = note.problems
    assert problem.kind == "property"
    for key in ("'type'", "'tags'", "'aliases'", "'author'", "'year'"):
        assert key in problem.message
    shown = json.dumps([note.title, note.type, note.tags, note.aliases, note.properties])
    assert "['" not in shown and "{'" not in shown


def test_no_python_repr_reaches_the_navigator() -> None:
    vault = memory_vault(
        [("a.md", "---\ntype: [concept, book]\n---\n"), ("b.md", "---\ntype: {x: 1}\n---\n")]
    )
    labels = [group.label for group in note_groups(vault)]
    assert not any("[" in label or "{" in label for label in labels), labels


def test_a_yes_no_value_is_not_a_tag() -> None:
    note = parse_note("n.md", "---\ntags: [true, real]\n---\n")
    assert note.tags == ("real",)
    assert note.problems and "yes/no" in note.problems[0].message
    # YAML 1.2, as Obsidian reads it: the word yes is a tag like any other
    assert parse_note("n.md", "---\ntags: [yes, real]\n---\n").tags == ("yes", "real")


def test_right_shapes_report_nothing() -> None:
    note = parse_note(
        "n.md",
        "---\ntitle: The Title\ntype: book\ntags: [a, b]\naliases: Alias\nauthor: [A B, C D]\n"
        "year: 1984\n---\n",
    )
    assert note.problems == ()
    assert note.properties["year"] == 1984
