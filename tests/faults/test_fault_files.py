"""Odd files and folders: links out of the vault, the disk root, wide encodings."""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.cli import main
from syntopic.core import files
from syntopic.core import scan as scan_module
from syntopic.core.scan import scan
from syntopic.core.vault import Change, Vault


def test_a_symlink_to_the_disk_root_is_skipped_and_listed(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault([("a.md", "[[b]]"), ("inside/b.md", "")])
    os.symlink("/", root / "everything")
    os.symlink(root / "inside", root / "also-inside")  # stays in the vault: followed
    found = scan(str(root))
    assert sorted(found.notes) in (["a.md", "also-inside/b.md"], ["a.md", "inside/b.md"])
    [problem] = found.problems["everything"]
    assert problem.kind == "outside" and "to /" in problem.message
    assert main(["check", str(root), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["path"] for f in findings if f["kind"] == "outside"] == ["everything"]


def test_a_symlinked_note_outside_the_vault_is_not_read(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path
) -> None:
    secret = tmp_path / "elsewhere" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("private [[a]]")
    root = disk_vault([("a.md", "")])
    os.symlink(secret, root / "secret.md")
    vault = Vault.open(str(root))
    assert list(vault.notes) == ["a.md"]
    assert vault.scan_problems["secret.md"][0].kind == "outside"
    # a link made while the vault is open is skipped the same way
    os.symlink(secret, root / "later.md")
    event = vault.apply([Change("created", "later.md")])
    assert not event.added and list(vault.notes) == ["a.md"]


def test_the_disk_root_is_not_a_vault(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "/"]) == 2
    err = capsys.readouterr().err
    assert "root of the file system" in err and "Traceback" not in err


def test_a_walk_stops_at_its_bound(
    disk_vault: Callable[[Pairs], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = disk_vault([(f"d{i}/n{j}.md", "") for i in range(5) for j in range(5)])
    monkeypatch.setattr(scan_module, "MAX_ENTRIES", 12)
    found = scan(str(root))
    assert len(found.notes) < 25
    assert found.problems["."][0].kind == "too-large"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_wide_encodings_with_a_bom_are_read(
    disk_vault: Callable[[Pairs], Path], encoding: str
) -> None:
    root = disk_vault([("b.md", "")])
    text = "---\ntags: [café]\n---\nWindows wrote this. [[b]]\r\n"
    data = ("\ufeff" + text).encode(encoding) if encoding.endswith("-be") else text.encode(encoding)
    (root / "wide.md").write_bytes(data)
    vault = Vault.open(str(root))
    note = vault.notes["wide.md"]
    assert note.problems == ()
    assert note.tags == ("café",)
    assert [x.target for x in note.links] == ["b"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "---\ntags: [café]\n---\n# Wide\nA script wrote this without a BOM. [[b]]\r\n",
        "---\ntags: [café]\n---\n# 笔记\n没有字节顺序标记的笔记。\n见 [[b]]。\n",
    ],
    ids=["latin", "chinese"],
)
def test_utf16_without_a_bom_is_read(
    disk_vault: Callable[[Pairs], Path], encoding: str, text: str
) -> None:
    root = disk_vault([("b.md", "")])
    (root / "wide.md").write_bytes(text.encode(encoding))
    vault = Vault.open(str(root))
    note = vault.notes["wide.md"]
    assert note.problems == ()
    assert note.tags == ("café",)
    assert [x.target for x in note.links] == ["b"]
    assert [h.text for h in note.headings] in (["Wide"], ["笔记"])


def test_truncated_utf16_without_a_bom_says_it_is_damaged() -> None:
    data = "Half a character at the end. [[b]]\n".encode("utf-16-le")[:-1]
    text, problem = files.decode(data)
    assert text is not None and text.startswith("Half a character")
    assert problem is not None and problem.kind == "encoding" and "UTF-16-LE" in problem.message


def _png() -> bytes:
    head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
    return head + bytes(range(256)) * 8


@pytest.mark.parametrize(
    "data",
    [
        _png(),
        struct.pack("<400h", *range(400)),  # small integers: zeros on one side only
        struct.pack(">400h", *range(400)),
        b"A text note with one stray zero byte \x00 in the middle of it. [[b]]\n" * 4,
        b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00\x3e\x00" * 200,
    ],
    ids=["png", "int16-le", "int16-be", "utf8-with-a-zero", "elf"],
)
def test_real_binaries_stay_binary(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    root = disk_vault([("a.md", "[[b]]")])
    (root / "b.md").write_bytes(data)
    assert files.decode(data)[0] is None
    assert main(["check", str(root), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["path"], f["kind"]) for f in findings] == [("b.md", "binary")]


def test_strict_check_passes_a_vault_whose_only_finding_is_a_skipped_symlink(
    disk_vault: Callable[[Pairs], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = disk_vault([("a.md", "[[b]]"), ("b.md", "")])
    os.symlink(elsewhere, root / "shared")
    assert main(["check", str(root), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "shared: notice: outside: symbolic link out of the vault" in out
    assert "0 errors, 0 warnings, 1 notices" in out
    assert main(["check", str(root), "--strict", "--json"]) == 0
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["kind"], finding["severity"]) == ("outside", "notice")
    # anything really wrong in the vault still fails it
    (root / "c.md").write_text("[[nowhere]]")
    assert main(["check", str(root), "--strict"]) == 1
