"""New notes: safe file names, written whole, never over a file, never a second name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from syntopic.core.newnote import (
    MAX_BYTES,
    MAX_CHARS,
    NoteExists,
    create_note,
    notes_named,
    safe_file_name,
)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Reciprocity", "Reciprocity"),
        ("Reciprocity.md", "Reciprocity"),
        ("Reciprocity.MD  ", "Reciprocity"),
        ("PRN", "PRN_"),
        ("Aux.notes", "Aux_.notes"),
        ("lpt9", "lpt9_"),
        ("Console", "Console"),  # only the exact device names are reserved
        ("What? #1 [draft] ^x", "What 1 draft x"),
        ("  .hidden", "hidden"),
        ("ends with dot.", "ends with dot"),
        ("tab\there", "tab here"),
    ],
)
def test_safe_file_name(title: str, name: str) -> None:
    assert safe_file_name(title) == name


def test_long_titles_fit_every_file_system() -> None:
    assert len(safe_file_name("x" * 500)) == MAX_CHARS
    wide = safe_file_name("知" * 200)  # three bytes each in UTF-8
    assert len(wide.encode("utf-8")) <= MAX_BYTES and wide == "知" * (MAX_BYTES // 3)
    assert not safe_file_name("a" * (MAX_CHARS - 1) + " .b").endswith((" ", "."))


@pytest.mark.parametrize("title", ["", "   ", "...", "/\\:", ".md"])
def test_a_title_with_nothing_usable_is_refused(title: str) -> None:
    with pytest.raises(ValueError, match="no usable file name"):
        safe_file_name(title)


def test_the_name_is_looked_for_in_every_folder(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "Liking.md").write_text("x")
    (tmp_path / ".trash").mkdir()
    (tmp_path / ".trash" / "Gone.md").write_text("x")  # hidden: not a note of the vault
    assert notes_named(str(tmp_path), "LIKING") == ["a/b/Liking.md"]
    assert notes_named(str(tmp_path), "Gone") == []
    with pytest.raises(NoteExists) as caught:
        create_note(str(tmp_path), "liking")
    assert caught.value.existing == "a/b/Liking.md" and caught.value.elsewhere
    assert create_note(str(tmp_path), "Gone") == tmp_path.resolve() / "Gone.md"


def test_nothing_is_left_behind_when_the_name_appears_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from syntopic.core import newnote

    def racing(template: str, title: str) -> str:
        # another program writes the note between the checks and the write
        (tmp_path / "Race.md").write_text("theirs")
        return "ours"

    monkeypatch.setattr(newnote, "render_template", racing)
    with pytest.raises(FileExistsError):
        create_note(str(tmp_path), "Race")
    assert (tmp_path / "Race.md").read_text() == "theirs"
    assert os.listdir(tmp_path) == ["Race.md"]


def test_hidden_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="hidden"):
        create_note(str(tmp_path), "Note", folder=".obsidian")


def test_the_callers_note_list_spares_the_walk(tmp_path: Path) -> None:
    (tmp_path / "Deep").mkdir()
    (tmp_path / "Deep" / "Liking.md").write_text("x")
    assert notes_named(str(tmp_path), "liking", known=["Other/LIKING.md"]) == ["Other/LIKING.md"]
    with pytest.raises(NoteExists, match="Other/LIKING"):
        create_note(str(tmp_path), "Liking", known=["Other/LIKING.md"])


@pytest.mark.parametrize("folder", ["Drafts/a:b", "CON", "new/trailing. "])
def test_folders_it_would_make_must_be_safe_names(tmp_path: Path, folder: str) -> None:
    with pytest.raises(ValueError, match="not safe on every system"):
        create_note(str(tmp_path), "Note", folder=folder)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_used_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "Inbox #1").mkdir()  # '#' would not be made, but the user's folder is theirs
    assert create_note(str(tmp_path), "Note", folder="Inbox #1").parent.name == "Inbox #1"
