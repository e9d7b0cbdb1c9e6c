"""Which vault a note file belongs to: the nearest folder upward holding `.obsidian/`."""

from __future__ import annotations

import os
from pathlib import Path

VAULT_MARKER = ".obsidian"


def vault_root(folder: Path) -> Path | None:
    """The nearest of ``folder`` and its parents that holds `.obsidian/`, if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / VAULT_MARKER).is_dir():
            return candidate
    return None


def locate_note(note: str | os.PathLike[str]) -> tuple[Path, str]:
    """(vault folder, the note's vault-relative POSIX path) for the note file ``note``.

    The vault is the nearest folder upward holding `.obsidian/` (as Obsidian
    marks its vaults), else the note's own folder. Raises ValueError when
    ``note`` is not a Markdown file, or sits where the vault would not show it.
    """
    path = Path(os.path.abspath(note))
    if not path.is_file():
        raise ValueError(f"no such note file: {note}")
    if path.suffix.lower() != ".md":
        raise ValueError(f"not a note: {note} (give a vault folder or a .md file)")
    root = vault_root(path.parent) or path.parent
    rel = path.relative_to(root).as_posix()
    if any(part.startswith(".") for part in rel.split("/")):
        raise ValueError(f"{note} is in a hidden folder of {root}; the vault does not show it")
    return root, rel
