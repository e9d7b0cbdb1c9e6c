"""Create a note from a template: the one place Syntopic writes into a vault."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from syntopic.paths import resource

_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f]')


def safe_file_name(title: str) -> str:
    """A file name from a title: characters links or file systems reject go."""
    name = " ".join(_UNSAFE.sub(" ", title).split()).strip(". ")
    if not name:
        raise ValueError(f"'{title}' leaves no usable file name")
    return name[:120]


def render_template(template: str, title: str) -> str:
    path = resource("templates", f"{template}.md")
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ValueError(f"no template '{template}' ({path})") from exc
    return text.replace("{title}", title)


def create_note(vault_root: str, title: str, template: str = "concept", folder: str = "") -> Path:
    """Write a new note atomically; never replaces an existing file."""
    root = Path(vault_root).resolve()
    target_dir = (root / folder).resolve()
    if root != target_dir and root not in target_dir.parents:
        raise ValueError(f"folder '{folder}' is outside the vault")
    target = target_dir / f"{safe_file_name(title)}.md"
    if target.exists():
        raise FileExistsError(f"a note already exists at {target}")
    text = render_template(template, title)
    target_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=".syntopic-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # link() fails if the name appeared meanwhile, so nothing is ever overwritten
        os.link(tmp, target)
    finally:
        os.unlink(tmp)
    return target
