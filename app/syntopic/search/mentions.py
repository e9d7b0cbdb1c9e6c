"""Unlinked mentions: notes that name a note by its title or an alias without linking to it."""

from __future__ import annotations

import re
from typing import NamedTuple

from syntopic.core.vault import Vault
from syntopic.search.bodies import read_body
from syntopic.search.index import SearchIndex
from syntopic.search.snippets import plain_text

CANDIDATES = 40  # ranked notes read per name: the mentions a reader can act on
CONTEXT = 90  # characters shown either side of the mention
_WORD = re.compile(r"\w+")


class Mention(NamedTuple):
    source: str  # the note that names the target without linking to it
    name: str  # the title or alias, as written there
    context: str  # the text around it


def _names(vault: Vault, path: str) -> list[str]:
    note = vault.notes[path]
    names = [n.strip() for n in (note.title, note.name, *note.aliases)]
    return [n for n in dict.fromkeys(names) if len(n) >= 3]


def _context(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    # whole words at both ends
    if lo > 0:
        lo = text.find(" ", lo, start) + 1 or lo
    if hi < len(text):
        cut = text.rfind(" ", end, hi)
        hi = cut if cut > 0 else hi
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def unlinked_mentions(index: SearchIndex, vault: Vault, path: str) -> list[Mention]:
    """Notes whose text names ``path``'s title or an alias (whole words, case aside)
    and that have no link to it; the index finds candidates, the text confirms them."""
    if path not in vault.notes:
        return []
    linked = {b.source for b in vault.backlinks(path)} | {path}
    found: dict[str, Mention] = {}
    for name in _names(vault, path):
        words = _WORD.findall(name)
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.I)
        result = index.search(" ".join(words), limit=CANDIDATES, snippets=0)
        for hit in result.hits:
            source = hit.path
            if source in linked or source in found or source not in vault.notes:
                continue
            text = plain_text(read_body(vault.root, source, vault.notes[source].body_start))
            m = pattern.search(text)
            if m is not None:
                found[source] = Mention(source, m.group(), _context(text, m.start(), m.end()))
    return sorted(found.values(), key=lambda m: vault.notes[m.source].title.lower())
