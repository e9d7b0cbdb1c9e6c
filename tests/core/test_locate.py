"""A note file given alone: its vault is the nearest folder upward holding `.obsidian/`."""

from __future__ import annotations

from pathlib import Path

import pytest

from syntopic.core.locate import locate_note, vault_root


def make(root: Path, *paths: str) -> None:
    for rel in paths:
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x")


def test_the_nearest_obsidian_folder_upward(tmp_path: Path) -> None:
    make(tmp_path, "outer/.obsidian/", "outer/inner/.obsidian/", "outer/inner/a/b/Note.md")
    root, rel = locate_note(tmp_path / "outer/inner/a/b/Note.md")
    assert root == tmp_path / "outer/inner" and rel == "a/b/Note.md"


def test_without_one_the_notes_own_folder(tmp_path: Path) -> None:
    make(tmp_path, "notes/deep/Idea.md")
    assert vault_root(tmp_path / "notes/deep") is None
    assert locate_note(str(tmp_path / "notes/deep/Idea.md")) == (tmp_path / "notes/deep", "Idea.md")


def test_a_relative_path_is_taken_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, "v/.obsidian/", "v/sub/N.md")
    monkeypatch.chdir(tmp_path / "v" / "sub")
    assert locate_note("N.md") == (tmp_path / "v", "sub/N.md")


def test_an_obsidian_file_is_not_a_vault_marker(tmp_path: Path) -> None:
    make(tmp_path, "v/.obsidian", "v/N.md")  # a file, not a folder
    assert locate_note(tmp_path / "v/N.md") == (tmp_path / "v", "N.md")


@pytest.mark.parametrize(
    ("rel", "message"),
    [
        ("v/picture.png", "not a note"),
        ("v/missing.md", "no such note file"),
        ("v/.trash/Old.md", "hidden folder"),
    ],
)
def test_what_cannot_be_opened(tmp_path: Path, rel: str, message: str) -> None:
    make(tmp_path, "v/.obsidian/", "v/picture.png", "v/.trash/Old.md")
    with pytest.raises(ValueError, match=message):
        locate_note(tmp_path / rel)
