"""The standalone app's first run: copy the example vault once, then open the last vault."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic import cli, paths
from syntopic.firstrun import COPY_KEY, LIBRARY_NAME, free_folder, startup_vault
from syntopic.ui.settings import Settings

EXAMPLE = [
    ("Start Here.md", "Read [[Reciprocity]] first.\n"),
    ("Concepts/Reciprocity.md", "Give first.\n"),
]


@pytest.fixture
def example(disk_vault: Callable[[Pairs], Path]) -> Path:
    return disk_vault(EXAMPLE)


def files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_first_run_copies_the_example_and_remembers_it(example: Path, tmp_path: Path) -> None:
    documents = tmp_path / "Documents"  # not there yet: made on the way
    before = files(example)
    opened = startup_vault(Settings(), documents=documents, example=example)
    assert opened == str(documents / LIBRARY_NAME)
    assert files(Path(opened)) == before
    assert files(example) == before  # the bundled copy is only read
    assert Settings().last_vault() == opened
    assert Settings().store.value(COPY_KEY) == opened


def test_later_runs_open_the_last_vault_and_copy_nothing(example: Path, tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    first = startup_vault(Settings(), documents=documents, example=example)
    assert startup_vault(Settings(), documents=documents, example=example) == first
    other = tmp_path / "Other Vault"
    other.mkdir()
    Settings().remember_vault(str(other))  # the user opened another vault
    assert startup_vault(Settings(), documents=documents, example=example) == str(other)
    assert [p.name for p in documents.iterdir()] == [LIBRARY_NAME]


def test_a_vanished_last_vault_falls_back_to_the_copy(example: Path, tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    first = startup_vault(Settings(), documents=documents, example=example)
    gone = tmp_path / "Gone"
    gone.mkdir()
    Settings().remember_vault(str(gone))
    gone.rmdir()
    assert startup_vault(Settings(), documents=documents, example=example) == first


def test_an_existing_folder_is_never_overwritten(example: Path, tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    mine = documents / LIBRARY_NAME
    mine.mkdir(parents=True)
    (mine / "mine.md").write_text("my own note\n", encoding="utf-8")
    (documents / f"{LIBRARY_NAME} 2").write_text("a file, not a folder\n", encoding="utf-8")
    opened = startup_vault(Settings(), documents=documents, example=example)
    assert opened == str(documents / f"{LIBRARY_NAME} 3")
    assert files(mine) == {"mine.md": "my own note\n"}
    assert files(Path(opened)) == files(example)
    assert free_folder(documents) == documents / f"{LIBRARY_NAME} 4"


def test_the_copy_is_writable_even_from_a_read_only_bundle(example: Path, tmp_path: Path) -> None:
    read_only = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
    (example / "Start Here.md").chmod(read_only)
    (example / "Concepts").chmod(read_only | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    try:
        opened = Path(startup_vault(Settings(), documents=tmp_path / "D", example=example))
    finally:
        (example / "Concepts").chmod(0o755)
    for path in (opened / "Start Here.md", opened / "Concepts", opened / "Concepts/Reciprocity.md"):
        assert path.stat().st_mode & stat.S_IWUSR, path


def test_without_a_documents_folder_the_bundled_vault_opens(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("", encoding="utf-8")
    opened = startup_vault(Settings(), documents=blocker / "Documents", example=example)
    assert opened == str(example)
    assert "cannot copy the example vault" in capsys.readouterr().err
    assert Settings().last_vault() is None


def test_only_the_standalone_app_leaves_the_vault_to_the_first_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import syntopic.ui.launch as launch

    asked: list[str | None] = []

    def fake_run_gui(vault: str | None, **kwargs: object) -> int:
        asked.append(vault)
        return 0

    monkeypatch.setattr(launch, "run_gui", fake_run_gui)
    assert cli.main([]) == 0
    monkeypatch.setattr(paths, "is_frozen", lambda: True)  # cli imports it when it starts a window
    assert cli.main([]) == 0
    assert asked == [str(paths.bundled_vault()), None]
