"""`--json` output reaches stdout in one write, whole, in any locale."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from clikit import vault_fixture
from syntopic.cli import main
from syntopic.commands.common import print_json

PAIRS = [
    ("Café.md", "[[Naïve]] and [[Ghost]]\n"),
    ("Naïve.md", "[[Café]]\n"),
]

vault = vault_fixture(PAIRS)


class CountingRaw(io.RawIOBase):
    """The bytes under stdout, counting each write (each is a system call on a real fd)."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, b: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.writes.append(bytes(b))
        return len(b)


def unbuffered_stdout(monkeypatch: pytest.MonkeyPatch, encoding: str = "utf-8") -> CountingRaw:
    """Stdout as `python -u` has it: every text write goes straight down."""
    raw = CountingRaw()
    stream = io.TextIOWrapper(
        io.BufferedWriter(raw, buffer_size=1), encoding=encoding, write_through=True
    )
    monkeypatch.setattr(sys, "stdout", stream)
    return raw


@pytest.mark.parametrize("argv", [["graph", "--json"], ["stats", "--json"], ["check", "--json"]])
def test_json_is_one_write(vault: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    raw = unbuffered_stdout(monkeypatch)
    assert main([argv[0], str(vault), *argv[1:]]) == 0
    assert len(raw.writes) == 1
    data = json.loads(raw.writes[0].decode("utf-8"))
    assert data


def test_text_printed_before_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = unbuffered_stdout(monkeypatch)
    print("before")
    print_json({"name": "Café"})
    out = b"".join(raw.writes).decode("utf-8")
    assert out.startswith("before\n") and json.loads(out.split("\n", 1)[1]) == {"name": "Café"}


def test_a_c_locale_gets_escapes_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = unbuffered_stdout(monkeypatch, encoding="ascii")
    print_json({"title": "Naïve ☕"})
    text = b"".join(raw.writes).decode("ascii")
    assert json.loads(text) == {"title": "Naïve ☕"}


def test_a_stdout_without_bytes_underneath(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    print_json(["Café"])
    assert json.loads(out.getvalue()) == ["Café"]


@pytest.mark.parametrize(
    "data",
    [
        {"nodes": [{"id": i, "t": "é"} for i in range(2500)], "links": [], "n": 1, "g": {}},
        {"links": list(range(1000))},  # exactly one batch
        {"a": list(range(1001)), "b": [[1, 2]] * 3001},
        [1, {"x": "y"}],
        {},
        "text",
    ],
)
def test_compact_output_is_what_json_makes_whatever_the_batches(
    monkeypatch: pytest.MonkeyPatch, data: object
) -> None:
    raw = unbuffered_stdout(monkeypatch)
    print_json(data, compact=True)
    assert len(raw.writes) == 1
    assert raw.writes[0].decode("utf-8") == json.dumps(data, ensure_ascii=False) + "\n"
