"""Writing export files: safe names, atomic replacement, progress and cancelling."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Progress = Callable[[int, int, str], bool]
"""(done, total, what) -> False to cancel. ``total`` 0 means "unknown"."""


class Cancelled(Exception):
    """The user cancelled an export; nothing was written."""


class ExportError(Exception):
    """An export that cannot be made (bad options, nothing to export)."""


def step(progress: Progress | None, done: int, total: int, what: str) -> None:
    """Report progress; raise Cancelled if the listener says stop."""
    if progress is not None and progress(done, total, what) is False:
        raise Cancelled(what)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
MAX_NAME = 120


def safe_filename(title: str, suffix: str = "", fallback: str = "export") -> str:
    """A file name made from a note title that every common file system accepts.

    Path separators, characters Windows forbids and control characters become
    spaces; leading/trailing dots and spaces go; reserved device names (CON,
    NUL, ...) get an underscore; the result is at most MAX_NAME characters
    before ``suffix`` (e.g. ".pdf").
    """
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > MAX_NAME:
        name = name[:MAX_NAME].rstrip(" .")
    if not name:
        name = fallback
    if name.split(".", 1)[0].lower() in _RESERVED:
        name = "_" + name
    return name + suffix


def check_destination(path: Path, overwrite: bool) -> None:
    """Raise FileExistsError (or NotADirectoryError) before any work is done."""
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder")
    if not path.parent.is_dir():
        raise NotADirectoryError(f"no such folder: {path.parent}")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")


@contextmanager
def atomic_output(path: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place on success.

    On any exception (a cancel included) the temporary file is removed and
    ``path`` is left as it was. The temporary name keeps the suffix, for
    writers that choose their format by it.
    """
    check_destination(path, overwrite)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem[:40]}.", suffix=path.suffix, dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes it private; the export is not
    try:
        yield tmp
        if not overwrite and path.exists():
            raise FileExistsError(f"{path} already exists")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
