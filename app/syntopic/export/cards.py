"""Flashcards: a CSV that Anki imports, and an Anki deck (.apkg) through genanki.

Each concept gives one card for its definition and one for each book's
perspective on it. The CSV starts with Anki's header lines (separator, HTML,
column names, which column holds tags), then one row per card:
Front, Back, Tags.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from syntopic.core.books import plain_text
from syntopic.core.vault import Vault
from syntopic.export.files import ExportError, Progress, atomic_output, step

CARD_FORMATS = ("csv", "apkg")
CSV_COLUMNS = ("Front", "Back", "Tags")
CSV_HEADER = (
    "#separator:comma",
    "#html:true",
    "#columns:" + ",".join(CSV_COLUMNS),
    "#tags column:3",
)


@dataclass(frozen=True, slots=True)
class Card:
    key: str  # stable identity (re-importing updates rather than duplicates)
    front: str  # HTML
    back: str  # HTML
    tags: tuple[str, ...]


def _tag(text: str) -> str:
    """An Anki tag: no spaces; '::' nests."""
    return re.sub(r"[\s\"]+", "_", text.strip()).strip("_").lower() or "untitled"


def _html_paragraphs(markdown: str) -> str:
    paragraphs = [plain_text(p) for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]
    return "<br><br>".join(html.escape(p) for p in paragraphs if p)


def make_cards(
    vault: Vault, concepts: Sequence[str], progress: Progress | None = None
) -> list[Card]:
    included = list(dict.fromkeys(concepts))
    if not included:
        raise ExportError("no concepts to make cards from")
    cards: list[Card] = []
    for i, path in enumerate(included):
        note = vault.notes.get(path)
        if note is None:
            raise ExportError(f"no note '{path}' in the vault")
        step(progress, i, len(included) + 1, f"Cards for {note.title}")
        concept_tag = "concept::" + _tag(note.title)
        title = html.escape(note.title)
        definition = _html_paragraphs(note.summary) or "<i>No definition written yet.</i>"
        cards.append(Card(f"{path}#definition", title, definition, ("syntopic", concept_tag)))
        for p in vault.perspectives(path).perspectives:
            who = p.label
            if p.book is not None and p.book.authors:
                who += f" ({', '.join(p.book.authors)})"
            front = f"{title}<br><small>according to {html.escape(who)}</small>"
            back = "<br><br>".join(_html_paragraphs(b.text) for b in p.blocks)
            tags = ("syntopic", concept_tag, "book::" + _tag(p.label))
            cards.append(Card(f"{path}#{p.key}", front, back, tags))
    return cards


def _write_csv(cards: list[Card], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        for line in CSV_HEADER:
            f.write(line + "\n")
        writer = csv.writer(f, lineterminator="\n")
        for card in cards:
            writer.writerow([card.front, card.back, " ".join(card.tags)])


def _stable_id(text: str) -> int:
    """A positive 31-bit id from text, the same on every run (Anki wants ints)."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:4], "big") >> 1 | 1 << 29


def _write_apkg(cards: list[Card], path: Path, deck_name: str) -> None:
    try:
        import genanki  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise ExportError("writing .apkg needs the genanki package") from exc
    model = genanki.Model(
        _stable_id("syntopic concept card"),
        "Syntopic concept",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Concept",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=".card { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 18px;"
        " text-align: left; color: #1f2328; background: #ffffff; }",
    )
    deck = genanki.Deck(_stable_id("syntopic deck " + deck_name), deck_name)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[card.front, card.back],
                tags=list(card.tags),
                guid=genanki.guid_for(card.key),
            )
        )
    genanki.Package(deck).write_to_file(str(path))


def write_cards(
    vault: Vault,
    concepts: Sequence[str],
    path: Path,
    *,
    deck_name: str = "Syntopic",
    overwrite: bool = False,
    progress: Progress | None = None,
) -> list[Card]:
    """Write cards as .csv or .apkg (by suffix), atomically; return them."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in CARD_FORMATS:
        raise ExportError(f"unknown flashcard format '{path.suffix}' (use .csv or .apkg)")
    with atomic_output(path, overwrite) as tmp:
        cards = make_cards(vault, concepts, progress)
        count = len(dict.fromkeys(concepts))
        step(progress, count, count + 1, "Saving")
        if fmt == "csv":
            _write_csv(cards, tmp)
        else:
            _write_apkg(cards, tmp, deck_name)
    if progress is not None:
        progress(1, 1, "Done")
    return cards
