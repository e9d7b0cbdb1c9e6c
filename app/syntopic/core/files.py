"""Read a note from disk: bytes to text, with every failure reported."""

from __future__ import annotations

import os

from syntopic.core.model import Problem

MAX_NOTE_BYTES = 32 * 1024 * 1024  # larger files are listed but not parsed
_SNIFF = 8192


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """Decode note bytes: UTF-8 (with or without BOM), else a clear fallback."""
    if b"\x00" in data[:_SNIFF]:
        return None, Problem("binary", "binary file with a .md name; not parsed", 0)
    try:
        text = data.decode("utf-8-sig")
        problem = None
    except UnicodeDecodeError as exc:
        # cp1252 keeps Windows-written notes readable; undefined bytes become U+FFFD
        text = data.decode("cp1252", errors="replace")
        problem = Problem(
            "encoding", f"not valid UTF-8 (byte {exc.start}); read as Windows-1252", 0
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problem


def read_note(abs_path: str) -> tuple[str | None, Problem | None]:
    """Read and decode one note; never raises for an unreadable or odd file."""
    try:
        size = os.path.getsize(abs_path)
        if size > MAX_NOTE_BYTES:
            mb = size / 1024 / 1024
            return None, Problem("too-large", f"{mb:.0f} MB is over the parse limit", 0)
        with open(abs_path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return None, Problem("unreadable", f"cannot read: {exc.strerror or exc}", 0)
    return decode(data)
