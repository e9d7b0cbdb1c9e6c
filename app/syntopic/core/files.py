"""Read a note from disk: bytes to text, with every failure reported."""

from __future__ import annotations

import os

from syntopic.core.problem import Problem

MAX_NOTE_BYTES = 32 * 1024 * 1024  # larger files are listed but not parsed
_SNIFF = 8192


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """Decode note bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else a
    clear fallback."""
    wide = _wide_encoding(data)
    if wide is not None:
        # Windows editors save "Unicode" as UTF-16 with a BOM: full of zero bytes,
        # it is text all the same
        text = data.decode(wide, errors="replace")  # the codec drops the BOM
        problem = None
        if "\ufffd" in text:
            problem = Problem("encoding", f"damaged {wide.upper()}; bad bytes shown as \ufffd", 0)
        return _newlines(text), problem
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
    return _newlines(text), problem


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 a byte-order mark announces, if any."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return None


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


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
