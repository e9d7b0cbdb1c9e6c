"""Reading a note from disk: all its bytes, UTF-8 with or without a BOM, each failure named."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from syntopic.core import files
from syntopic.core.files import decode, read_note


def test_a_note_is_read_whole_and_its_newlines_normalised(tmp_path: Path) -> None:
    body = "Line one.\r\n" + "é [[Link]] " * 20_000 + "\r\nlast\rline"  # > 64 KB
    (tmp_path / "a.md").write_bytes(body.encode())
    text, problem = read_note(str(tmp_path / "a.md"))
    assert problem is None
    assert text == body.replace("\r\n", "\n").replace("\r", "\n")


def test_an_empty_note_is_empty_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"")
    assert read_note(str(tmp_path / "a.md")) == ("", None)


def test_a_missing_note_and_a_folder_named_like_one_are_unreadable(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    for name, reason in (("gone.md", "No such file"), ("folder.md", "Is a directory")):
        text, problem = read_note(str(tmp_path / name))
        assert text is None and problem is not None
        assert problem.kind == "unreadable" and reason in problem.message


def test_a_note_over_the_limit_is_named_with_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_NOTE_BYTES", 1024 * 1024)
    (tmp_path / "big.md").write_bytes(b"x" * (3 * 1024 * 1024))
    text, problem = read_note(str(tmp_path / "big.md"))
    assert text is None and problem is not None
    assert problem.kind == "too-large" and problem.message.startswith("3 MB")


def test_utf8_reads_as_the_utf_8_sig_codec_reads_it() -> None:
    """The BOM is dropped, and a bad byte is reported at the offset that codec gives."""
    rng = random.Random(4)
    pieces = [b"\xef\xbb\xbf", b"\xef\xbb", b"a", b"\n", "é".encode(), b"\xc3", b"\x80", b"\xff"]
    for _ in range(5_000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randrange(0, 10)))
        try:
            expected: tuple[str, str | None] = (data.decode("utf-8-sig"), None)
        except UnicodeDecodeError as exc:
            message = f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"
            expected = (data.decode("cp1252", errors="replace"), message)
        if b"\r" in data or b"\x00" in data:
            continue
        text, problem = decode(data)
        assert (text, problem and problem.message) == expected, data
