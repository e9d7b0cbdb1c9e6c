"""`syntopic PATH/TO/note.md`: the note's vault opens, at that note."""

from __future__ import annotations

from pathlib import Path

import pytest

from clikit import run
from syntopic import cli


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str | None]]:
    import syntopic.ui.launch as launch

    calls: list[tuple[str | None, str | None]] = []

    def fake_run_gui(vault: str | None, *, open_note: str | None = None, **_: object) -> int:
        calls.append((vault, open_note))
        return 0

    monkeypatch.setattr(launch, "run_gui", fake_run_gui)
    return calls


def test_a_note_opens_its_vault_at_the_note(
    tmp_path: Path, opened: list[tuple[str | None, str | None]]
) -> None:
    (tmp_path / "v" / ".obsidian").mkdir(parents=True)
    (tmp_path / "v" / "Concepts").mkdir()
    (tmp_path / "v" / "Concepts" / "Liking.md").write_text("x")
    assert cli.main([str(tmp_path / "v" / "Concepts" / "Liking.md")]) == 0
    assert opened == [(str(tmp_path / "v"), "Concepts/Liking.md")]


def test_a_folder_still_opens_as_the_vault(
    tmp_path: Path, opened: list[tuple[str | None, str | None]]
) -> None:
    assert cli.main([str(tmp_path), "--open", "Liking"]) == 0
    assert opened == [(str(tmp_path), "Liking")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{tmp}/nothing.md"], "no such folder or note"),
        (["{tmp}/a.png"], "not a note"),
        (["{tmp}/a.md", "--open", "Other"], "not both"),
    ],
)
def test_bad_targets_are_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    opened: list[tuple[str | None, str | None]],
    argv: list[str],
    message: str,
) -> None:
    (tmp_path / "a.png").write_bytes(b"x")
    (tmp_path / "a.md").write_text("x")
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err
    assert opened == []
