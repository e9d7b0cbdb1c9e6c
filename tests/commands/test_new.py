"""`syntopic new VAULT TITLE`: one safe new note, never a second note of the same name."""

from __future__ import annotations

from pathlib import Path

import pytest

from clikit import run, vault_fixture

PAIRS = [
    ("Concepts/Principles/Reciprocity.md", "Give first.\n"),
    ("Start.md", "[[Reciprocity]] and [[Liking]].\n"),
]

vault = vault_fixture(PAIRS)


def notes(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


def test_new_writes_a_note_once(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", str(vault), "Anchoring: First Numbers?", "--folder", "C")
    created = Path(out.strip())
    assert code == 0 and created == vault / "C" / "Anchoring First Numbers.md"
    assert "type: concept" in created.read_text()
    code, _, err = run(capsys, "new", str(vault), "Anchoring: First Numbers?", "--folder", "C")
    assert code == 2 and "already exists" in err
    code, _, err = run(capsys, "new", str(vault), "x", "--folder", "../outside")
    assert code == 2 and "outside the vault" in err


@pytest.mark.parametrize("title", ["Reciprocity", "reciprocity", "RECIPROCITY.md"])
def test_a_title_that_names_a_note_elsewhere_is_refused(
    vault: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    before = notes(vault)
    code, out, err = run(capsys, "new", str(vault), title)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "already names a note: Concepts/Principles/Reciprocity.md" in err
    assert "--allow-duplicate" in err
    assert notes(vault) == before


def test_a_duplicate_needs_a_folder_and_the_flag(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", str(vault), "Reciprocity", "--allow-duplicate")
    assert code == 2 and "--allow-duplicate needs --folder" in err
    code, _, err = run(capsys, "new", str(vault), "Reciprocity", "--folder", "Drafts")
    assert code == 2 and "already names a note" in err
    code, out, _ = run(
        capsys, "new", str(vault), "Reciprocity", "--folder", "Drafts", "--allow-duplicate"
    )
    assert code == 0 and Path(out.strip()) == vault / "Drafts" / "Reciprocity.md"
    # even asked to, it never writes over the note (in any case) in the same folder
    code, _, err = run(
        capsys,
        "new",
        str(vault),
        "reciprocity",
        "--folder",
        "Concepts/Principles",
        "--allow-duplicate",
    )
    assert code == 2 and "already exists at Concepts/Principles/Reciprocity.md" in err
    assert (vault / "Concepts/Principles/Reciprocity.md").read_text() == "Give first.\n"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Note.md", "Note.md"),
        ("CON", "CON_.md"),
        ("nul.md", "nul_.md"),
        ("com1.backup", "com1_.backup.md"),
        ('a<b>c:d"e/f\\g|h?i*j', "a b c d e f g h i j.md"),
        ("Trailing dots... ", "Trailing dots.md"),
    ],
)
def test_names_are_safe_on_every_system(
    vault: Path, capsys: pytest.CaptureFixture[str], title: str, name: str
) -> None:
    code, out, err = run(capsys, "new", str(vault), title)
    assert code == 0, err
    assert Path(out.strip()) == vault / name and (vault / name).is_file()


def test_a_title_with_nothing_usable_is_one_line(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", str(vault), "..//??")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "leaves no usable file name" in err
