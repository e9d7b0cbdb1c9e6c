"""Links back into Obsidian: its `obsidian://open` URL for a note of a vault it knows."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from syntopic.core.locate import vault_root


def obsidian_vault(root: str | os.PathLike[str]) -> Path | None:
    """The Obsidian vault ``root`` is or lies in: the nearest folder upward with `.obsidian/`."""
    return vault_root(Path(os.path.abspath(root)))


def open_url(root: str | os.PathLike[str], note: str) -> str | None:
    """`obsidian://open?vault=…&file=…` for the note at vault path ``note``, or None when
    Obsidian does not know the vault (no `.obsidian/` at or above ``root``).

    Obsidian names a vault by its folder's name and a note by its path from there without
    `.md`; each value is percent-encoded whole (a `/`, `&`, `#` or space in a name as well).
    """
    vault = obsidian_vault(root)
    if vault is None:
        return None
    path = (Path(os.path.abspath(root)) / note).relative_to(vault).as_posix()
    if path.lower().endswith(".md"):
        path = path[:-3]
    return f"obsidian://open?vault={quote(vault.name, safe='')}&file={quote(path, safe='')}"
