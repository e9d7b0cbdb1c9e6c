"""Read a note from disk: bytes to text, with every failure reported."""

from __future__ import annotations

import codecs
import os

from syntopic.core.problem import Problem

MAX_NOTE_BYTES = 32 * 1024 * 1024  # larger files are listed but not parsed
_SNIFF = 8192


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """Decode note bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16
    without one, else a clear fallback."""
    wide = _wide_encoding(data)
    if wide is None and data.find(b"\x00", 0, _SNIFF) >= 0:
        wide = _bomless_utf16(data)
        if wide is None:
            return None, Problem("binary", "binary file with a .md name; not parsed", 0)
    if wide is not None:
        # Windows editors save "Unicode" as UTF-16 (with a BOM, or without one when
        # a script wrote it): full of zero bytes, it is text all the same
        text = data.decode(wide, errors="replace")  # the codec drops the BOM
        problem = None
        if "\ufffd" in text:
            problem = Problem("encoding", f"damaged {wide.upper()}; bad bytes shown as \ufffd", 0)
        return _newlines(text), problem
    try:
        # "utf-8-sig" by hand: that codec is written in Python, three times slower;
        # without the BOM, byte offsets in errors count as that codec counts them
        if data[:3] == codecs.BOM_UTF8:
            text = str(memoryview(data)[3:], "utf-8")
        else:
            text = data.decode("utf-8")
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


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark, told from binary by its zero bytes.

    Text in UTF-16 has a zero byte in the high half of every ASCII character
    (spaces, newlines, Markdown marks), so its zeros sit at alternate offsets
    only; a binary's zeros fall on both. The decoded sample must also be
    printable text, which an array of small integers is not.
    """
    size = min(len(data), _SNIFF) // 2 * 2
    sample = data[:size]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # text has zeros on the other side only for U+0000 and letters such as U+0100
    zeros, pairs = max(even, odd), size // 2
    if min(even, odd) * 50 > zeros:
        return None
    # every line ends in a newline, so text in any script has a zero every few dozen
    # characters; random bytes have one in 256
    if zeros < max(2, pairs // 64):
        return None
    if zeros * 32 < pairs and _utf8_with_stray_zeros(sample):
        return None  # a few zeros in UTF-8 text: read as UTF-16 it would be nonsense
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    chars = sample.decode(encoding, errors="replace")
    if chars.endswith("\ufffd"):  # the sample may end inside a surrogate pair
        chars = chars[:-1]
    printable = sum(1 for c in chars if c.isprintable() or c in "\t\n\r")
    return encoding if chars and printable >= 0.95 * len(chars) else None


def _utf8_with_stray_zeros(sample: bytes) -> bool:
    try:
        # not final: the sample may end inside a character
        codecs.utf_8_decode(sample.replace(b"\x00", b""), "strict", False)
    except UnicodeDecodeError:
        return False
    return True


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_note(abs_path: str) -> tuple[str | None, Problem | None]:
    """Read and decode one note; never raises for an unreadable or odd file."""
    # the descriptor's own calls: a path looked up once, no buffered file object
    # (together 40% of reading a vault of small notes)
    try:
        fd = os.open(abs_path, _READ)
    except OSError as exc:
        return _unopened(abs_path, exc)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_NOTE_BYTES:
            return None, _too_large(size)
        data = os.read(fd, size + 1)  # one more byte: a file that grew reads on
        if data:
            more = os.read(fd, _CHUNK)
            if more:
                parts = [data, more]
                while more := os.read(fd, _CHUNK):
                    parts.append(more)
                data = b"".join(parts)
    except OSError as exc:
        return None, _unreadable(exc)
    finally:
        os.close(fd)
    return decode(data)


_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # Windows reads text mode without it
_CHUNK = 1 << 16


def _unopened(abs_path: str, exc: OSError) -> tuple[None, Problem]:
    """Why a note that would not open was not read: too large comes first, as a
    file's size can be known without the right to read it."""
    try:
        size = os.path.getsize(abs_path)
    except OSError as stat_exc:
        return None, _unreadable(stat_exc)
    return None, (_too_large(size) if size > MAX_NOTE_BYTES else _unreadable(exc))


def _too_large(size: int) -> Problem:
    mb = size / 1024 / 1024
    return Problem("too-large", f"{mb:.0f} MB is over the parse limit", 0)


def _unreadable(exc: OSError) -> Problem:
    return Problem("unreadable", f"cannot read: {exc.strerror or exc}", 0)
