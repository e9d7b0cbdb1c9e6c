"""What a window shows first of a vault: counts, a note to start on, notes by type and folder.

The start note and the groups walk every note or link (a quarter of a second
apiece at 100,000 notes), so the window has them computed in a worker and only
shows them; the counts are kept by the vault as it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from syntopic.core.catalog import note_type
from syntopic.core.model import ParsedNote
from syntopic.core.vault import Vault

START_NAMES = ("README.md", "Start Here.md", "index.md")
TOP_LEVEL = "(top level)"

Entry = tuple[str, str]  # a note's title and path
Shape = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """How big a vault is, for the status bar."""

    notes: int
    books: int
    links: int
    unwritten: int  # link targets with no note (ghosts)

    def text(self) -> str:
        return (
            f"{self.notes} notes · {self.books} books · {self.links} links"
            f" · {self.unwritten} unwritten"
        )


@dataclass(frozen=True, slots=True)
class TypeGroup:
    """The notes of one type ("Concepts"), folder by folder, each folder's sorted by title."""

    label: str
    folders: list[tuple[str, list[Entry]]]

    @property
    def count(self) -> int:
        return sum(len(entries) for _, entries in self.folders)


@dataclass(frozen=True, slots=True)
class Overview:
    counts: Counts
    start: str | None
    groups: list[TypeGroup]
    shapes: dict[str, Shape]


def counts(vault: Vault) -> Counts:
    graph = vault.graph
    return Counts(
        notes=len(vault.notes),
        books=len(vault.books),
        links=vault.link_count,
        unwritten=graph.number_of_nodes() - len(vault.notes),  # a node is a note or a ghost
    )


def start_note(vault: Vault) -> str | None:
    """A note named as a start page, else the most linked-to note."""
    for name in START_NAMES:
        if name in vault.notes:
            return name
    hubs = vault.hubs(1)
    return hubs[0][0] if hubs else None


def type_label(note_type: str | None) -> str:
    """The group a note of this type is listed under: "Concepts", "Notes"."""
    return (note_type or "note").capitalize() + "s"


def folder_label(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else TOP_LEVEL


def title_key(title: str) -> str:
    return title.lower()


def shape(note: ParsedNote) -> Shape:
    """What the navigator shows of a note: a change in it means its trees change."""
    return (note.title, note_type(note), note.tags, note.properties.get("author"))


def declares_types(vault: Vault) -> bool:
    """Whether any note says what it is (`type:`): only then do notes group by type."""
    return any(note.type for note in vault.notes.values())


def note_groups(vault: Vault, containing: str = "", typed: bool = True) -> list[TypeGroup]:
    """Every note (books too) by type, "Notes" last, then by folder; with ``containing``,
    only notes whose title or folder holds that text (any case). The types are the
    graph's (`note_type`), so each group's count is the legend's count of that kind.
    Not ``typed``, every note is in the one group "Notes"."""
    by_type: dict[str, dict[str, list[Entry]]] = {}
    needle = containing.casefold()
    for path, note in vault.notes.items():
        if needle and needle not in note.title.casefold() and needle not in note.folder.casefold():
            continue
        label = type_label(note_type(note) if typed else None)
        folders = by_type.setdefault(label, {})
        folders.setdefault(folder_label(path), []).append((note.title, path))
    groups = []
    for label in sorted(by_type, key=lambda k: (k == "Notes", k)):
        folders = by_type[label]
        groups.append(
            TypeGroup(
                label,
                [(f, sorted(folders[f], key=lambda e: title_key(e[0]))) for f in sorted(folders)],
            )
        )
    return groups


def book_rows(vault: Vault) -> list[Entry]:
    """Books by title: "Title — Author  (notes joined to it)" and the book's path."""
    graph = vault.graph
    books = [(vault.notes[p], p) for p, kind in graph.nodes(data="kind") if kind == "book"]
    rows = []
    for note, path in sorted(books, key=lambda b: title_key(b[0].title)):
        author = note.properties.get("author")
        authors = ", ".join(author) if isinstance(author, list) else str(author or "")
        label = f"{note.title} — {authors}" if authors else note.title
        count = len(set(graph.predecessors(path)) | set(graph.successors(path)))
        rows.append((f"{label}  ({count})", path))
    return rows


@dataclass(frozen=True, slots=True)
class TagNode:
    """One tag of the nested tag tree; parents come before their children."""

    tag: str  # the whole tag, "principle/core"
    count: int  # notes with this tag or one below it
    entries: list[Entry]  # notes with exactly this tag, by title

    @property
    def name(self) -> str:
        return self.tag.rsplit("/", 1)[-1]

    @property
    def parent(self) -> str | None:
        return self.tag.rsplit("/", 1)[0] if "/" in self.tag else None


def tag_tree(vault: Vault) -> list[TagNode]:
    """Nested tags as Obsidian nests them; a parent counts the notes of all its children."""
    under: dict[str, set[str]] = {}
    exact: dict[str, list[Entry]] = {}
    for path, note in vault.notes.items():
        for tag in note.tags:
            exact.setdefault(tag, []).append((note.title, path))
            parts = tag.split("/")
            for i in range(1, len(parts) + 1):
                under.setdefault("/".join(parts[:i]), set()).add(path)
    return [
        TagNode(tag, len(under[tag]), sorted(exact.get(tag, []), key=lambda e: title_key(e[0])))
        for tag in sorted(under)
    ]


def overview(vault: Vault) -> Overview:
    return Overview(
        counts=counts(vault),
        start=start_note(vault),
        groups=note_groups(vault, typed=declares_types(vault)),
        shapes={path: shape(note) for path, note in vault.notes.items()},
    )
