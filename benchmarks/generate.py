"""Deterministic synthetic vaults: linked Markdown notes in every form the engine parses."""

from __future__ import annotations

import argparse
import itertools
import json
import math
import posixpath
import random
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks import shapes

# Bump whenever the bytes written for a given (notes, seed) change: the runner
# regenerates a cached vault whose marker carries another version.
GENERATOR_VERSION = 2  # 2: index notes, emoji/dotted names, deep folders, footers, --huge
MARKER = ".syntopic-bench.json"  # a dot-file, so the engine never sees it as a note


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.split()))  # unique, in order


# -- vocabulary (our own word lists; every sentence is assembled from them) ------
NOUNS = _words(
    """habit signal threshold incentive pattern system model anchor frame default bias loop
    constraint lever ritual narrative boundary margin buffer rhythm network pathway tension
    reward cue routine commitment outcome decision option estimate forecast principle
    heuristic question argument premise claim example story audience market customer offer
    price promise budget resource portfolio asset risk hedge bet trend cycle season phase
    stage step sequence practice skill drill lesson mentor student teacher coach team leader
    role meeting agenda plan strategy tactic goal metric measure benchmark experiment trial
    sample baseline variable factor driver effect cause consequence garden bridge river engine
    compass map ladder window mirror lens filter channel stream current tide harbor frontier
    border corridor threshold doorway workshop studio library archive ledger journal notebook
    draft outline chapter paragraph sentence phrase keyword concept idea insight intuition
    hunch belief value norm rule exception contract deal concession request favor gift debt
    obligation reputation identity memory habitat focus recovery meal walk conversation
    negotiation proposal objection answer
    surplus friction reflex instinct emotion mood craving impulse temptation deadline
    schedule calendar checklist protocol
    workflow pipeline queue backlog bottleneck handoff review audit pilot prototype sketch
    diagram canvas platform product service feature release version upgrade community tribe
    circle crowd network"""
)
ADJECTIVES = _words(
    """adaptive quiet hidden early late narrow broad fragile robust durable shallow deep slow
    fast steady uneven scarce abundant reciprocal implicit explicit visible invisible marginal
    central local global personal social collective deliberate automatic gradual sudden
    layered nested open closed simple complex compound linear circular stable volatile costly
    cheap honest strategic tactical practical abstract concrete familiar novel patient urgent
    modest ambitious careful reckless lean heavy light silent loud bright dim warm cold sharp
    blunt fluid rigid subtle obvious private public minor major inner outer upstream
    downstream shared solitary recurring rare common humble bold hesitant confident curious
    skeptical generous stingy fair lopsided balanced tangled clear vague dense sparse"""
)
VERBS = _words(
    """shape reinforce weaken reveal hide frame anchor test measure trade shift compound erode
    balance stretch guide limit extend reward signal predict explain support challenge invite
    resist amplify simplify clarify carry dampen narrow widen sharpen blur steer nudge redirect
    protect expose absorb release store spend borrow lend repay outgrow replace outlast
    undermine strengthen organise connect separate combine divide rank sort filter capture
    track map model sketch rehearse repeat interrupt pause accelerate delay"""
)
ADVERBS = _words(
    """quietly gradually rarely often reliably predictably sharply slowly quickly steadily
    deliberately naturally seldom consistently unevenly visibly subtly repeatedly eventually
    immediately surprisingly modestly"""
)
PREPOSITIONS = _words("of for within across beneath around through between against toward")
OPENERS = (
    "In practice,",
    "Over time,",
    "At first glance,",
    "In most teams,",
    "Under pressure,",
    "Left alone,",
    "Seen from outside,",
    "In the long run,",
    "For beginners,",
    "At scale,",
    "Paradoxically,",
    "More often than not,",
    "In small groups,",
    "On a bad day,",
)
FIRST_NAMES = _words(
    """Mara Tobias Ilse Conrad Priya Joaquin Wren Dalia Anselm Noor Felix Greta Hugo Imani Kasper
    Lena Milo Nadia Oskar Petra Quentin Rosa Silas Tamsin Ulrich Vera Wilhelmina Xavier Yara
    Zeno Agnes Bruno Celeste Dmitri Elena Farid Gisela Hector Ingrid Jonas"""
)
LAST_NAMES = _words(
    """Quill Wren Ashdown Bellweather Carrow Delacourt Eastman Fairlie Greaves Holloway Ibarra
    Jessop Kettering Lindqvist Marchetti Norwood Oyelaran Pemberton Quarrie Rosenthal Sallow
    Thackery Underhill Vasquez Whitlock Yardley Zimmer Albright Brannock Castellane Dunmore
    Everleigh Fenwick Gallowglass Hartigan Ingleby Jardine Kilbride Lockhart Merriweather
    Nettleship Ormsby Pryce Redgrave Stanhope Tolliver Vandermeer Westbrook"""
)
DOMAINS = (
    "Psychology",
    "Strategy",
    "Learning",
    "Economics",
    "Systems",
    "Writing",
    "Health",
    "Leadership",
    "Negotiation",
    "Design",
)
GENERAL_TAGS = (
    "mental-model",
    "evergreen",
    "draft",
    "review/open",
    "review/done",
    "idea",
    "question",
    "principle",
    "heuristic",
    "case-study",
)
CLAIM_VERBS = ("argues", "shows", "contends", "suggests", "observes", "maintains", "warns")
DEFINITIONS = (
    "comes down to one observation:",
    "names a simple pattern:",
    "is a working label for this:",
    "starts from a plain fact:",
    "is easiest to see in one case:",
)

SENTENCES = (
    "{O} the {A} {N} {V3} the {N} {P} {Ns}.",
    "{Ns} {V} {A} {Ns} when the {N} {V3} {Adv}.",
    "A {A} {N} rarely {V3} without a {A} {N}.",
    "The {N} of {Ns} {V3} the {A} {N}, and the {N} {V3} {Adv}.",
    "Most {Ns} {V} {Ns} {P} the {N}, yet few {V} the {A} {N} behind it.",
    "When {Ns} {V} {Adv}, the {N} {V3} {P} {A} {Ns}.",
    "This is why {A} {Ns} {V} the {N} before they {V} the {N}.",
    "{O} a {N} that {V3} {Ns} will {V} the {N} {Adv}.",
    "Every {N} {V3} a {A} {N} — the question is whether the {N} {V3} it.",
    "The {A} {N} is not a {N} but a {N} {P} {A} {Ns}.",
    "{Ns} that {V} the {N} tend to {V} {A} {Ns} {P} the {N}.",
    "Without a {A} {N}, {Ns} {V} the {N} and {V} the {N}.",
    "{O} {Ns} {V} {Adv}.",
    "One {A} {N} can {V} a {N}, but only a {A} {N} can {V} the {N}.",
    "The difference between a {A} {N} and a {A} {N} is the {N} {P} it.",
    "Ask which {N} {V3} the {N}, and the {A} {N} becomes obvious.",
    "{Ns} {V} {Ns}; {Ns} {V} {Ns}.",
    "It is tempting to {V} the {N}, yet the {A} {N} {V3} {Adv}.",
    "{O} nobody {V3} the {N} on purpose.",
    "If the {N} {V3} the {N}, then {A} {Ns} {V} {P} the {N}.",
    "The {N} {V3} {Adv} because {Ns} {V} the {A} {N}.",
    "Small {Ns} {V} large {Ns} {P} a {A} {N}.",
)
RARE_SENTENCES = (  # non-ASCII text, in a few sentences only
    "A café owner who {V3} the {N} {V3} a {A} {N}.",
    "The naïve {N} {V3} {Ns}, while the {A} {N} {V3} {Ns}.",
    "It works like déjà vu: the {N} {V3} before anyone {V3} it.",
)
LINK_SENTENCES = (
    "{L} {V3} the {A} {N} {P} {Ns}.",
    "This connects to {L}, where the {N} {V3} {Adv}.",
    "Compare it with {L}: the {N} {V3} the {N}.",
    "{O} {L} {V3} a {A} {N}.",
    "The {N} behind {L} {V3} {A} {Ns}.",
    "See {L} for how {Ns} {V} the {N}.",
    "As {L} suggests, {Ns} {V} {A} {Ns}.",
    "{Ns} {V} {L} {Adv}, which {V3} the {N}.",
    "The same {N} shows up in {L}.",
)
CODE_SNIPPETS = (
    "```python\n# a sketch, not a link: [[{F}]]\ndef weigh(options):\n"
    "    return sorted(options, key=lambda o: o.cost)  # [[{F}|cost]]\n```",
    "```text\nTemplate: write [[{F}]] here, then delete this line.\n```",
    '~~~yaml\nrelated: "[[{F}]]"\nweight: 3\n~~~',
    "```js\nconst link = '[[{F}]]'; // the parser must ignore this\n```",
)
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"
)

_SLOT = re.compile(r"\{(\w+)\}")
_ARTICLE = re.compile(r"\b([Aa]) (?=[aeiou])")


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def third_person(verb: str) -> str:
    return plural(verb)  # the same spelling rules: shape -> shapes, carry -> carries


def title_case(words: str) -> str:
    """Capitalise each word but the small ones inside a title."""
    parts = words.split()
    return " ".join(
        w if i and w in ("of", "and", "the", "to", "a") else w[:1].upper() + w[1:]
        for i, w in enumerate(parts)
    )


def _zipf(n: int, offset: float = 1.5, exponent: float = 1.0) -> list[float]:
    """Cumulative weights 1/(rank+offset)^exponent, for `random.choices`."""
    return list(itertools.accumulate(1.0 / (r + offset) ** exponent for r in range(n)))


class Prose:
    """Pools of sentences built from the word lists, word frequencies Zipf-like."""

    def __init__(self, rng: random.Random, pool: int = 30000) -> None:
        self.rng = rng
        words: dict[str, list[str]] = {
            "N": list(dict.fromkeys(NOUNS)),
            "A": list(dict.fromkeys(ADJECTIVES)),
            "V": list(dict.fromkeys(VERBS)),
            "Adv": list(ADVERBS),
            "P": list(PREPOSITIONS),
            "O": list(OPENERS),
        }
        for values in words.values():
            rng.shuffle(values)  # which words are frequent depends on the seed
        words["Ns"] = [plural(n) for n in words["N"]]
        words["V3"] = [third_person(v) for v in words["V"]]
        self.words = words
        self.cum = {k: _zipf(len(v), offset=8.0) for k, v in words.items()}
        self.drawn: dict[str, list[str]] = {k: [] for k in words}
        self.sentences = [
            self.fill(rng.choice(RARE_SENTENCES if rng.random() < 0.02 else SENTENCES))
            for _ in range(pool)
        ]
        self.link_sentences = [self.fill(rng.choice(LINK_SENTENCES)) for _ in range(pool // 4)]

    def word(self, kind: str) -> str:
        buffer = self.drawn[kind]
        if not buffer:  # drawing words in batches is several times faster
            buffer.extend(self.rng.choices(self.words[kind], cum_weights=self.cum[kind], k=4096))
        return buffer.pop()

    def fill(self, template: str) -> str:
        """A template with its slots filled; ``{L}`` becomes a NUL placeholder."""
        parts = _SLOT.split(template)
        for i in range(1, len(parts), 2):
            parts[i] = "\0" if parts[i] == "L" else self.word(parts[i])
        text = _ARTICLE.sub(r"\1n ", "".join(parts))
        return text[:1].upper() + text[1:]


@dataclass(slots=True)
class _Plan:
    """One note decided before any text is written, so links can point anywhere."""

    index: int
    title: str
    folder: str
    domain: int  # -1 for books and the home note
    kind: str  # concept, framework, book, home
    path: str = ""
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    block_id: str | None = None
    stub: bool = False
    malformed: bool = False
    cp1252: bool = False
    crlf: bool = False
    bom: bool = False
    duplicate: bool = False
    author: str = ""
    year: int = 0
    footer: bool = False  # a plugin's %% settings %% footer
    long_fm: bool = False  # 40-120 lines of front matter
    related: bool = False  # a `related:` property of wiki links

    def __post_init__(self) -> None:
        self.path = f"{self.folder}/{self.title}.md" if self.folder else f"{self.title}.md"


@dataclass(frozen=True, slots=True)
class GeneratedVault:
    """What `generate` wrote; also stored as JSON in the vault's marker file."""

    root: Path
    notes: int  # .md files the engine should list (hidden folders excluded)
    seed: int
    bytes: int  # total size of those notes
    books: int
    folders: int
    links: int  # links outside code and comments: what a parser must find
    unresolved_links: int  # of those, links to names no note or alias has
    fake_links: int  # [[...]] inside code or comments: must not count
    malformed_yaml: tuple[str, ...] = ()
    non_utf8: tuple[str, ...] = ()
    edit_candidates: tuple[str, ...] = ()  # mid-sized, clean, linked concept notes
    seconds: float = 0.0
    huge: bool = False  # holds the 100,000-link note and the 5 MB line
    version: int = GENERATOR_VERSION

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["root"] = str(self.root)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GeneratedVault:
        fields = dict(data)
        fields["root"] = Path(fields["root"])
        for key in ("malformed_yaml", "non_utf8", "edit_candidates"):
            fields[key] = tuple(fields.get(key, ()))
        return cls(**fields)


@dataclass(slots=True)
class _Counters:
    links: int = 0
    unresolved: int = 0
    fake: int = 0
    inbound: list[int] = field(default_factory=list)


class _Builder:
    """Plans the notes, then writes them one by one with a single seeded RNG."""

    def __init__(self, root: Path, notes: int, seed: int, huge: bool = False) -> None:
        self.root = root
        self.huge = huge
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.count = _Counters()
        self.taken: set[str] = set()  # lower-case names and aliases in use
        self.plans: list[_Plan] = []
        self.total = notes
        self.books: list[_Plan] = []
        self.book_concepts: dict[int, list[int]] = {}
        self._plan(notes)

    # -- planning ----------------------------------------------------------------
    def _unique(self, make: Callable[[], str]) -> str:
        """A name from ``make`` that no note, book or alias uses yet."""
        while True:
            name = self._try_unique(make, 50)
            if name is not None:
                return name

    def _try_unique(self, make: Callable[[], str], tries: int) -> str | None:
        for _ in range(tries):
            name = make()
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name
        return None

    def _concept_title(self) -> str:
        rng, w = self.rng, self.prose.words
        r = rng.random()
        n1, n2, a = [*rng.sample(w["N"], 2), rng.choice(w["A"])]
        if r < 0.35:
            text = f"{a} {n1}"
        elif r < 0.6:
            text = f"{n1} {n2}"
        elif r < 0.7:
            text = f"the {n1} {n2}"
        elif r < 0.8:
            text = f"{n1} of {plural(n2)}"
        else:
            text = f"{a} {n1} {n2}"
        return title_case(text)

    def _book_title(self) -> str:
        rng, w = self.rng, self.prose.words
        r = rng.random()
        n1, n2, a = [*rng.sample(w["N"], 2), rng.choice(w["A"])]
        if r < 0.4:
            text = f"the {a} {n1}"
        elif r < 0.7:
            text = f"{a} {plural(n1)}"
        else:
            text = f"the {n1} and the {n2}"
        return title_case(text)

    def _folders(self, notes: int) -> list[tuple[str, int]]:
        """(folder, domain) pairs two and three levels deep, sized for ~60 notes each."""
        rng = self.rng
        domains = DOMAINS[: min(len(DOMAINS), max(2, notes // 100))]
        per_domain = max(3, math.ceil(math.sqrt(max(1, notes // 60) / len(domains))))
        nouns = list(self.prose.words["N"])
        out: list[tuple[str, int]] = []
        for d, domain in enumerate(domains):
            subs = rng.sample(nouns, per_domain)
            for sub in subs:
                second = f"{domain}/{title_case(plural(sub))}"
                out.append((second, d))
                if rng.random() < 0.5:
                    for leaf in rng.sample(nouns, rng.randint(2, per_domain)):
                        adj = rng.choice(self.prose.words["A"])
                        out.append((f"{second}/{title_case(adj + ' ' + plural(leaf))}", d))
        return out

    def _plan(self, notes: int) -> None:
        if notes < 20:
            raise ValueError("a generated vault needs at least 20 notes")
        rng = self.rng
        n_books = min(600, max(notes // 100, min(12, notes // 10)))
        n_indexes = shapes.index_count(notes)
        n_concepts = notes - n_books - 1 - n_indexes
        folders = self._folders(notes)
        self.folder_count = len(folders) + 2  # + Books, Attachments
        self.domains = sorted({d for _, d in folders})
        weights = list(itertools.accumulate(rng.lognormvariate(0, 0.6) for _ in folders))

        for i in range(n_books):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            book = _Plan(
                len(self.plans),
                self._unique(self._book_title),
                "Books",
                i % len(self.domains),
                "book",
            )
            book.author = f"{first} {last}"
            book.year = rng.randint(1962, 2023)
            sub = self._unique(
                lambda: title_case(
                    f"a field guide to {self.prose.word('A')} {plural(self.prose.word('N'))}"
                )
            )
            book.aliases = (sub,)
            self.books.append(book)
            self.plans.append(book)

        concepts: list[_Plan] = []
        for _ in range(n_concepts):
            folder, domain = rng.choices(folders, cum_weights=weights)[0]
            kind = "framework" if rng.random() < 0.15 else "concept"
            plan = _Plan(len(self.plans), self._unique(self._concept_title), folder, domain, kind)
            plan.stub = rng.random() < 0.1
            concepts.append(plan)
            self.plans.append(plan)
        # a few names used twice, in different folders (resolution must rank them)
        for plan in rng.sample(concepts, notes // 300):
            other = rng.choice(concepts)
            if other.folder != plan.folder and not other.duplicate and not plan.duplicate:
                self.taken.discard(plan.title.lower())
                plan.title, plan.duplicate, other.duplicate = other.title, True, True
                plan.__post_init__()
        for plan in concepts:
            if not plan.duplicate and not plan.stub and rng.random() < 0.12:
                plan.block_id = f"def-{plan.index:x}"
            if rng.random() < 0.35:
                plan.aliases = self._aliases(plan)
            sub_tag = plan.folder.split("/")[1].lower()
            plan.tags = (f"{DOMAINS[plan.domain].lower()}/{sub_tag}", rng.choice(GENERAL_TAGS))
        clean = [p for p in concepts if not p.duplicate]
        odd = rng.sample(clean, min(len(clean), max(1, round(notes * 0.005)) + self._n_cp1252()))
        for plan in odd[: self._n_cp1252()]:
            plan.cp1252 = True
        for plan in odd[self._n_cp1252() :]:
            plan.malformed = True
            plan.aliases = ()  # nobody can link by an alias a broken header hides
        for plan in concepts:
            r = rng.random()
            plan.crlf = r < 0.01 and not plan.cp1252
            plan.bom = 0.01 <= r < 0.012 and not plan.cp1252

        shapes.reshape(self, concepts)
        self.taken.add("home")  # concept titles have two words or more: never "Home"
        self.home = _Plan(len(self.plans), "Home", "", -1, "home")
        self.plans.append(self.home)
        self.indexes = [
            _Plan(len(self.plans) + k, f"Index {k + 1} of All Notes", "Indexes", -1, "index")
            for k in range(n_indexes)
        ]
        self.plans += self.indexes
        self.huge_notes: list[_Plan] = []
        if self.huge:
            for title in ("Every Link", "One Long Line"):
                self.huge_notes.append(_Plan(len(self.plans), title, "Huge", -1, "huge"))
                self.plans.append(self.huge_notes[-1])
        self.concepts = concepts
        self.frameworks = [p for p in concepts if p.kind == "framework"] or concepts
        self.by_folder: dict[str, list[_Plan]] = {}
        self.by_domain: dict[int, list[_Plan]] = {}
        for plan in concepts:
            self.by_folder.setdefault(plan.folder, []).append(plan)
            self.by_domain.setdefault(plan.domain, []).append(plan)
        self.hubs = list(concepts)
        rng.shuffle(self.hubs)
        self.hub_cum = _zipf(len(self.hubs), offset=10.0)
        self.book_cum = _zipf(len(self.books), offset=3.0)
        self.ghosts = [
            self._unique(lambda: title_case(f"{self.prose.word('A')} {self.prose.word('Ns')}"))
            for _ in range(max(10, notes // 25))
        ]
        self.ghost_cum = _zipf(len(self.ghosts), offset=2.0)
        self.count.inbound = [0] * len(self.plans)

    def _n_cp1252(self) -> int:
        return max(3, self.total // 2000) if self.total >= 100 else 1

    def _aliases(self, plan: _Plan) -> tuple[str, ...]:
        out: list[str] = []
        words = plan.title.split()
        acronym = "".join(w[0] for w in words if w[0].isupper())
        if len(acronym) >= 3 and acronym.lower() not in self.taken:
            self.taken.add(acronym.lower())
            out.append(acronym)
        if not out or self.rng.random() < 0.3:
            alias = self._try_unique(
                lambda: title_case(f"{self.prose.word('A')} {words[-1].lower()}"), 5
            )
            if alias is not None:  # a name family can run out of adjectives
                out.append(alias)
        return tuple(out)

    # -- links ----------------------------------------------------------------------
    def _target(self, src: _Plan) -> _Plan:
        """Same folder 40%, same domain 25%, else a Zipf draw over all notes (hubs)."""
        rng = self.rng
        r = rng.random()
        if r < 0.65 and src.domain in self.by_domain:
            pool = self.by_folder[src.folder] if r < 0.4 else self.by_domain[src.domain]
            target = pool[int(rng.random() * len(pool))]
        else:
            target = rng.choices(self.hubs, cum_weights=self.hub_cum)[0]
        if target is src:
            target = self.hubs[0] if self.hubs[0] is not src else self.hubs[1]
        return target

    def link(self, src: _Plan, target: _Plan | None = None, plain: bool = False) -> str:
        """One link from ``src`` in a random form; ~2% name nothing that exists."""
        rng, count = self.rng, self.count
        count.links += 1
        if target is None and rng.random() < 0.026:
            count.unresolved += 1
            return f"[[{rng.choices(self.ghosts, cum_weights=self.ghost_cum)[0]}]]"
        if target is None:
            target = self._target(src)
        count.inbound[target.index] += 1
        name = target.title
        r = 0.0 if plain else rng.random()
        if r < 0.64 or target.duplicate:
            if target.duplicate and r >= 0.64:
                return f"[[{target.path[:-3]}]]"
            return f"[[{name}]]"
        if r < 0.72:
            return f"[[{name}|{name.lower()}]]"
        if r < 0.77 and target.kind in ("concept", "framework") and not target.stub:
            return f"[[{name}#{rng.choice(('The Concept Defined', 'Continue Exploring'))}]]"
        if r < 0.82:
            path = target.path[:-3]
            if rng.random() < 0.3 and path.count("/") > 1:
                path = path.split("/", 1)[1]  # Obsidian accepts a path's tail
            return f"[[{path}]]"
        if r < 0.88:
            if rng.random() < 0.5:
                url = quote(posixpath.relpath(target.path, src.folder or "."))
            else:
                url = quote(target.title + ".md")
            return f"[{name.lower()}]({url})"
        if r < 0.91 and target.block_id:
            return f"[[{name}#^{target.block_id}|{name.lower()}]]"
        if r < 0.95 and target.aliases:
            return f"[[{rng.choice(target.aliases)}]]"
        return f"[[{name}]]"

    def fake(self) -> str:
        self.count.fake += 1
        return f"Example Only {title_case(self.prose.word('N'))}"

    # -- text -------------------------------------------------------------------------
    def para(self, src: _Plan, sentences: int, links: int) -> str:
        rng = self.rng
        parts = rng.choices(self.prose.sentences, k=max(1, sentences))
        pool = self.prose.link_sentences
        for _ in range(links):
            pick = pool[int(rng.random() * len(pool))]
            at = int(rng.random() * (len(parts) + 1))
            parts.insert(at, pick.replace("\0", self.link(src), 1))
        return " ".join(parts)

    def sentence(self) -> str:
        pool = self.prose.sentences
        return pool[int(self.rng.random() * len(pool))]

    def lower_sentence(self) -> str:
        text = self.sentence()
        return text[:1].lower() + text[1:]

    def front_matter(self, plan: _Plan) -> str | None:
        rng = self.rng
        extra = plan.aliases or plan.malformed or plan.long_fm or plan.related
        if not extra and rng.random() < 0.15:
            return None
        lines = ["---"]
        if plan.malformed:
            broken = rng.randrange(4)
            a, b = title_case(self.prose.word("N")), title_case(self.prose.word("N"))
            if broken == 0:
                lines += [f"type: {plan.kind}", f"aliases: [{a}, {b}"]
            elif broken == 1:
                lines += [f"tags: [{plan.tags[0]}, {plan.tags[1]}", f"type: {plan.kind}"]
            elif broken == 2:
                lines += [f'title: "{plan.title}', f"type: {plan.kind}"]
            else:
                lines += [f"type: {plan.kind}", f"summary: {a}: {b} and more"]
            lines.append("---")
            return "\n".join(lines)
        lines.append(f"type: {plan.kind}")
        style = rng.random()
        if plan.aliases:
            if style < 0.5:
                lines.append(f"aliases: [{', '.join(plan.aliases)}]")
            elif style < 0.85 or len(plan.aliases) > 1:
                lines += ["aliases:", *(f"  - {a}" for a in plan.aliases)]
            else:
                lines.append(f"aliases: {plan.aliases[0]}")
        if style < 0.6:
            lines.append(f"tags: [{', '.join(plan.tags)}]")
        elif style < 0.9:
            lines += ["tags:", *(f"  - {t}" for t in plan.tags)]
        else:
            lines.append(f"tags: {' '.join(plan.tags)}")
        if rng.random() < 0.5:
            lines.append(f"created: {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-01")
        if rng.random() < 0.2:
            lines.append(f"status: {rng.choice(('draft', 'stable', 'review'))}")
        if plan.related:
            lines += shapes.related_property(self, plan)
        if plan.long_fm:
            lines += shapes.long_front_matter(self)
        lines.append("---")
        return "\n".join(lines)

    def concept(self, plan: _Plan) -> str:
        rng = self.rng
        blocks: list[str] = []
        fm = self.front_matter(plan)
        if fm is not None:
            blocks.append(fm)
        size = min(3.5, rng.lognormvariate(-0.06, 0.42))  # length varies note to note

        def n(base: float) -> int:
            return max(1, round(base * size + rng.random() - 0.5))

        if rng.random() < 0.7:
            blocks.append(f"# {plan.title}")
        intro = f"**{plan.title}** {rng.choice(DEFINITIONS)} {self.lower_sentence()} "
        blocks.append(intro + self.para(plan, n(1.5), 1))
        if plan.cp1252:
            blocks.append("Naïve readers call it the café effect — a résumé of old habits.")
        if plan.stub:
            blocks.append("## Continue Exploring")
            blocks.append("\n".join(f"- {self.link(plan)}" for _ in range(rng.randint(1, 3))))
            return self._finish(plan, blocks)

        blocks.append("## The Concept Defined")
        first = self.para(plan, n(3), rng.randint(0, 2))
        if plan.block_id:
            first += f" ^{plan.block_id}"
        blocks.append(first)
        for _ in range(n(0.8)):
            blocks.append(self.para(plan, n(3), rng.randint(0, 2)))
        if rng.random() < 0.25:
            blocks.append(f"{self.sentence()} #{rng.choice(GENERAL_TAGS)} #{plan.tags[0]}")
        if rng.random() < 0.03:
            blocks.append(
                f"See issue #{rng.randint(1, 999)} in the tracker; {self.lower_sentence()}"
            )

        if rng.random() < 0.8:
            blocks.append("## Key Frameworks")
            items = []
            for _ in range(rng.randint(1, 3)):
                fw = rng.choice(self.frameworks)
                shown = self.link(plan, fw if fw is not plan else None, plain=True)
                items.append(f"- **{shown}**: {self.sentence()}")
            blocks.append("\n".join(items))

        if rng.random() < 0.6 and self.books:
            self._perspectives(plan, blocks, n)

        if rng.random() < 0.35:
            blocks.append("## In Practice")
            blocks.append(self.para(plan, n(2), 1))
            r = rng.random()
            if r < 0.5:
                blocks.append(rng.choice(CODE_SNIPPETS).replace("{F}", self.fake()))
            elif r < 0.75:
                blocks.append(
                    f"Write the link as `[[{self.fake()}]]` in a template; {self.lower_sentence()}"
                )
            else:
                blocks.append(f"    [[{self.fake()}]] <- an indented code sample")
        if rng.random() < 0.02:
            self.count.links += 1  # an attachment embed: a link, but no edge
            blocks.append(f"![[figure-{rng.randrange(6)}.png]]")
        if rng.random() < 0.03:
            blocks.append("!" + self.link(plan, plain=True))  # an embed on its own line

        blocks.append("## Continue Exploring")
        items = [f"- {self.link(plan)} — {self.lower_sentence()}" for _ in range(n(4))]
        if rng.random() < 0.05:
            self.count.links += 1
            items.append("- [[#The Concept Defined|Back to the definition]]")
        blocks.append("\n".join(items))

        r = rng.random()
        if r < 0.08:
            blocks.append(f"%% todo: merge with [[{self.fake()}]] %%")
        elif r < 0.12:
            blocks.append(f"%%\nReviewer: compare with [[{self.fake()}]].\n%%")
        elif r < 0.14:
            blocks.append(f"<!-- draft link [[{self.fake()}]] -->")
        if plan.footer:
            blocks.append(shapes.footer(self))
        return self._finish(plan, blocks)

    def _perspectives(self, plan: _Plan, blocks: list[str], n: Callable[[float], int]) -> None:
        rng = self.rng
        heading = rng.choices(
            ("## The Multi-Book View", "## Perspectives", "## What the Books Say"),
            cum_weights=(0.8, 0.9, 1.0),
        )[0]
        blocks.append(heading)
        chosen: list[_Plan] = []
        for _ in range(rng.randint(2, 4)):
            book = rng.choices(self.books, cum_weights=self.book_cum)[0]
            if book not in chosen:
                chosen.append(book)
        for book in chosen:
            self.book_concepts.setdefault(book.index, []).append(plan.index)
            claim = rng.choice(CLAIM_VERBS)
            form = rng.random()
            body = self.para(plan, n(2), int(rng.random() < 0.4))
            if form < 0.4:
                text = f"In *{book.title}*, {book.author} {claim} that {self.lower_sentence()} "
            elif form < 0.65:
                text = f"{book.author} {claim} that {self.lower_sentence()} "
            elif form < 0.85:
                text = f"{self.link(plan, book, plain=True)} {claim} that {self.lower_sentence()} "
            else:
                blocks.append(f"### {book.title}")
                text = ""
            if rng.random() < 0.25:
                other = rng.choice(self.books)
                if other is not book:
                    last = other.author.split()[-1]
                    body += (
                        f" This extends {last}'s {self.prose.word('N')} rather than replacing it."
                    )
            blocks.append(text + body)
        if len(chosen) >= 2 and rng.random() < 0.6:
            blocks.append(rng.choice(("## Contradicting & Competing Perspectives", "## Tensions")))
            a, b = chosen[0], chosen[1]
            blocks.append(
                f"{a.author} and {b.author} pull in different directions here. "
                f"*{a.title}* holds that {self.lower_sentence()} "
                f"*{b.title}* answers that {self.lower_sentence()}"
            )

    def book(self, plan: _Plan) -> str:
        rng = self.rng
        blocks = [
            "\n".join(
                (
                    "---",
                    "type: book",
                    f"author: {plan.author}",
                    f"year: {plan.year}",
                    f"aliases: [{plan.aliases[0]}]",
                    f"tags: [book, {DOMAINS[plan.domain].lower()}]",
                    "---",
                )
            ),
            f"# {plan.title}",
            f"*{plan.aliases[0]}* — {plan.author}, {plan.year}. {self.para(plan, 2, 0)}",
            "## Summary",
            self.para(plan, rng.randint(3, 7), 0),
        ]
        concepts = self.book_concepts.get(plan.index, [])[:25]
        if concepts:
            blocks.append("## Key Ideas")
            items = [
                f"- {self.link(plan, self.plans[i], plain=True)} — {self.lower_sentence()}"
                for i in concepts
            ]
            blocks.append("\n".join(items))
        related = [b for b in rng.sample(self.books, min(3, len(self.books))) if b is not plan]
        if related:
            blocks.append("## Related Books")
            blocks.append("\n".join(f"- {self.link(plan, b, plain=True)}" for b in related))
        return self._finish(plan, blocks)

    def home_text(self) -> str:
        blocks = [f"# {self.home.title}", self.sentence(), "## Most Linked"]
        top = sorted(self.concepts, key=lambda p: (-self.count.inbound[p.index], p.index))[:20]
        blocks.append("\n".join(f"- {self.link(self.home, p, plain=True)}" for p in top))
        blocks.append("## Books")
        blocks.append(
            "\n".join(f"- {self.link(self.home, b, plain=True)}" for b in self.books[:20])
        )
        return self._finish(self.home, blocks)

    def _finish(self, plan: _Plan, blocks: list[str]) -> str:
        return "\n\n".join(blocks) + "\n"

    # -- writing ------------------------------------------------------------------------
    def write(self) -> tuple[int, dict[int, int]]:
        folders = {p.folder for p in self.plans} | {"Attachments", ".obsidian", ".trash"}
        for folder in sorted(folders):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        for k in range(6):
            (self.root / "Attachments" / f"figure-{k}.png").write_bytes(PNG_1X1)
        (self.root / ".obsidian" / "app.json").write_text('{"alwaysUpdateLinks": true}\n')
        (self.root / ".trash" / "Deleted Draft.md").write_text("# Deleted Draft\n\n[[Home]]\n")
        sizes: dict[int, int] = {}
        total = 0
        for plan in self.concepts:
            total += self._write(plan, self.concept(plan), sizes)
        for plan in self.books:  # after the concepts: books list what names them
            total += self._write(plan, self.book(plan), sizes)
        total += self._write(self.home, self.home_text(), sizes)
        for plan in self.indexes:
            total += self._write(plan, shapes.index_text(self, plan), sizes)
        if self.huge_notes:
            every, line = self.huge_notes
            total += self._write(every, shapes.huge_list(self, every), sizes)
            total += self._write(line, shapes.huge_line(self, line), sizes)
        return total, sizes

    def _write(self, plan: _Plan, text: str, sizes: dict[int, int]) -> int:
        if plan.crlf:
            text = text.replace("\n", "\r\n")
        # an editor saving in cp1252 writes "?" for what it cannot hold (an emoji
        # note's name in a link: at 100,000 notes some legacy note links one)
        data = text.encode("cp1252", errors="replace") if plan.cp1252 else text.encode("utf-8")
        if plan.bom:
            data = b"\xef\xbb\xbf" + data
        with open(self.root / plan.path, "wb") as handle:
            handle.write(data)
        sizes[plan.index] = len(data)
        return len(data)

    def edit_candidates(self, sizes: dict[int, int], limit: int = 64) -> tuple[str, ...]:
        """Mid-sized (40th-60th percentile), well-formed concept notes with backlinks."""
        ordered = sorted(sizes.values())
        lo, hi = ordered[len(ordered) * 2 // 5], ordered[len(ordered) * 3 // 5]
        fit = [
            p.path
            for p in self.concepts
            if lo <= sizes[p.index] <= hi
            and self.count.inbound[p.index] > 0
            and not (p.stub or p.duplicate or p.malformed or p.cp1252 or p.crlf or p.bom)
        ]
        self.rng.shuffle(fit)
        return tuple(fit[:limit])


def generate(
    out_dir: Path, notes: int, seed: int = 7, *, overwrite: bool = False, huge: bool = False
) -> GeneratedVault:
    """Write a vault of ``notes`` notes into ``out_dir``; same seed, same bytes.

    ``out_dir`` must be missing or empty unless ``overwrite`` is set, in which
    case it is deleted first. A marker file (hidden) records the parameters.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out_dir} is not empty (use overwrite=True / --force)")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    builder = _Builder(out_dir, notes, seed, huge)
    total, sizes = builder.write()
    plans = builder.plans
    result = GeneratedVault(
        root=out_dir,
        notes=len(plans),
        seed=seed,
        bytes=total,
        books=len(builder.books),
        folders=builder.folder_count,
        links=builder.count.links,
        unresolved_links=builder.count.unresolved,
        fake_links=builder.count.fake,
        malformed_yaml=tuple(sorted(p.path for p in plans if p.malformed)),
        non_utf8=tuple(sorted(p.path for p in plans if p.cp1252)),
        edit_candidates=builder.edit_candidates(sizes),
        seconds=round(time.perf_counter() - started, 3),
        huge=huge,
    )
    (out_dir / MARKER).write_text(json.dumps(result.to_json(), indent=1) + "\n")
    return result


def read_marker(root: Path) -> GeneratedVault | None:
    """The record `generate` left in ``root``, or None if there is none (or unreadable)."""
    try:
        return GeneratedVault.from_json(json.loads((root / MARKER).read_text()))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--notes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="replace a non-empty OUT_DIR")
    parser.add_argument(
        "--huge",
        action="store_true",
        help="add a note of 100,000 links and one of a single 5 MB line (off by default, "
        "so vault sizes stay comparable)",
    )
    args = parser.parse_args(argv)
    try:
        vault = generate(args.out_dir, args.notes, args.seed, overwrite=args.force, huge=args.huge)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"{vault.notes} notes, {vault.bytes / 1e6:.1f} MB, {vault.links} links "
        f"({vault.links / vault.notes:.1f} a note, {vault.unresolved_links} unresolved), "
        f"{vault.books} books, {vault.folders} folders, written in {vault.seconds:.1f} s "
        f"to {vault.root}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
