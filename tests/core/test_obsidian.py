"""Open in Obsidian: the obsidian://open URL of a note, only for vaults Obsidian knows."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from syntopic.core.obsidian import obsidian_vault, open_url


def make_vault(tmp_path: Path, name: str, *, obsidian: bool) -> Path:
    root = tmp_path / name
    (root / "Sub dir").mkdir(parents=True)
    if obsidian:
        (root / ".obsidian").mkdir()
    return root


def test_a_note_in_an_obsidian_vault_gets_its_folder_name_and_path_without_md(
    tmp_path: Path,
) -> None:
    root = make_vault(tmp_path, "My Notes", obsidian=True)
    url = open_url(root, "Sub dir/Café & Co #1.md")
    assert url == ("obsidian://open?vault=My%20Notes&file=Sub%20dir%2FCaf%C3%A9%20%26%20Co%20%231")
    # decoded, the parameters are exactly the vault's name and the note's path
    query = parse_qs(urlsplit(url).query)
    assert query == {"vault": ["My Notes"], "file": ["Sub dir/Café & Co #1"]}


def test_only_a_trailing_md_is_dropped(tmp_path: Path) -> None:
    root = make_vault(tmp_path, "v", obsidian=True)
    assert open_url(root, "notes.md.md") == "obsidian://open?vault=v&file=notes.md"
    assert open_url(root, "Read ME.MD") == "obsidian://open?vault=v&file=Read%20ME"


def test_a_folder_opened_inside_an_obsidian_vault_links_into_that_vault(tmp_path: Path) -> None:
    root = make_vault(tmp_path, "outer", obsidian=True)
    assert obsidian_vault(root / "Sub dir") == root
    assert open_url(root / "Sub dir", "Idea.md") == (
        "obsidian://open?vault=outer&file=Sub%20dir%2FIdea"
    )


def test_a_plain_folder_of_notes_has_no_obsidian_link(tmp_path: Path) -> None:
    root = make_vault(tmp_path, "plain", obsidian=False)
    assert obsidian_vault(root) is None
    assert open_url(root, "Idea.md") is None
