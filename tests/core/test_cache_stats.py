"""The kept `stats` answer: reused while files, parse cache and code are as they were."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Pairs
from syntopic.cli import main
from syntopic.core import load, stats_cache
from syntopic.core.cache import vault_cache_dir, wait_saved
from syntopic.core.model import ParsedNote
from syntopic.core.parse import ParseOptions
from syntopic.core.vault import Vault

PAIRS = [
    ("a.md", "---\ntags: [x]\n---\n[[b]] and [[Nowhere]]"),
    ("b.md", "[[a]]"),
    ("Books/Influence.md", "---\ntype: book\n---\n[[a]]"),
    ("pic.png", "not really a picture"),
]


def stats(capsys: pytest.CaptureFixture[str], root: Path) -> dict[str, object]:
    assert main(["stats", str(root), "--json"]) == 0
    wait_saved()
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    del data["load_seconds"]
    return data


def count_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real = Vault.open.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Vault], root: str, **kwargs: object) -> Vault:
        opened.append(root)
        return real(cls, root, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Vault, "open", classmethod(counting))
    return opened


def test_a_second_stats_answers_from_the_kept_answer_without_opening_the_vault(
    disk_vault: Callable[[Pairs], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = disk_vault(PAIRS)
    opened = count_opens(monkeypatch)
    first = stats(capsys, root)
    assert len(opened) == 1
    assert (first["notes"], first["books"], first["unresolved_targets"]) == (3, 1, 1)
    assert stats(capsys, root) == first
    assert len(opened) == 1


def test_the_text_output_comes_from_the_kept_answer_too(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault(PAIRS)
    assert main(["stats", str(root)]) == 0
    wait_saved()
    first = capsys.readouterr().out
    assert main(["stats", str(root)]) == 0
    second = capsys.readouterr().out
    assert "Notes        3  (1 books)" in second
    assert first.splitlines()[:-1] == second.splitlines()[:-1]  # all but the time taken


@pytest.mark.parametrize("change", ["edit", "add", "delete", "attachment"])
def test_any_change_to_the_files_recomputes_the_answer(
    disk_vault: Callable[[Pairs], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    root = disk_vault(PAIRS)
    before = stats(capsys, root)
    opened = count_opens(monkeypatch)
    if change == "edit":  # same size, a new mtime: the walk alone tells
        (root / "b.md").write_text("[[c]]")
        os.utime(root / "b.md", ns=(1, 10**18))
    elif change == "add":
        (root / "c.md").write_text("[[a]]")
    elif change == "delete":
        (root / "b.md").unlink()
    else:
        (root / "notes.pdf").write_text("%PDF")
    after = stats(capsys, root)
    assert opened == [str(root)]
    expected = {
        "edit": ("unresolved_targets", 2),
        "add": ("notes", 4),
        "delete": ("notes", 2),
        "attachment": ("attachments", 2),
    }[change]
    assert after[expected[0]] == expected[1] != before[expected[0]]


def test_a_rewritten_parse_cache_or_changed_code_sends_stats_back_to_a_full_open(
    disk_vault: Callable[[Pairs], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = disk_vault(PAIRS)
    first = stats(capsys, root)
    Vault.open(str(root))  # the window opens the vault and writes the parse cache
    wait_saved()
    opened = count_opens(monkeypatch)
    assert stats(capsys, root) == first
    assert len(opened) == 1
    notes_bin = vault_cache_dir(str(root)) / "notes.bin"
    os.utime(notes_bin, ns=(1, 10**18))  # as when the app saves it again
    assert stats(capsys, root) == first
    assert len(opened) == 2
    assert stats(capsys, root) == first
    assert len(opened) == 2
    real = stats_cache.code_stamp
    monkeypatch.setattr(stats_cache, "code_stamp", lambda: [*real(), ("parse.py", 1, 2)])
    assert stats(capsys, root) == first
    assert len(opened) == 3
    assert stats(capsys, root) == first
    assert len(opened) == 3


def test_stats_keeps_its_answer_and_leaves_the_parse_cache_as_it_found_it(
    disk_vault: Callable[[Pairs], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = disk_vault(PAIRS)
    cache_dir = vault_cache_dir(str(root))
    first = stats(capsys, root)
    assert (cache_dir / "stats.bin").exists()
    assert not (cache_dir / "notes.bin").exists()
    assert not (cache_dir / "perspectives.bin").exists()
    Vault.open(str(root))
    wait_saved()
    kept = (cache_dir / "notes.bin").read_bytes()
    (root / "c.md").write_text("[[a]]")  # the kept answer is stale; the parse cache is used
    parsed: list[str] = []
    real = load.parse_file

    def counting(root_: str, rel: str, options: ParseOptions) -> ParsedNote:
        parsed.append(rel)
        return real(root_, rel, options)

    monkeypatch.setattr(load, "parse_file", counting)
    after = stats(capsys, root)
    assert parsed == ["c.md"]  # the others came from the window's parse cache
    assert after["notes"] == first["notes"] + 1  # type: ignore[operator]
    assert (cache_dir / "notes.bin").read_bytes() == kept


def test_a_damaged_kept_answer_is_recomputed_silently(
    disk_vault: Callable[[Pairs], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = disk_vault(PAIRS)
    first = stats(capsys, root)
    (vault_cache_dir(str(root)) / "stats.bin").write_bytes(b"\x00garbage")
    assert main(["stats", str(root), "--json"]) == 0
    wait_saved()
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    del data["load_seconds"]
    assert data == first
