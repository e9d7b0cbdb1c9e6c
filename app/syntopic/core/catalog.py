"""The book catalog: book notes, their titles, aliases and authors."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from syntopic.core.frontmatter import string_list
from syntopic.core.model import ParsedNote
from syntopic.core.prose import prose_links
from syntopic.core.resolve import link_key


def is_book(note: ParsedNote) -> bool:
    """A book is `type: book`, or any note inside a folder named Books."""
    if note.type == "book":
        return True
    # asked three times a note while a vault opens: one search, not a split and a loop
    return "/books/" in "/" + note.path.rpartition("/")[0].lower() + "/"


def note_type(note: ParsedNote) -> str:
    """What a note is, wherever kinds show (graph, legend, navigator, stats): its
    declared `type:`, a book, "concept" when it has a perspectives section, else "note"."""
    if note.type:
        return note.type.lower()
    if is_book(note):
        return "book"
    return "concept" if note.perspectives or note.tensions else "note"


# -- the catalog ------------------------------------------------------------------
_WIKI_TEXT = re.compile(r"\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|&|\band\b)\s*")
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d."}
_PARTICLES = {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van", "von", "ten", "ter"}


def _authors(value: Any) -> tuple[str, ...]:
    """`author`/`authors` front matter: a string or list, wiki links allowed."""
    out: list[str] = []
    for item in string_list(value):
        text = _WIKI_TEXT.sub(lambda m: m.group(2) or m.group(1).rsplit("/", 1)[-1], item)
        for part in _AUTHOR_SPLIT.split(text):
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            # "Chip Heath, Dan Heath" lists two people; "Cialdini, Robert" is one
            if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
                out.extend(pieces)
            elif pieces:
                out.append(", ".join(pieces))
    return tuple(dict.fromkeys(a for a in out if a))


def _year(value: Any) -> int | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else text or None


def name_variants(full: str) -> list[str]:
    """How prose names a person: full name, first and last, surname."""
    words = full.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    if not words:
        return []
    variants = [full.strip(), " ".join(words)]
    if len(words) >= 2:
        variants.append(f"{words[0]} {words[-1]}")
        first = len(words) - 1
        while first > 1 and words[first - 1].lower() in _PARTICLES:
            first -= 1
        variants.append(" ".join(words[first:]))  # "von Mises" as well as "Mises"
        variants.append(words[-1])
    return [v for v in dict.fromkeys(variants) if len(v) >= 2]


@dataclass(frozen=True, slots=True)
class Book:
    """One book of the vault, from its note's front matter."""

    path: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | str | None = None
    aliases: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.path)  # cheap: books are dict keys on every block

    @property
    def author(self) -> str | None:
        """The authors as one line, or None."""
        return ", ".join(self.authors) or None

    @property
    def name(self) -> str:
        base = self.path.rsplit("/", 1)[-1]
        return base[:-3] if base.lower().endswith(".md") else base

    def names(self) -> list[str]:
        """Every way prose can name this book: title, file name, aliases, short titles."""
        names = [self.title, self.name, *self.aliases]
        # "Influence: The Psychology of Persuasion" is mostly written "Influence"
        names += [n.split(":", 1)[0].strip() for n in names if ":" in n]
        return [n for n in dict.fromkeys(names) if len(n) >= 2]

    @classmethod
    def from_note(cls, note: ParsedNote) -> Book:
        props = note.properties
        return cls(
            path=note.path,
            title=note.title,
            authors=_authors(props.get("author", props.get("authors"))),
            year=_year(props.get("year")),
            aliases=note.aliases,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "path": self.path,
            "authors": list(self.authors),
            "year": self.year,
            "aliases": list(self.aliases),
        }


def _trie_regex(names: Iterable[str]) -> str:
    """One regex for many literal names, shared prefixes factored out.

    A flat alternation makes `re` try every name at every word start; a trie
    follows one branch, so scanning stays fast with hundreds of books.
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # greedy: the longer name first, the shorter one when the longer fails
        return f"(?:{body})?" if end else body

    return build(trie)


def word_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word, case-sensitive, longest name first; `$100M` counts as a word."""
    listed = sorted(set(names))
    if not listed:
        return None
    # the start of the word is checked by `names_in`: a leading look-behind
    # would cost `re` its fast scan for the first character
    return re.compile(rf"(?:{_trie_regex(listed)})(?!\w)")


def names_in(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches of a `word_pattern` that start a word, in ``text[pos:endpos]``."""
    end = len(text) if endpos is None else endpos
    for m in pattern.finditer(text, pos, end):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_$"):
            # rare: a name inside a word; scan again from just after its start
            yield from names_in(pattern, text, start + 1, end)
            return
        yield m


class Catalog:
    """The books of a vault, in path order, with the names prose uses for them."""

    def __init__(self, books: Iterable[Book] = ()) -> None:
        self.books: dict[str, Book] = {b.path: b for b in sorted(books, key=lambda b: b.path)}
        self._by_author: dict[str, list[Book]] = {}
        self._keys: dict[str, list[Book]] = {}  # lower-case name, alias, path -> books
        # what a link's last part must be to resolve to a book: file name or alias
        self.link_keys = {k.lower() for b in self.books.values() for k in (b.name, *b.aliases)}
        # matched text -> (books named by it, authors named by it)
        self.refs: dict[str, tuple[list[Book], list[str]]] = {}
        for book in self.books.values():
            for author in book.authors:
                self._by_author.setdefault(author, []).append(book)
            for name in book.names():
                self.refs.setdefault(name, ([], []))[0].append(book)
            for key in {*(n.lower() for n in book.names()), book.path.lower()[:-3]}:
                self._keys.setdefault(key, []).append(book)
        for author in self._by_author:
            for variant in name_variants(author):
                authors = self.refs.setdefault(variant, ([], []))[1]
                if author not in authors:
                    authors.append(author)
        self.pattern = word_pattern(self.refs)

    @classmethod
    def from_notes(cls, notes: Iterable[ParsedNote]) -> Catalog:
        return cls(Book.from_note(n) for n in notes if is_book(n))

    def updated(self, removed: Iterable[str], notes: Iterable[ParsedNote]) -> Catalog:
        """A new catalog without ``removed`` paths and with these (re)parsed notes."""
        books = dict(self.books)
        for path in removed:
            books.pop(path, None)
        for note in notes:
            books.pop(note.path, None)
            if is_book(note):
                books[note.path] = Book.from_note(note)
        return Catalog(books.values())

    def __len__(self) -> int:
        return len(self.books)

    def __iter__(self) -> Iterator[Book]:
        return iter(self.books.values())

    def __contains__(self, path: object) -> bool:
        return path in self.books

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalog) and self.books == other.books

    __hash__ = None  # type: ignore[assignment]

    def get(self, path: str | None) -> Book | None:
        return self.books.get(path) if path else None

    def find(self, name: str) -> Book | None:
        """A book by title, alias, file name or path, case aside (links without a vault)."""
        key = name.strip().lower().removesuffix(".md")
        hits = self._keys.get(key)
        return hits[0] if hits else None

    def find_all(self, name: str) -> list[Book]:
        """Every book a title, alias, file name or path names, case aside."""
        return list(self._keys.get(name.strip().lower().removesuffix(".md"), ()))

    def by_author(self, author: str) -> list[Book]:
        return list(self._by_author.get(author, ()))

    def book_count(self, author: str) -> int:
        return len(self._by_author.get(author, ()))

    @property
    def authors(self) -> list[str]:
        return sorted(self._by_author)

    def changed_since(self, old: Catalog) -> Callable[[ParsedNote], bool]:
        """Which notes may read differently now than under ``old``: those whose
        perspectives name a book that came, went or changed, by any of its old or
        new names, or one of its authors."""
        changed = [b for p, b in old.books.items() if self.books.get(p) != b]
        changed += [b for p, b in self.books.items() if old.books.get(p) != b]
        names: set[str] = set()
        for book in changed:
            names.update(book.names())
            names.update(v for a in book.authors for v in name_variants(a))
        pattern = word_pattern(names)
        keys = {n.lower() for n in names} | {b.name.lower() for b in changed}

        def affected(note: ParsedNote) -> bool:
            if not note.perspectives and not note.tensions:
                return False
            blocks = (*note.perspectives, *note.tensions)
            texts = [b.text for b in blocks] + [b.subheading for b in blocks if b.subheading]
            joined = "\n".join(texts)
            if pattern is not None and next(names_in(pattern, joined), None) is not None:
                return True
            if "[" not in joined:
                return False
            lowered = joined.lower()  # links resolve case aside: look for the names first
            if not any(key in lowered for key in keys):
                return False
            return any(link_key(k.target) in keys for k in prose_links(joined))

        return affected

    def might_mention(self, note: ParsedNote) -> bool:
        """False when no perspective of ``note`` can name a book: skip the full pass."""
        if not self.books or not note.perspectives:
            return False
        texts = [b.text for b in note.perspectives]
        texts += {b.subheading for b in note.perspectives if b.subheading}
        joined = "\n".join(texts)
        if self.pattern is not None and next(names_in(self.pattern, joined), None) is not None:
            return True
        keys = self.link_keys
        return "[" in joined and any(link_key(k.target) in keys for k in prose_links(joined))
