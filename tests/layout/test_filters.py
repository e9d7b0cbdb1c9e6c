"""Which nodes the map shows, and how they are coloured (no Qt)."""

from __future__ import annotations

from conftest import memory_vault
from syntopic.layout.colours import colour_nodes
from syntopic.layout.filters import GraphFilter, neighbourhood, title_matches, visible_nodes
from syntopic.layout.snapshot import GraphSnapshot

VAULT = [
    ("Concepts/A.md", "---\ntype: concept\ntags: [trust/deep]\n---\n[[B]] [[Ghost]]"),
    ("Concepts/B.md", "---\ntype: concept\ntags: [money]\n---\n[[C]]"),
    ("Frameworks/C.md", "---\ntype: framework\n---\n[[D]]"),
    ("D.md", "end of the chain"),
    ("Books/Book.md", "---\ntype: book\n---\n[[Only Ghost]]"),
    ("Lonely.md", "nothing"),
]


def names(snap: GraphSnapshot, found: set[int]) -> set[str]:
    return {snap.nodes[i].id for i in found}


def snapshot() -> GraphSnapshot:
    return GraphSnapshot.from_graph(memory_vault(VAULT).graph)


def test_each_filter_hides_what_it_says() -> None:
    snap = snapshot()
    everything = names(snap, visible_nodes(snap, GraphFilter()))
    assert everything == set(snap.ids)
    no_ghosts = names(snap, visible_nodes(snap, GraphFilter(hide_ghosts=True)))
    assert everything - no_ghosts == {"ghost:ghost", "ghost:only ghost"}
    no_books = names(snap, visible_nodes(snap, GraphFilter(hide_books=True)))
    assert everything - no_books == {"Books/Book.md"}
    frameworks = visible_nodes(snap, GraphFilter(kinds=frozenset({"framework"})))
    assert names(snap, frameworks) == {"Frameworks/C.md"}
    tagged = visible_nodes(snap, GraphFilter(tags=frozenset({"trust"})))
    assert names(snap, tagged) == {"Concepts/A.md"}  # nested trust/deep counts
    queried = visible_nodes(snap, GraphFilter(paths=frozenset({"D.md", "Lonely.md"})))
    assert names(snap, queried) == {"D.md", "Lonely.md"}


def test_orphans_are_judged_after_the_other_filters() -> None:
    snap = snapshot()
    plain = names(snap, visible_nodes(snap, GraphFilter(hide_orphans=True)))
    assert "Lonely.md" not in plain and "Books/Book.md" in plain
    both = names(snap, visible_nodes(snap, GraphFilter(hide_orphans=True, hide_ghosts=True)))
    assert "Books/Book.md" not in both  # its only link went to a hidden ghost


def test_neighbourhood_grows_with_depth() -> None:
    snap = snapshot()
    a = snap.index["Concepts/A.md"]
    assert names(snap, neighbourhood(snap, a, 1)) == {
        "Concepts/A.md",
        "Concepts/B.md",
        "ghost:ghost",
    }
    assert "Frameworks/C.md" in names(snap, neighbourhood(snap, a, 2))
    assert "D.md" not in names(snap, neighbourhood(snap, a, 2))
    assert "D.md" in names(snap, neighbourhood(snap, a, 3))


def test_title_fallback_ignores_case() -> None:
    snap = snapshot()
    assert title_matches(snap, "lone") == {"Lonely.md"}


def test_colour_by_kind_folder_tag_and_community() -> None:
    snap = snapshot()
    kind = colour_nodes(snap, "kind")
    label = {e.label: e for e in kind.legend}
    assert label["concept"].count == 2  # declared; D and Lonely have no type
    assert label["note"].count == 2
    assert label["ghost"].count == 2
    a, c = snap.index["Concepts/A.md"], snap.index["Frameworks/C.md"]
    assert kind.legend[kind.groups[a]].label == "concept"
    assert kind.legend[kind.groups[c]].label == "framework"
    folder = colour_nodes(snap, "folder")
    assert folder.legend[folder.groups[a]].label == "Concepts"
    tag = colour_nodes(snap, "tag")
    assert tag.legend[tag.groups[a]].label == "#trust"
    assert tag.legend[tag.groups[c]].label == "untagged"
    community = colour_nodes(snap, "community")
    assert community.legend[community.groups[snap.index["Lonely.md"]]].label == "unlinked"
    assert sum(e.count for e in community.legend) == len(snap)


def test_communities_split_two_groups() -> None:
    left = [(f"L{i}.md", " ".join(f"[[L{j}]]" for j in range(5) if j != i)) for i in range(5)]
    right = [(f"R{i}.md", " ".join(f"[[R{j}]]" for j in range(5) if j != i)) for i in range(5)]
    snap = GraphSnapshot.from_graph(memory_vault([*left, *right]).graph)
    groups = colour_nodes(snap, "community").groups
    assert len({groups[snap.index[f"L{i}.md"]] for i in range(5)}) == 1
    assert groups[snap.index["L0.md"]] != groups[snap.index["R0.md"]]
