"""Scanning and reading: hidden folders, loops, odd encodings, faults reported."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.core import files
from syntopic.core.scan import scan
from syntopic.core.vault import Vault


def test_hidden_folders_are_skipped_and_other_files_listed(
    disk_vault: Callable[[Pairs], Path],
) -> None:
    root = disk_vault(
        [
            ("a.md", ""),
            ("sub/B.MD", ""),
            (".obsidian/workspace.md", ""),
            (".trash/old.md", ""),
            ("sub/.hidden/x.md", ""),
            ("sub/image.png", ""),
        ]
    )
    result = scan(str(root))
    assert sorted(result.notes) == ["a.md", "sub/B.MD"]
    assert result.attachments == {"sub/image.png"}


def test_symlink_loops_are_reported_not_followed(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([("a/x.md", "")])
    os.symlink("..", root / "a/up")
    os.symlink(root / "a", root / "also-a")
    result = scan(str(root))
    # the folder is reached by two routes; it is read once
    assert [rel.rsplit("/", 1)[-1] for rel in result.notes] == ["x.md"]
    assert any(p.kind == "loop" for probs in result.problems.values() for p in probs)


def test_unreadable_folder_is_reported(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault([("ok.md", ""), ("locked/x.md", "")])
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = scan(str(root))
    assert list(result.notes) == ["ok.md"]
    assert result.problems["locked"][0].kind == "unreadable"


def test_missing_root_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="not a folder"):
        scan(str(tmp_path / "nope"))


def test_encodings_and_binary() -> None:
    assert files.decode("\ufeffcafé\r\nnext".encode()) == ("café\nnext", None)
    text, problem = files.decode("café [[Link]]".encode("cp1252"))
    assert text == "café [[Link]]"
    assert problem is not None and problem.kind == "encoding"
    text, problem = files.decode(b"\x89PNG\x00\x00rest")
    assert text is None and problem is not None and problem.kind == "binary"


def test_bad_files_still_appear_as_notes(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault([("good.md", "[[latin]] [[huge]] [[binary]]")])
    (root / "latin.md").write_bytes("r\xe9sum\xe9 [[good]]".encode("latin-1"))
    (root / "binary.md").write_bytes(b"\x00\x01\x02")
    (root / "huge.md").write_text("x" * 5000)
    monkeypatch.setattr(files, "MAX_NOTE_BYTES", 1000)
    vault = Vault.open(str(root))
    assert [p.kind for p in vault.notes["latin.md"].problems] == ["encoding"]
    assert [x.target for x in vault.notes["latin.md"].links] == ["good"]
    assert [p.kind for p in vault.notes["binary.md"].problems] == ["binary"]
    assert [p.kind for p in vault.notes["huge.md"].problems] == ["too-large"]
    assert {v for _, v in vault.graph.out_edges("good.md")} == {"latin.md", "huge.md", "binary.md"}


def test_parallel_and_serial_parse_agree(disk_vault: Callable[[Pairs], Path]) -> None:
    pairs = [(f"f{i % 7}/n{i}.md", f"# N{i}\n[[n{(i * 7) % 450}]] #t{i % 5}x") for i in range(450)]
    root = disk_vault(pairs)
    serial = Vault.open(str(root), use_cache=False, workers=1)
    parallel = Vault.open(str(root), use_cache=False, workers=2)
    assert serial.notes == parallel.notes
    assert sorted(serial.graph.edges()) == sorted(parallel.graph.edges())


def test_progress_is_reported(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([(f"n{i}.md", "") for i in range(100)])
    seen: list[tuple[str, int, int]] = []
    Vault.open(str(root), progress=lambda phase, done, total: seen.append((phase, done, total)))
    assert seen[0][0] == "Scanning" and seen[-1][0] == "Linking"
    assert ("Parsing", 100, 100) in seen
