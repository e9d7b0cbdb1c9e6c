"""Flashcards: the CSV Anki imports, and the .apkg deck."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

import pytest

from conftest import memory_vault
from export.sample import PAIRS
from syntopic.export import cards
from syntopic.export.files import ExportError


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    header = [line.strip() for line in lines if line.startswith("#")]
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    return header, rows


def test_csv_has_anki_headers_and_one_card_per_definition_and_perspective(
    tmp_path: Path,
) -> None:
    vault = memory_vault(PAIRS)
    out = tmp_path / "cards.csv"
    made = cards.write_cards(vault, ["Concepts/Giving.md", "Concepts/Trust.md"], out)
    header, rows = read_csv(out)
    assert "#separator:comma" in header and "#html:true" in header
    assert "#columns:Front,Back,Tags" in header and "#tags column:3" in header
    assert all(len(r) == 3 for r in rows)
    assert len(rows) == len(made) == 2 + 3 + 1  # two definitions, 3 + 1 perspectives
    fronts = [r[0] for r in rows]
    assert fronts[0] == "Giving"
    assert rows[0][1] == "Giving first creates a felt debt that people hurry to repay."
    assert "Giving<br><small>according to The Ledger (Ben Brook)</small>" in fronts
    ledger = rows[fronts.index("Giving<br><small>according to The Ledger (Ben Brook)</small>")]
    assert "counts every favour" in ledger[1] and "[[" not in ledger[1]
    assert ledger[2].split() == ["syntopic", "concept::giving", "book::the_ledger"]


def test_apkg_is_an_anki_package_with_every_card(tmp_path: Path) -> None:
    vault = memory_vault(PAIRS)
    out = tmp_path / "deck.apkg"
    made = cards.write_cards(vault, ["Concepts/Giving.md"], out, deck_name="Study")
    with zipfile.ZipFile(out) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        fields = [row[0] for row in db.execute("select flds from notes")]
    finally:
        db.close()
    assert len(fields) == len(made) == 4
    assert any(f.startswith("Giving\x1fGiving first creates") for f in fields)


def test_cards_need_concepts_and_a_known_format(tmp_path: Path) -> None:
    vault = memory_vault(PAIRS)
    with pytest.raises(ExportError):
        cards.write_cards(vault, [], tmp_path / "c.csv")
    with pytest.raises(ExportError):
        cards.write_cards(vault, ["Concepts/Giving.md"], tmp_path / "c.txt")
    assert list(tmp_path.iterdir()) == []
