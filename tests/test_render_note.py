"""Note pages: links resolve from the note they are in, embeds transclude the right part."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import Pairs
from syntopic.core.vault import Vault
from syntopic.render.note import NoteRenderer

PAIRS = [
    ("a/Source.md", "See [[Target#Two]] and ![[Target#Two]] and ![[Target#^key]] and [[Nope]]."),
    (
        "a/Target.md",
        "---\ntags: [x]\n---\n## One\nFirst part.\n\n## Two\nSecond part.\n\n"
        "Line before.\nThe key claim. ^key\n\nAfter.\n## Three\nRight under a heading. ^tight",
    ),
    ("b/Target.md", "A different note with the same name, further away."),
    ("pic.md", "![[img.png]] ![[missing.png]] <img src='https://example.com/x.png'>"),
]


def test_links_embeds_and_blocks(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault(PAIRS)
    vault = Vault.open(str(root))
    html = NoteRenderer(vault).page_html("a/Source.md")
    assert 'href="note:a/Target.md#Two"' in html  # same folder wins
    assert "Second part." in html and "First part." not in html  # only the section
    block = html.split('href="note:a/Target.md#%5Ekey"')[1].split("</table>")[0]
    block = re.sub(r"<[^>]+>", "", block)  # what a reader sees
    assert "The key claim." in block and "Line before." in block
    assert "After." not in block and "Second part." not in block and "^key" not in block
    tight = NoteRenderer(vault).embed_html("a/Target.md", "^tight", 1)
    assert "Right under a heading." in tight and "Three" not in tight.split("</p>", 1)[1]
    assert 'class="internal unresolved" href="ghost:Nope"' in html


def test_images_come_only_from_the_vault(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault(PAIRS)
    (root / "img.png").write_bytes(b"\x89PNG\r\n")
    vault = Vault.open(str(root))
    html = NoteRenderer(vault).page_html("pic.md")
    assert f'src="{(root / "img.png").as_uri()}"' in html
    assert "image not found: missing.png" in html


def test_unreadable_notes_say_why(disk_vault: Callable[[Pairs], Path]) -> None:
    root = disk_vault([("bin.md", "")])
    (root / "bin.md").write_bytes(b"\x00\x01")
    vault = Vault.open(str(root))
    assert "cannot show this file: binary file" in NoteRenderer(vault).page_html("bin.md")
