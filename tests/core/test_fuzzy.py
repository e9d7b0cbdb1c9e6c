"""The quick switcher's ranking: what a person typing expects to see first."""

from __future__ import annotations

from syntopic.core.fuzzy import rank, score

ENTRIES = [
    ("Reciprocity.md", "Reciprocity"),
    ("Reciprocity.md", "Give First"),
    ("Reciprocal Concessions.md", "Reciprocal Concessions"),
    ("Social Proof.md", "Social Proof"),
    ("Rejection.md", "The Rejection-Then-Retreat Technique"),
    ("Results.md", "Results in Advance"),
]


def test_prefix_beats_substring_beats_scattered() -> None:
    assert [m.path for m in rank("recip", ENTRIES)][:2] == [
        "Reciprocity.md",
        "Reciprocal Concessions.md",
    ]
    assert rank("retreat", ENTRIES)[0].path == "Rejection.md"
    assert [m.label for m in rank("rtt", ENTRIES)] == ["The Rejection-Then-Retreat Technique"]


def test_aliases_match_and_each_note_appears_once() -> None:
    hits = rank("give", ENTRIES)
    assert [(m.path, m.label) for m in hits] == [("Reciprocity.md", "Give First")]
    assert len({m.path for m in rank("r", ENTRIES)}) == len(rank("r", ENTRIES))


def test_positions_point_at_the_matched_letters() -> None:
    found = score("sp", "Social Proof")
    assert found is not None
    _, positions = found
    assert [("Social Proof")[i] for i in positions] == ["S", "P"]
    assert score("xyz", "Social Proof") is None


def test_empty_query_lists_everything() -> None:
    assert len(rank("", ENTRIES)) == 5
