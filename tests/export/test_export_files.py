"""Safe file names from note titles, and atomic writes that a cancel leaves no trace of."""

from __future__ import annotations

from pathlib import Path

import pytest

from syntopic.export.files import Cancelled, atomic_output, safe_filename, step


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Reciprocity", "Reciprocity.pdf"),
        ("What/Why: a <test>?", "What Why a test.pdf"),
        ("  ..dots..  ", "dots.pdf"),
        ("CON", "_CON.pdf"),
        ("", "export.pdf"),
        ("tab\tand\nnewline", "tab and newline.pdf"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, ".pdf") == expected


def test_safe_filename_is_bounded() -> None:
    assert len(safe_filename("x" * 500, ".md")) <= 123


def test_atomic_output_moves_into_place_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    with atomic_output(out) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".txt"
        tmp.write_text("one")
    assert out.read_text() == "one"
    with pytest.raises(FileExistsError), atomic_output(out):
        pass
    with atomic_output(out, overwrite=True) as tmp:
        tmp.write_text("two")
    assert out.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_cancelled_write_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "b.txt"
    with pytest.raises(Cancelled), atomic_output(out) as tmp:
        tmp.write_text("half")
        step(lambda done, total, what: False, 1, 2, "working")
    assert list(tmp_path.iterdir()) == []
