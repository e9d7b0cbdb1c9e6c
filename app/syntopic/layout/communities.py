"""Communities of linked notes (seeded Leiden), and a short name for each: the atlas."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from syntopic.layout.rng import seeded
from syntopic.layout.simple import simple_graph
from syntopic.layout.snapshot import GraphSnapshot

SEED = 7
FOLDER_SHARE = 0.6  # a community this much in one folder is named after the folder
NAME_CHARS = 30


def detect(count: int, edges: Sequence[tuple[int, int]], seed: int = SEED) -> list[int]:
    """A community number for each of ``count`` nodes joined by ``edges``.

    Leiden on modularity, two passes (igraph, in C: 0.07 s at 10,000 nodes; to
    convergence took 12 s at 50,000),
    seeded; numbered by size, the largest 0, ties by their first node; -1 for
    a node with no links (a community of one says nothing).
    """
    graph = simple_graph(count, edges)
    if not graph.ecount():
        return [-1] * count
    with seeded(seed):
        found = graph.community_leiden(objective_function="modularity", n_iterations=2)
    membership = found.membership
    degree = graph.degree()
    first: dict[int, int] = {}
    sizes: Counter[int] = Counter()
    for i, m in enumerate(membership):
        if degree[i]:
            first.setdefault(m, i)
            sizes[m] += 1
    order = sorted(sizes, key=lambda m: (-sizes[m], first[m]))
    number = {m: k for k, m in enumerate(order)}
    return [number[m] if degree[i] else -1 for i, m in enumerate(membership)]


def of_snapshot(snapshot: GraphSnapshot, seed: int = SEED) -> list[int]:
    return detect(len(snapshot), [(u, v) for u, v, _ in snapshot.edges], seed)


def carried_over(snapshot: GraphSnapshot, known: Mapping[str, int]) -> list[int]:
    """Communities for ``snapshot`` from an earlier detection (by node id); a node new
    since then joins the commonest community among its neighbours (none: -1)."""
    out = [known.get(node.id, -1) if snapshot.neighbours[i] else -1
           for i, node in enumerate(snapshot.nodes)]  # fmt: skip
    for i, node in enumerate(snapshot.nodes):
        if node.id not in known and snapshot.neighbours[i]:
            votes = Counter(out[j] for j in snapshot.neighbours[i] if out[j] >= 0)
            if votes:
                out[i] = min(votes, key=lambda m: (-votes[m], m))
    return out


def names(snapshot: GraphSnapshot, groups: Mapping[int, Sequence[int]]) -> dict[int, str]:
    """What each community (number -> its members) is about: the folder most of it
    shares, else its two best-linked notes; a folder two communities share gets
    each one's best-linked note after it."""
    out: dict[int, str] = {}
    hubs: dict[int, list[int]] = {}
    for m, members in groups.items():
        written = [i for i in members if snapshot.nodes[i].kind != "ghost"] or list(members)
        hubs[m] = sorted(written, key=lambda i: (-snapshot.degree(i), snapshot.nodes[i].title))
        folder = _shared_folder(snapshot, written)
        titles = [snapshot.nodes[i].title for i in hubs[m][:2]]
        out[m] = folder.rsplit("/", 1)[-1] if folder else " · ".join(titles)
    repeated = Counter(out.values())
    for m, text in out.items():
        if repeated[text] > 1:
            hub = snapshot.nodes[hubs[m][0]].title
            # a hub note named after its folder ("🗂️ Plugins" in Plugins) names it alone
            out[m] = hub if text.lower() in hub.lower() else f"{text} · {hub}"
    return {m: _short(text) for m, text in out.items()}


def _shared_folder(snapshot: GraphSnapshot, members: Sequence[int]) -> str:
    """The deepest folder holding `FOLDER_SHARE` of ``members`` (at any depth below it)."""
    if len(members) < 3:
        return ""
    folders: Counter[str] = Counter()
    for i in members:
        folder = snapshot.nodes[i].folder
        parts = folder.split("/") if folder else []
        for k in range(1, len(parts) + 1):
            folders["/".join(parts[:k])] += 1
    shared = [f for f, n in folders.items() if n >= FOLDER_SHARE * len(members)]
    return max(shared, key=lambda f: (f.count("/"), folders[f], f)) if shared else ""


def _short(text: str) -> str:
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"
