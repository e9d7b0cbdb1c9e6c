"""One count of each kind everywhere: navigator groups, graph legend, matrix summary."""

from __future__ import annotations

from conftest import memory_vault
from syntopic.core.overview import note_groups, type_label
from syntopic.layout.colours import colour_nodes
from syntopic.layout.snapshot import GraphSnapshot
from syntopic.ui.matrix_view import rows_summary, sorted_matrix

CONCEPT = "---\ntype: concept\n---\n## The Multi-Book View\n\nIn [[Influence]] Cialdini shows it.\n"
PAIRS = [
    ("Books/Influence.md", "---\ntype: book\nauthor: Robert Cialdini\n---\nA book.\n"),
    ("Books/Pre-Suasion.md", "A book by its folder.\n"),
    ("Concepts/Liking.md", CONCEPT),
    ("Concepts/Trust.md", "## Perspectives\n\nIn [[Influence]] trust grows. See [[Unwritten]].\n"),
    ("Frameworks/Ladder.md", "---\ntype: framework\n---\n## Perspectives\n\n[[Influence]] says.\n"),
    ("loose.md", "Just a note.\n"),
]


def test_navigator_legend_and_matrix_count_the_same_kinds(qapp: object) -> None:
    vault = memory_vault(PAIRS)
    navigator = {g.label: g.count for g in note_groups(vault)}
    legend = {
        e.label: e.count
        for e in colour_nodes(GraphSnapshot.from_graph(vault.graph), "kind").legend
        if e.label != "ghost"
    }
    assert navigator == {type_label(kind): n for kind, n in legend.items()}
    assert navigator == {"Books": 2, "Concepts": 2, "Frameworks": 1, "Notes": 1}
    assert sum(navigator.values()) == len(vault.notes), "every note is in the Notes tree"
    matrix, _ = sorted_matrix(vault)
    # the matrix's rows: every note a book speaks to, named by the same kinds
    assert rows_summary(vault, matrix.concepts) == "2 concepts, 1 framework"
