"""Which book or author each block of a perspectives section speaks for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from syntopic.core.catalog import Book, Catalog, names_in
from syntopic.core.model import Block, ParsedNote
from syntopic.core.people import (
    CONNECTOR,
    OWNS,
    Mention,
    People,
    leading_work,
    name_runs,
    passing,
    person_evidence,
)
from syntopic.core.prose import Prose
from syntopic.core.resolve import link_key

LinkResolver = Callable[[str], str | None]
"""Maps a link target written in the concept to a note path, or None."""

GENERAL = "General"
# Bump when attribution reads a block differently: cached perspective edges are recomputed.
ATTRIBUTION_VERSION = 2


# -- attribution -------------------------------------------------------------------
@dataclass(frozen=True, slots=True, eq=False)
class Voice:
    """Who a group of blocks speaks for: a book, an author, a title or a heading."""

    # book path, "author:Name", "work:Title" (no book note), "heading:Text" or "general"
    key: str
    label: str
    book: Book | None = None
    author: str | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Voice) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def authors(self) -> tuple[str, ...]:
        if self.book is not None:
            return self.book.authors
        return (self.author,) if self.author else ()


def _book_voice(book: Book) -> Voice:
    return Voice(book.path, book.title, book, book.author)


def _author_voice(name: str) -> Voice:
    return Voice("author:" + name, name, None, name)


_GENERAL = Voice("general", GENERAL)


@dataclass(frozen=True, slots=True)
class Perspective:
    """One column: a voice and the blocks of the concept it speaks in."""

    voice: Voice
    blocks: tuple[Block, ...]

    @property
    def key(self) -> str:
        """Stable identity of the column (the book's path for a book)."""
        return self.voice.key

    @property
    def label(self) -> str:
        return self.voice.label

    @property
    def book(self) -> Book | None:
        return self.voice.book

    @property
    def author(self) -> str | None:
        return self.voice.author

    def to_json(self) -> dict[str, Any]:
        book = self.voice.book
        return {
            "label": self.label,
            "book": book.title if book else None,
            "author": self.author,
            "book_path": book.path if book else None,
            "blocks": [{"text": b.text, "line": b.line} for b in self.blocks],
        }


@dataclass(frozen=True, slots=True)
class Tension:
    """A block of the tensions section and who it sets against whom."""

    text: str
    line: int
    books: tuple[Book, ...]
    authors: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "books": [b.title for b in self.books],
            "authors": list(self.authors),
        }


@dataclass(frozen=True, slots=True)
class ConceptPerspectives:
    """Every book's view of one concept, and where they disagree."""

    path: str
    title: str
    perspectives: tuple[Perspective, ...]
    tensions: tuple[Tension, ...]

    def __bool__(self) -> bool:
        return bool(self.perspectives or self.tensions)

    def to_json(self) -> dict[str, Any]:
        """The `syntopic perspectives --json` shape."""
        return {
            "concept": self.title,
            "path": self.path,
            "perspectives": [p.to_json() for p in self.perspectives],
            "tensions": [t.to_json() for t in self.tensions],
        }


class _Attributor:
    """Attribution state for one concept note."""

    def __init__(
        self,
        note: ParsedNote,
        catalog: Catalog,
        resolve: LinkResolver | None,
        books_only: bool = False,
    ) -> None:
        self.note = note
        self.catalog = catalog
        self.resolve = resolve
        # graph edges only need books: a guessed person matters only where it
        # could take a block away from a book, before the first catalogued lead
        self.books_only = books_only
        self._texts: dict[str, Prose] = {}
        self._people: People | None = None

    def text(self, markdown: str) -> Prose:
        hit = self._texts.get(markdown)
        if hit is None:
            hit = self._texts[markdown] = Prose(markdown)
        return hit

    @property
    def people(self) -> People:
        """Learnt on first need: most blocks lead with a catalogued book or author."""
        if self._people is None:
            note = self.note
            people = self._people = People({note.title, note.name, *note.aliases})
            # people are introduced where their blocks begin ("Allan Dib builds on...")
            for block in note.perspectives:
                t = self.text(block.text)
                people.learn(t, t.head)
            headings = [b.subheading for b in (*note.perspectives, *note.tensions) if b.subheading]
            for heading in dict.fromkeys(headings):
                people.learn_heading(self.text(heading))
        return self._people

    def link_book(self, target: str) -> Book | None:
        # only a link named like a book (file name or alias) can land on one
        if not target or link_key(target) not in self.catalog.link_keys:
            return None
        if self.resolve is not None:
            return self.catalog.get(self.resolve(target))
        return self.catalog.find(target)

    def mentions(
        self, t: Prose, lo: int, hi: int, people_until: int, guess: bool = True
    ) -> list[Mention]:
        """Books and people named in ``t.text[lo:hi]``, in reading order.

        People outside the catalog are found only before ``people_until``:
        past the lead they cannot change an attribution. Without ``guess``,
        only people the note's prose has already shown to be people count.
        """
        text = t.text
        found: list[Mention] = []
        linked: list[tuple[int, int]] = []
        if "[" in text:
            for link in t.links:
                if lo <= link.start < hi:
                    book = self.link_book(link.target)
                    if book is not None:
                        found.append(Mention(link.start, link.end, (book,), None, False))
                        linked.append((link.start, link.end))
        pattern = self.catalog.pattern
        if pattern is not None:
            refs = self.catalog.refs
            for m in names_in(pattern, text, lo, hi):
                start, end = m.span()
                if linked and any(s < end and start < e for s, e in linked):
                    continue  # the title inside a book's own link
                books, authors = refs[m.group()]
                if books:
                    found.append(Mention(start, end, tuple(books), None, False))
                else:
                    found.append(Mention(start, end, (), self._author(authors), True))
            if linked:
                found.sort()
        until = min(people_until, hi)
        if self.books_only:
            lead = (m.start for m in found if m.start < until and not passing(text, m.start))
            until = next(lead, until)
        if until <= lo:
            return found
        guessed: list[Mention] = []
        before = [m for m in found if m.start < until]
        for start, end, words in name_runs(t, lo, until):
            if before and any(m.start < end and start < m.end for m in before):
                continue
            people = self.people
            if people.knows(words) or (
                guess
                and " ".join(words) not in people.never
                and person_evidence(text, start, end, words)
            ):
                guessed.append(Mention(start, end, (), people.canonical(words), False))
        return sorted(found + guessed) if guessed else found

    def _author(self, authors: list[str]) -> str:
        """One author for a name several share (two Heaths): the one the note names in full."""
        if len(authors) > 1:
            named = set(self.people.full.values())
            for author in authors:
                if author in named:
                    return author
        return authors[0]

    def lead(self, text: str, mentions: list[Mention], end: int) -> list[Mention]:
        """The first non-passing mention before ``end`` and those joined to it by "and"."""
        first = next(
            (i for i, m in enumerate(mentions) if m.start < end and not passing(text, m.start)),
            None,
        )
        if first is None:
            return []
        lead = [mentions[first]]
        for m in mentions[first + 1 :]:
            joined = CONNECTOR.fullmatch(text, lead[-1].end, m.start)
            owned = m.books and lead[-1].person and OWNS.fullmatch(text, lead[-1].end, m.start)
            if not (joined or owned):
                break
            lead.append(m)
        return lead

    def voices(self, t: Prose, lead: list[Mention], named: list[Mention]) -> list[Voice]:
        """The voices of a lead: its books, its authors' books named in the block,
        and for a person who names none, their only book or themselves."""
        owners: set[str] = set()
        books: list[Book] = []
        for m in lead:
            if m.person:
                owners.add(m.person)
            for book in m.books:
                owners.update(book.authors)
                books.append(book)
        catalog = self.catalog
        if any(catalog.book_count(o) > 1 for o in owners):
            # "Cialdini ... later, in Pre-Suasion": the rest of the block can narrow it
            named = named + self.mentions(t, t.head, len(t.text), 0)
        for m in named:
            for book in m.books:
                if owners.intersection(book.authors):
                    books.append(book)
        voices = [_book_voice(b) for b in dict.fromkeys(books)]
        for m in lead:
            person = m.person
            if person and not any(person in b.authors for b in books):
                own = catalog.by_author(person)
                voices.append(_book_voice(own[0]) if len(own) == 1 else _author_voice(person))
        return list(dict.fromkeys(voices)) if len(voices) > 1 else voices

    def heading_voices(self, heading: str) -> list[Voice]:
        t = self.text(heading)
        end = len(t.text)
        # a heading is too short to tell "Field notes" from "Voss argues"
        mentions = self.mentions(t, 0, end, end, guess=False)
        lead = self.lead(heading, mentions, end)
        if lead:
            return self.voices(t, lead, mentions)
        return [Voice("heading:" + heading, heading)]

    def narrowed(self, subheading: str, voices: list[Voice]) -> list[Voice]:
        """ "### Hormozi on proof" over text naming *$100M Leads*: the subsection
        speaks for the one book of that author its blocks name, if just one."""
        if len(voices) != 1 or voices[0].book is not None or not voices[0].author:
            return voices
        author = voices[0].author
        if self.catalog.book_count(author) < 2:
            return voices
        named: list[Book] = []
        for block in self.note.perspectives:
            if block.subheading == subheading:
                t = self.text(block.text)
                for m in self.mentions(t, 0, len(t.text), 0):
                    named.extend(b for b in m.books if author in b.authors)
        books = list(dict.fromkeys(named))
        return [_book_voice(books[0])] if len(books) == 1 else voices

    def block_voices(self, block: Block, previous: list[Voice] | None) -> list[Voice]:
        t = self.text(block.text)
        head = t.head
        mentions = self.mentions(t, 0, head, head)
        lead = self.lead(t.text, mentions, head)
        if lead:
            return self.voices(t, lead, mentions)
        work = leading_work(t)
        if work is not None:
            # "[[Never Split the Difference]] approaches the rule... Chris Voss warns":
            # a block that opens on a title nobody catalogued speaks for whoever
            # it then names, or for the title itself
            end = len(t.text)
            mentions = self.mentions(t, 0, end, end)
            lead = self.lead(t.text, [m for m in mentions if m.start >= work[1]], end)
            if lead:
                return self.voices(t, lead, mentions)
            shown = " ".join(t.text[work[0] : work[1]].strip("*_[]").split())
            return [Voice("work:" + shown, shown)]
        if previous and previous[0] is not _GENERAL:
            # a paragraph that names nobody up front continues the one before it;
            # naming one of the same author's books narrows it to that book
            owners = {a for v in previous for a in v.authors}
            if not any(self.catalog.book_count(o) > 1 for o in owners):
                return previous
            rest = self.mentions(t, 0, len(t.text), 0)
            named = [b for m in rest for b in m.books if owners.intersection(b.authors)]
            return [_book_voice(b) for b in dict.fromkeys(named)] or previous
        end = len(t.text)
        mentions = self.mentions(t, 0, end, end)
        lead = self.lead(t.text, mentions, end)
        return self.voices(t, lead, mentions) if lead else [_GENERAL]

    def perspectives(self) -> tuple[Perspective, ...]:
        groups: dict[Voice, list[Block]] = {}
        previous: list[Voice] | None = None
        headings: dict[str, list[Voice]] = {}
        for block in self.note.perspectives:
            if block.subheading:
                voices = headings.get(block.subheading)
                if voices is None:
                    voices = self.heading_voices(block.subheading)
                    voices = headings[block.subheading] = self.narrowed(block.subheading, voices)
            else:
                voices = self.block_voices(block, previous)
            for voice in voices:
                groups.setdefault(voice, []).append(block)
            previous = voices
        return tuple(Perspective(v, tuple(blocks)) for v, blocks in groups.items())

    def tensions(
        self, perspectives: tuple[Perspective, ...], guess: bool = True
    ) -> tuple[Tension, ...]:
        """Each tension block with who it sets against whom; without ``guess``, only
        the catalog's books and authors count (no pass over the prose for people)."""
        if guess:
            for block in self.note.tensions:
                t = self.text(block.text)
                self.people.learn(t, len(t.text))
        voices = {p.author for p in perspectives if p.book is None and p.author}
        shown: dict[str, list[Book]] = {}
        for p in perspectives:
            if p.book is not None:
                for author in p.book.authors:
                    shown.setdefault(author, []).append(p.book)
        out: list[Tension] = []
        for block in self.note.tensions:
            books: list[Book] = []
            authors: list[str] = []
            texts = [block.subheading, block.text] if block.subheading else [block.text]
            for text in texts:
                t = self.text(text)
                end = len(text)
                for m in self.mentions(t, 0, end, end if guess else 0):
                    for book in m.books:
                        books.append(book)
                        authors.extend(book.authors)
                    person = m.person
                    if person and (m.known or person in voices or person in shown):
                        authors.append(person)
                        own = shown.get(person) or self.catalog.by_author(person)
                        if len(own) == 1 or person in shown:
                            books.extend(own)
            out.append(
                Tension(
                    block.text,
                    block.line,
                    tuple(dict.fromkeys(books)),
                    tuple(dict.fromkeys(authors)),
                )
            )
        return tuple(out)


def concept_perspectives(
    note: ParsedNote, catalog: Catalog | None = None, resolve: LinkResolver | None = None
) -> ConceptPerspectives:
    """Attribute each block of a concept's perspectives section to its book(s).

    Rules, first that applies: the block's ``###`` subheading; the books and
    people its first sentence leads with (a `[[Book]]` link, a title or alias,
    an author), widened to that author's books named anywhere in the block; for
    a paragraph that leads with nobody, the attribution of the one before it.
    A lead author with one book in the catalog speaks for it; with several
    (none named) or none, the author is the voice. Mentions after "on",
    "unlike", "builds on" and the like never lead: they are someone else's idea.
    """
    attributor = _Attributor(note, catalog or Catalog(), resolve)
    perspectives = attributor.perspectives()
    return ConceptPerspectives(
        note.path, note.title, perspectives, attributor.tensions(perspectives)
    )


def catalog_tensions(
    note: ParsedNote,
    catalog: Catalog,
    speaking: Iterable[Book],
    resolve: LinkResolver | None = None,
    guess: bool = True,
) -> tuple[Tension, ...]:
    """A concept's tensions, given the books that speak in its perspectives (from the
    graph): what a book's lens needs, without attributing the perspectives again.

    People without a book note count when the note shows them to be people,
    except those only its perspectives name as a voice; without ``guess``,
    only the catalog's books and authors count."""
    if not note.tensions:
        return ()
    shown = tuple(Perspective(_book_voice(b), ()) for b in speaking)
    return _Attributor(note, catalog, resolve).tensions(shown, guess=guess)


PerspectiveEdge = tuple[str, str, dict[str, Any]]


def perspective_edges(
    note: ParsedNote, catalog: Catalog, resolve: LinkResolver | None = None
) -> list[PerspectiveEdge]:
    """One "perspective" edge from a book to the concept per block it speaks in."""
    if not catalog.might_mention(note):
        return []
    edges: list[PerspectiveEdge] = []
    attributor = _Attributor(note, catalog, resolve, books_only=True)
    for p in attributor.perspectives():
        book = p.book
        if book is None or book.path == note.path:
            continue
        for block in p.blocks:
            attrs = {
                "kind": "perspective",
                "section": "",
                "context": attributor.text(block.text).excerpt(),
                "line": block.line,
            }
            edges.append((book.path, note.path, attrs))
    return edges
