"""A vault's links resolved chunk by chunk while the rest of its notes are parsed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from syntopic.core.model import ParsedNote

if TYPE_CHECKING:
    from syntopic.core.vault import ResolvedLink, Vault

Edge = tuple[str, str, dict[str, Any]]


class Linker:
    """Resolves each note's links as soon as the note is parsed.

    The walk names every note, so a link that finds its note by file name or path
    has its final answer before the other notes are read; only an answer that
    rests on aliases (or on no note at all) waits until every note's aliases are
    in. Opening a vault this way, most of the linking is done while the parse
    is still going on the other cores, not after it.
    """

    def __init__(self, vault: Vault, paths: Iterable[str]) -> None:
        self.vault = vault
        for path in paths:
            vault.resolver.add_file(path)
        self.linked: dict[str, tuple[list[ResolvedLink], list[Edge]]] = {}
        self.attrs: dict[str, dict[str, Any]] = {}  # node attributes by path
        self.waiting: list[ParsedNote] = []  # a link whose answer may change

    def take(self, notes: Iterable[ParsedNote]) -> None:
        """Notes just parsed: their aliases in, their settled links resolved."""
        vault = self.vault
        add_aliases, settled = vault.resolver.add_aliases, vault.resolver.resolve_settled
        node_attrs, waiting = vault.node_attrs, self.waiting
        for note in notes:
            add_aliases(note)
            self.attrs[note.path] = node_attrs(note)
            answers = []
            for link in note.links:
                answer = settled(link, note.path)
                if answer is None:
                    waiting.append(note)
                    break
                answers.append(answer)
            else:
                self.linked[note.path] = vault.link_note(note, answers)

    def take_all(self, notes: Iterable[ParsedNote]) -> None:
        """Every note at once (nothing is being parsed): all aliases go in before
        any link is resolved, so no link is tried twice."""
        vault = self.vault
        listed = list(notes)
        for note in listed:
            vault.resolver.add_aliases(note)
            self.attrs[note.path] = vault.node_attrs(note)
        for note in listed:
            self.linked[note.path] = vault.link_now(note)

    def finish(self, notes: list[ParsedNote]) -> list[Edge]:
        """Every note's edges in the order of ``notes`` (all taken), the waiting
        ones resolved now; the vault's resolved links are set in that order too."""
        vault = self.vault
        for note in self.waiting:
            self.linked[note.path] = vault.link_now(note)
        edges: list[Edge] = []
        resolved = vault.resolved
        for note in notes:
            links, out = self.linked.pop(note.path)
            resolved[note.path] = links
            edges.extend(out)
        return edges
