"""People and books named in prose, and whether a mention is only in passing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from syntopic.core.catalog import Book
from syntopic.core.prose import Prose

# -- people named in prose --------------------------------------------------------
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
# a capital first, so `re` can scan for it fast: Dib, McDonald, MacLeod, O'Brien, Jean-Paul
_CAP = rf"[{_UP}](?:[{_LOW}]+|a?c[{_UP}][{_LOW}]+|['’][{_UP}][{_LOW}]+)(?:-[{_UP}][{_LOW}]+)*"
_PARTICLE = r"(?:de|da|del|della|der|di|du|la|le|van|von|ten|ter)"
_NAME_RUN = re.compile(rf"{_CAP}(?:[ \t\n](?:[{_UP}]\.[ \t\n])*(?:{_PARTICLE}[ \t\n])*{_CAP})*")
_MARKUP = r"[\[\]*_|!]"  # what may stand between words in Markdown: links, emphasis
_POSSESSIVE = re.compile(rf"{_MARKUP}*['’](?:s\b|(?=[\s,.;:]))")
_AFTER_POSSESSIVE = re.compile(rf"\w{_MARKUP}*['’]s?(?:\s|{_MARKUP})+$")
_NEXT_WORD = re.compile(rf"{_MARKUP}*(,?)[ \t\n]+([a-z]+)\b")
_PREV_WORD = re.compile(rf"(\w+)(?:\s|{_MARKUP})+$")
# a run that starts with one of these is a title or a phrase, not a person
_DETERMINERS = {"The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Their"}
_DETERMINERS |= {"Its", "Our", "My", "Your", "Each", "Every", "Such"}
# sentence openers dropped from the front of a run: "For Dib", "Both Cialdini"
_OPENERS = {
    "In", "On", "For", "From", "With", "Without", "By", "At", "To", "Of", "As", "Like",
    "Unlike", "Both", "And", "But", "Or", "Yet", "So", "When", "While", "Where", "Whereas",
    "What", "Why", "How", "If", "Although", "Though", "Because", "Since", "Even", "Also",
    "Only", "Then", "However", "Meanwhile", "Instead", "Here", "There", "After", "Before",
    "Across", "Through", "Throughout", "Building", "Beyond", "Against", "Among", "Between",
    "Compared", "Contrast", "Conversely", "Similarly", "Likewise", "Still", "Taken", "Together",
    "Whether", "Whatever", "Once", "Later", "Earlier", "Now", "Today",
    "All", "Some", "Many", "Most", "Other", "Others", "Another", "Neither", "Either", "Per",
    "According", "Following", "Via", "Under", "Over", "Within", "Inside", "Outside", "Upon",
    "Not", "No", "Nor", "Much", "More", "Less", "Few", "Several", "One", "Two", "Three",
    "Chapter", "Part", "Book", "Books", "See", "Note", "Read", "He", "She", "They", "We", "I",
    "It", "You", "Who", "Which", "Whose",
}  # fmt: skip
# a name right after these introduces a title ("in Lean Marketing"), not a person
_TITLE_CONTEXT = {"in", "of", "from", "through", "about", "called", "titled", "named", "the"}
# "X argues", "Dib insists": a bare word followed by a verb like these reads as a person
_NOT_VERBS = {"as", "is", "was", "has", "this", "its", "us", "thus", "plus", "across"}
_NOT_VERBS |= {"versus", "less", "unless", "yes", "whereas", "towards", "besides", "his"}
# a mention right after these is someone else's idea in the owner's block
_PASSING = re.compile(
    r"(?:\b(?:on|upon|unlike|like|than|beyond|versus|vs\.?|against|besides|contra)|"
    r"\bbuilds?\s+on|\bbuilding\s+on|\bextends|\bextending|\btransforms|\bcritiques?|"
    rf"\bchallenges|\bcontrasts\s+with|\bcompared\s+(?:to|with))(?:\s|{_MARKUP})+$",
    re.IGNORECASE,
)
CONNECTOR = re.compile(rf"(?:\s|,|;|&|/|{_MARKUP}|\b(?:and|or|nor|plus|as well as)\b)*")
OWNS = re.compile(rf"{_MARKUP}*['’]s?(?:\s|{_MARKUP})+")  # "Cialdini's Influence"


class Mention(NamedTuple):
    start: int
    end: int
    books: tuple[Book, ...]  # a book named by link, title or alias
    person: str | None  # a person, by canonical name
    known: bool  # the person is an author in the catalog


_OPENING = re.compile(r"\s*(?:(?:In|As|For|Per|According to|Throughout)\s+)?")


def leading_work(t: Prose) -> tuple[int, int] | None:
    """The span of a link or *italic title* the block opens with, if it does."""
    text = t.text
    opening = _OPENING.match(text)
    at = opening.end() if opening else 0
    if text.startswith("[", at):
        link = next((k for k in t.links if k.start == at), None)
        if link is not None:
            return link.shown_start, link.shown_end
    if text.startswith(("*", "_"), at) and not text.startswith(("**", "__"), at):
        span = next(((s, e) for s, e in t.italics if s == at), None)
        if span is not None:
            return span[0] + 1, span[1] - 1
    return None


def passing(text: str, start: int) -> bool:
    """Is a mention at ``start`` someone else's idea ("builds on Cialdini's foundation")?"""
    return _PASSING.search(text, max(0, start - 40), start) is not None


def name_runs(t: Prose, lo: int, hi: int) -> Iterator[tuple[int, int, list[str]]]:
    """Capitalised word runs, opener words dropped, determiner-led runs skipped."""
    text = t.text
    for m in _NAME_RUN.finditer(text, lo, hi):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "$'’-"):
            continue  # inside a word: "iPhone"
        words = m.group().split()
        while words and words[0] in _OPENERS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else m.end()
            words.pop(0)
        if not words or words[0] in _DETERMINERS:
            continue
        end = m.end()
        if "[" in text:
            link = next((k for k in t.links if k.start <= start < k.end), None)
            # inside a link only the whole shown name counts: [[Robert Cialdini]]'s
            if link is not None and (start, end) != (link.shown_start, link.shown_end):
                continue
        if ("*" in text or "_" in text) and any(s <= start < e for s, e in t.italics):
            continue  # an italic run is a title
        yield start, end, words


def person_evidence(text: str, start: int, end: int, words: list[str]) -> bool:
    """Does this run read as a person? (possessive, or the subject of a verb)"""
    if _AFTER_POSSESSIVE.search(text, max(0, start - 6), start):
        return False  # "Dib's Lean Marketing": what follows a possessive is a thing
    if _POSSESSIVE.match(text, end):
        return True
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    if prev and prev.group(1).lower() in _TITLE_CONTEXT:
        return False
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    if len(words) >= 2:
        return True  # "Allan Dib builds", "Chris Voss, in his book,"
    if text.startswith(("]]", "]("), end):
        return False  # "[[Influence]] supplies": one linked word names a note, not a person
    word = nxt.group(2)
    return not nxt.group(1) and len(word) > 2 and word.endswith("s") and word not in _NOT_VERBS


class People:
    """The people a note's prose names, so "Cialdini" can mean "Robert Cialdini"."""

    def __init__(self, never: set[str]) -> None:
        self.never = never  # the concept's own names: "Reciprocity works" is no person
        self.full: dict[str, str] = {}  # surname -> first full name seen
        self.single: set[str] = set()

    def learn(self, t: Prose, until: int) -> None:
        for start, end, words in name_runs(t, 0, until):
            if " ".join(words) in self.never:
                continue
            if person_evidence(t.text, start, end, words):
                if len(words) >= 2:
                    self.full.setdefault(words[-1], " ".join(words))
                else:
                    self.single.add(words[0])

    def learn_heading(self, t: Prose) -> None:
        """A subheading that is just a name ("### Robert Cialdini") names a person
        when the prose also uses the surname as one."""
        text = t.text.strip()
        for _, _, words in name_runs(t, 0, len(t.text)):
            name = " ".join(words)
            if len(words) >= 2 and name == text and words[-1] in self.single:
                self.full.setdefault(words[-1], name)

    def canonical(self, words: list[str]) -> str:
        if len(words) == 1:
            return self.full.get(words[0], words[0])
        return " ".join(words)

    def knows(self, words: list[str]) -> bool:
        name = " ".join(words)
        if name in self.never:
            return False
        if len(words) == 1:
            return name in self.full or name in self.single
        return name in self.full.values()
