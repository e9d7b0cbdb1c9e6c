"""Create a note from a template: the one place Syntopic writes into a vault."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from syntopic.core.scan import scan
from syntopic.paths import resource

# Windows forbids <>:"/\|?* and control characters; # ^ [ ] | break wiki-links.
_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]')
# Device names Windows reserves in any case and with any extension (CON.md too).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
MAX_CHARS = 120  # of the name before ".md"; Windows paths run out long before 255
MAX_BYTES = 240  # ext4 and most Linux file systems allow 255 bytes per name, ".md" included


class NoteExists(FileExistsError):
    """The name is taken: by the file itself, or by a note elsewhere that links would reach."""

    def __init__(self, message: str, existing: str, *, elsewhere: bool) -> None:
        super().__init__(message)
        self.existing = existing  # vault-relative path of the note that has the name
        self.elsewhere = elsewhere  # True: only allow_duplicate could still create it


def safe_file_name(title: str) -> str:
    """The file name (without ".md") for a note called ``title``, safe on every desktop OS.

    A trailing ".md" is dropped (the suffix is added once); characters that
    file systems or wiki-links reject become spaces; leading and trailing dots
    and spaces go (Windows drops trailing ones, a leading dot hides the file);
    reserved device names get an underscore; the length fits every file system.
    """
    name = unicodedata.normalize("NFC", title).strip()
    if name.lower().endswith(".md"):
        name = name[:-3]
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(". ")
    name = name[:MAX_CHARS]
    while len(name.encode("utf-8")) > MAX_BYTES:
        name = name[:-1]
    name = name.rstrip(". ")
    if not name:
        raise ValueError(f"'{title}' leaves no usable file name")
    stem, dot, rest = name.partition(".")
    if stem.rstrip(" ").lower() in _RESERVED:
        name = f"{stem}_{dot}{rest}"
    return name


def render_template(template: str, title: str) -> str:
    path = resource("templates", f"{template}.md")
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ValueError(f"no template '{template}' ({path})") from exc
    return text.replace("{title}", title)


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def notes_named(vault_root: str, name: str, known: Iterable[str] | None = None) -> list[str]:
    """Vault-relative paths of the notes whose file name is ``name`` (any case).

    ``known``: the vault's note paths when the caller has them (the app);
    otherwise the vault is walked.
    """
    wanted = _key(name)
    paths = scan(vault_root).notes if known is None else known
    return sorted(rel for rel in paths if _key(rel.rsplit("/", 1)[-1][:-3]) == wanted)


def _target_dir(root: Path, folder: str) -> Path:
    parts = [p for p in Path(folder).parts if p not in ("", ".")]
    if any(p.startswith(".") and p != ".." for p in parts):
        raise ValueError(f"folder '{folder}' is hidden: the vault would not show the note")
    target_dir = root.joinpath(*parts).resolve()
    if root != target_dir and root not in target_dir.parents:
        raise ValueError(f"folder '{folder}' is outside the vault")
    # a folder that exists is the user's choice; one we would make must be safe everywhere
    made = target_dir
    while made != root and not made.exists():
        try:
            safe = safe_file_name(made.name)
        except ValueError:
            safe = ""
        if safe != made.name:
            better = f" (say '{safe}')" if safe else ""
            raise ValueError(f"folder name '{made.name}' is not safe on every system{better}")
        made = made.parent
    return target_dir


def create_note(
    vault_root: str,
    title: str,
    template: str = "concept",
    folder: str = "",
    *,
    allow_duplicate: bool = False,
    known: Iterable[str] | None = None,
) -> Path:
    """Write a new note atomically and return its path; never replaces a file.

    A name that already names a note anywhere in the vault (case-insensitive)
    is refused: links to that name would start reaching the new note instead.
    ``allow_duplicate`` creates it anyway, only in another folder. ``known``:
    the vault's note paths, if the caller has them, to spare a walk.
    """
    root = Path(vault_root).resolve()
    target_dir = _target_dir(root, folder)
    name = safe_file_name(title)
    target = target_dir / f"{name}.md"
    here = target_dir.relative_to(root).as_posix()
    taken = notes_named(str(root), name, known)
    in_place = [p for p in taken if (p.rsplit("/", 1)[0] if "/" in p else ".") == here]
    if in_place or target.exists():
        shown = in_place[0] if in_place else target.relative_to(root).as_posix()
        raise NoteExists(f"a note already exists at {shown}", shown, elsewhere=False)
    if taken and not allow_duplicate:
        raise NoteExists(
            f"'{name}' already names a note: {taken[0]} (a second one would take its links)",
            taken[0],
            elsewhere=True,
        )
    text = render_template(template, title.strip().removesuffix(".md").strip() or name)
    target_dir.mkdir(parents=True, exist_ok=True)
    _write_new(target, text)
    return target


def _write_new(target: Path, text: str) -> None:
    """Whole or not at all, and never over a file that appeared meanwhile."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".syntopic-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            # link() fails if the name exists, so nothing is ever overwritten
            os.link(tmp, target)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            # no hard links here (FAT, exFAT, some shares): exclusive create instead
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(text)
    finally:
        os.unlink(tmp)
