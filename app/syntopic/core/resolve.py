"""Link resolution with Obsidian's rules: names, paths, folders, aliases, headings."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple, overload

from syntopic.core.model import Heading, Link, ParsedNote

_NOTE_SUFFIX = ".md"
GHOST_PREFIX = "ghost:"  # graph node ids of link targets no note matches
# The file types Obsidian opens itself ("Accepted file formats" in its help): only
# these make a link an attachment link; [[Version 1.5]] and [[mailbox.org]] name notes.
ATTACHMENT_SUFFIXES = frozenset(
    (
        ".avif", ".bmp", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp",  # images
        ".flac", ".m4a", ".mp3", ".ogg", ".wav", ".webm", ".3gp",  # audio
        ".mkv", ".mov", ".mp4", ".ogv",  # video
        ".pdf", ".canvas", ".base",
    )
)  # fmt: skip
# Characters Obsidian drops when it turns a heading into link text (they cannot
# stand in a link), so `## Step 1: Install` is reached by [[#Step 1 Install]].
_HEADING_DROPPED = re.compile(r"[!\"#$%&()*+,.:;<=>?@^`{|}~/\[\]\\]")


class Resolution(NamedTuple):
    """Where a link lands. ``path`` is None for an unresolved (ghost) target."""

    path: str | None
    attachment: bool = False
    candidates: tuple[str, ...] = ()  # every match when the name was ambiguous
    via_alias: bool = False


@lru_cache(maxsize=1 << 16)
def link_key(target: str) -> str:
    """The name a link depends on: its last path part, lower-case, no .md."""
    name = target.rstrip("/").rsplit("/", 1)[-1].lower()
    return name[: -len(_NOTE_SUFFIX)] if name.endswith(_NOTE_SUFFIX) else name


def ghost_id(target: str) -> str:
    """The graph node of an unresolved target: one per name, however it is spelt."""
    return GHOST_PREFIX + link_key(target)


def note_keys(note: ParsedNote) -> set[str]:
    """Every key under which links can find this note (name and aliases)."""
    return {note.name.lower(), *(a.lower() for a in note.aliases)}


def is_attachment_name(target: str) -> bool:
    """Whether a link target names a file Obsidian opens other than a note."""
    base = target.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return dot > 0 and base[dot:].lower() in ATTACHMENT_SUFFIXES


def _rank(paths: list[str], folder: str) -> list[str]:
    """Obsidian's order for one name in several places.

    A file at the vault root under exactly that name first (the link is its vault
    path), then one in the linking note's own folder, then the shortest path
    string: ``a/b/Note.md`` before ``zzzz/Note.md``, not the fewest folders.
    """
    return sorted(paths, key=lambda p: ("/" in p, posixpath.dirname(p) != folder, len(p), p))


class Resolver:
    """Name, path and alias indexes over the notes, updated note by note."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[str]] = {}
        self.by_path: dict[str, str] = {}
        self.by_alias: dict[str, list[str]] = {}
        self.attachments: dict[str, list[str]] = {}
        self.attachment_paths: set[str] = set()
        # bare, unambiguous names resolve the same from every note: share the answer
        self._plain: dict[str, Resolution] = {}

    def add(self, note: ParsedNote) -> None:
        self.add_file(note.path)
        self.add_aliases(note)

    def add_file(self, path: str) -> None:
        """A note's name and path: all a link needs unless it names an alias."""
        self._plain.clear()
        name = path.rsplit("/", 1)[-1]
        self.by_name.setdefault(name[:-3].lower(), []).append(path)
        self.by_path[path.lower()[: -len(_NOTE_SUFFIX)]] = path

    def add_aliases(self, note: ParsedNote) -> None:
        """A note's aliases (after `add_file`). What `_plain` holds was found by
        file name or path, which no alias overrides: it stays."""
        for alias in {a.lower() for a in note.aliases}:
            self.by_alias.setdefault(alias, []).append(note.path)

    def remove(self, note: ParsedNote) -> None:
        self._plain.clear()
        _discard(self.by_name, note.name.lower(), note.path)
        self.by_path.pop(note.path.lower()[: -len(_NOTE_SUFFIX)], None)
        for alias in {a.lower() for a in note.aliases}:
            _discard(self.by_alias, alias, note.path)

    def set_attachments(self, paths: set[str]) -> None:
        self.attachment_paths = {p.lower() for p in paths}
        self.attachments = {}
        for path in paths:
            self.attachments.setdefault(path.rsplit("/", 1)[-1].lower(), []).append(path)

    def resolve(self, link: Link, source: str) -> Resolution:
        """Resolve one link written in note ``source``."""
        if not link.markdown:
            # most links repeat a target already answered: no call for those
            hit = self._plain.get(link.target) or self._plain_hit(link.target)
            if hit is not None:
                return hit
        return self._resolve_slow(link, source)

    def resolve_settled(self, link: Link, source: str) -> Resolution | None:
        """`resolve`'s answer where no alias can change it (every note's file added,
        not every note's aliases yet): None where the answer would rest on them."""
        if not link.markdown:
            hit = self._plain.get(link.target) or self._plain_hit(link.target)
            if hit is not None:
                return hit
        return self._resolve_slow(link, source, settled=True)

    def _plain_hit(self, target: str) -> Resolution | None:
        """The answer for a bare wiki-link target that names one note's file or
        full path, the same from every note (kept in `_plain`)."""
        lowered = target.lower()
        if "\\" not in lowered and "." not in lowered:
            if "/" not in lowered:
                names = self.by_name.get(lowered)
                if names is not None and len(names) == 1:
                    hit = self._plain[target] = Resolution(names[0])
                    return hit
            elif target == target.strip():
                # a wiki link by its full path ([[Folder/Note]]) finds that note
                # from every folder: the hub's index notes are thousands of these
                found = self.by_path.get(posixpath.normpath(lowered.lstrip("/")))
                if found is not None:
                    hit = self._plain[target] = Resolution(found)
                    return hit
        return None

    @overload
    def _resolve_slow(self, link: Link, source: str) -> Resolution: ...
    @overload
    def _resolve_slow(self, link: Link, source: str, settled: bool) -> Resolution | None: ...

    def _resolve_slow(self, link: Link, source: str, settled: bool = False) -> Resolution | None:
        target = link.target.strip().replace("\\", "/")
        if not target:
            return Resolution(source)
        folder = posixpath.dirname(source)
        if is_attachment_name(target):
            return self._attachment(target, folder)
        lowered = target.lower()
        if lowered.endswith(_NOTE_SUFFIX):
            lowered = lowered[: -len(_NOTE_SUFFIX)]
        if "/" in lowered:
            return Resolution(self._by_path(lowered, folder, link.markdown))
        if link.markdown and folder:
            # a relative Markdown link names a file beside the note first
            beside = self.by_path.get(f"{folder.lower()}/{lowered}")
            if beside:
                return Resolution(beside)
        names = self.by_name.get(lowered)
        if names:
            ranked = _rank(names, folder) if len(names) > 1 else names
            return Resolution(ranked[0], candidates=tuple(ranked) if len(names) > 1 else ())
        if settled:
            return None  # an alias may yet claim the name
        aliased = self.by_alias.get(lowered)
        if aliased:
            ranked = _rank(aliased, folder) if len(aliased) > 1 else aliased
            cands = tuple(ranked) if len(aliased) > 1 else ()
            return Resolution(ranked[0], candidates=cands, via_alias=True)
        if "." in lowered:
            # a file of another type, linked by its full name ([[data.csv]])
            other = self._attachment(target, folder)
            if other.path is not None:
                return other
        return Resolution(None)

    def _by_path(self, lowered: str, folder: str, markdown: bool) -> str | None:
        relative = posixpath.normpath(posixpath.join(folder.lower(), lowered))
        absolute = posixpath.normpath(lowered.lstrip("/"))
        order = (relative, absolute) if markdown else (absolute, relative)
        for key in order:
            hit = self.by_path.get(key)
            if hit:
                return hit
        # Obsidian also accepts the tail of a path: [[sub/Note]] for a/sub/Note.md
        tail = "/" + absolute
        suffixed = [
            p for p in self.by_name.get(link_key(lowered), []) if p.lower()[:-3].endswith(tail)
        ]
        return _rank(suffixed, folder)[0] if suffixed else None

    def _attachment(self, target: str, folder: str) -> Resolution:
        lowered = target.lower().lstrip("/")
        for key in (posixpath.normpath(posixpath.join(folder.lower(), lowered)), lowered):
            if key in self.attachment_paths:
                return Resolution(key, attachment=True)
        named = self.attachments.get(lowered.rsplit("/", 1)[-1])
        if named:
            return Resolution(_rank(named, folder)[0], attachment=True)
        return Resolution(None, attachment=True)


def _discard(index: dict[str, list[str]], key: str, path: str) -> None:
    paths = index.get(key)
    if paths and path in paths:
        paths.remove(path)
        if not paths:
            del index[key]


def heading_key(text: str) -> str:
    """Headings match as Obsidian matches them: case, spacing and dropped punctuation aside."""
    return " ".join(_HEADING_DROPPED.sub(" ", text).split()).casefold()


def heading_chain(fragment: str) -> list[str]:
    """The parts of ``Top#Sub``: each names a heading under the one before."""
    return [part.strip() for part in fragment.split("#") if part.strip()]


def find_heading(headings: Sequence[Heading], fragment: str) -> Heading | None:
    """The heading a link's ``#fragment`` reaches, following a ``Top#Sub`` chain.

    Each later part must sit inside the section of the part before it (deeper
    level, before a heading of the same or a higher level ends that section).
    """
    wanted = [heading_key(part) for part in heading_chain(fragment)]
    if not wanted:
        return None
    keys = [heading_key(h.text) for h in headings]

    def match(part: int, start: int, stop: int, above: int) -> Heading | None:
        for i in range(start, stop):
            level = headings[i].level
            if level <= above:
                return None  # the enclosing section ended
            if keys[i] != wanted[part]:
                continue
            if part == len(wanted) - 1:
                return headings[i]
            end = next((j for j in range(i + 1, stop) if headings[j].level <= level), stop)
            found = match(part + 1, i + 1, end, level)
            if found is not None:
                return found
        return None

    return match(0, 0, len(headings), 0)


def link_text(target: str, fragment: str | None) -> str:
    """What a link without display text shows: ``B › Top › Sub`` for ``[[B#Top#Sub]]``."""
    parts = [target] if target else []
    if fragment:
        parts += [part.lstrip("^") for part in heading_chain(fragment)]
    return " › ".join(parts)
