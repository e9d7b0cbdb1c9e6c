"""A vault in memory: parsed notes, resolved links and the graph, kept current."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import networkx as nx

from syntopic.core.books import (
    Catalog,
    ConceptPerspectives,
    concept_perspectives,
    is_book,
    note_type,
    perspective_edges,
)
from syntopic.core.cache import ParseCache
from syntopic.core.heap import paused_gc, release
from syntopic.core.load import parse_files
from syntopic.core.model import Link, ParsedNote, Problem
from syntopic.core.parse import DEFAULT_OPTIONS, ParseOptions
from syntopic.core.perspective_cache import Entries as PerspectiveEntries
from syntopic.core.perspective_cache import PerspectiveCache
from syntopic.core.perspective_cache import signature as perspective_signature
from syntopic.core.resolve import Resolution, Resolver, link_key, note_keys
from syntopic.core.scan import FileStat, ScanResult, is_hidden, is_note, scan, stat_note

GHOST_PREFIX = "ghost:"
ChangeKind = Literal["created", "modified", "deleted", "moved"]
Progress = Callable[[str, int, int], None]


class Change(NamedTuple):
    """A file event, vault-relative; ``old_path`` is set for moves."""

    kind: ChangeKind
    path: str
    old_path: str | None = None


@dataclass(slots=True)
class VaultEvent:
    """What one `apply` changed, for the UI and the search index to follow."""

    added: set[str] = field(default_factory=set)
    modified: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    relinked: set[str] = field(default_factory=set)  # notes whose outgoing edges changed
    ghosts_added: set[str] = field(default_factory=set)
    ghosts_removed: set[str] = field(default_factory=set)
    books_changed: bool = False  # the catalog changed: every perspectives view may differ

    def __bool__(self) -> bool:
        return any((self.added, self.modified, self.removed, self.relinked))


class PreparedChanges(NamedTuple):
    """Parsed results of file changes, ready for `Vault.commit`."""

    removed: frozenset[str]
    upserts: dict[str, ParsedNote]
    stats: dict[str, FileStat]

    def __bool__(self) -> bool:
        return bool(self.removed or self.upserts)


class ResolvedLink(NamedTuple):
    link: Link
    resolution: Resolution


class Backlink(NamedTuple):
    source: str
    link: Link


def add_edges(graph: nx.MultiDiGraph, edges: list[tuple[str, str, dict[str, Any]]]) -> None:
    """``graph.add_edges_from(edges)`` for existing nodes, several times faster.

    networkx spends ~12 µs an edge in generic checks; at 100k links that is
    most of a warm start. This writes the adjacency the way networkx does
    (a test holds it to `add_edges_from`'s result).
    """
    succ, pred = graph._succ, graph._pred
    for u, v, attrs in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        key = len(keydict)
        while key in keydict:
            key += 1
        keydict[key] = attrs
    clear = getattr(nx, "_clear_cache", None)
    if clear is not None:
        clear(graph)


def ghost_id(target: str) -> str:
    return GHOST_PREFIX + link_key(target)


class Vault:
    """Notes, resolver and graph of one vault folder.

    Nodes are vault-relative note paths, or ``ghost:<name>`` for link targets
    no note matches. Node attributes: kind (note, book, ghost), title, type,
    folder, tags. Edges are keyed per link with kind (link, embed), section,
    context and line; "perspective" edges join a book to each concept whose
    perspectives section it speaks in (one per block, section "").
    """

    def __init__(self, root: str, options: ParseOptions = DEFAULT_OPTIONS) -> None:
        self.root = os.path.abspath(root)
        self.options = options
        self.notes: dict[str, ParsedNote] = {}
        self.stats: dict[str, FileStat] = {}
        self.scan_problems: dict[str, list[Problem]] = {}
        self.attachments: set[str] = set()
        self.resolver = Resolver()
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        # graph.number_of_edges(), kept as edges come and go: counting walks every
        # edge (0.3 s at 100,000 notes), and the window shows it after each edit
        self.link_count = 0
        self.resolved: dict[str, list[ResolvedLink]] = {}
        # link key -> notes whose links use it; only incremental updates need
        # it, so it is built on the first one rather than on every open
        self._referrers: dict[str, set[str]] | None = None
        self._caches: list[ParseCache | PerspectiveCache] = []  # for `cache_message`
        self.books = Catalog()
        # concept -> the perspective edges into it: (book, attrs dict in the graph)
        self._perspective_edges: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    # -- opening ------------------------------------------------------------
    @classmethod
    def open(
        cls,
        root: str,
        *,
        use_cache: bool = True,
        options: ParseOptions = DEFAULT_OPTIONS,
        progress: Progress | None = None,
        workers: int | None = None,
    ) -> Vault:
        """Scan, parse (cached notes reused, the rest on every core), resolve."""
        with paused_gc():
            return cls._open(root, use_cache, options, progress, workers)

    @classmethod
    def _open(
        cls,
        root: str,
        use_cache: bool,
        options: ParseOptions,
        progress: Progress | None,
        workers: int | None,
    ) -> Vault:
        vault = cls(root, options)
        if progress:
            progress("Scanning", 0, 0)
        found = scan(vault.root)
        cache = ParseCache(vault.root, options) if use_cache else None
        cached = cache.load() if cache else {}
        fresh: list[ParsedNote] = []
        stale: list[str] = []
        for rel, stat in found.notes.items():
            entry = cached.get(rel)
            if entry is not None and entry[0] == stat:
                fresh.append(entry[1])
            else:
                stale.append(rel)
        if stale:
            parse_progress = None
            if progress is not None:
                report = progress

                def parse_progress(done: int, total: int) -> None:
                    report("Parsing", done, total)

            fresh.extend(parse_files(vault.root, stale, options, parse_progress, workers))
        if progress:
            progress("Linking", 0, 0)
        vault._load(found, fresh, cache)
        if cache is not None:
            if stale or len(cached) != len(found.notes):
                cache.save_behind({p: (vault.stats[p], n) for p, n in vault.notes.items()})
            vault._caches.insert(0, cache)  # its message first: it is the bigger loss
        release(cached)
        return vault

    @classmethod
    def from_notes(cls, root: str, notes: Iterable[ParsedNote]) -> Vault:
        """A vault from parse results alone (tests, in-memory vaults)."""
        vault = cls(root)
        listed = list(notes)
        result = ScanResult(notes={n.path: FileStat(0, 0) for n in listed})
        vault._load(result, listed)
        return vault

    def _load(
        self, found: ScanResult, notes: list[ParsedNote], cache: ParseCache | None = None
    ) -> None:
        self.stats = dict(found.notes)
        self.scan_problems = found.problems
        self.attachments = found.attachments
        self.resolver.set_attachments(found.attachments)
        notes.sort(key=lambda n: n.path)
        for note in notes:
            self.notes[note.path] = note
            self.resolver.add(note)
        self.graph.add_nodes_from((n.path, self._node_attrs(n)) for n in notes)
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for note in notes:
            edges.extend(self._resolve_note(note))
        self._add_edges(edges)
        release(edges)
        self.books = Catalog.from_notes(notes)
        if cache is None:
            self._refresh_perspectives(self.notes, None)
            return
        # attribution is most of a warm open's work, and its inputs rarely change
        kept = PerspectiveCache(self.root)
        stamp = perspective_signature(cache.stamp, self.books, notes)
        reuse = kept.load(stamp)
        fresh = self._refresh_perspectives(self.notes, None, reuse)
        if fresh or len(reuse) != len(self._perspective_edges):
            entries = {
                path: (self.stats[path], [(book, a["line"], a["context"]) for book, a in edges])
                for path, edges in self._perspective_edges.items()
            }
            kept.save_behind(stamp, entries)
        self._caches.append(kept)
        release(reuse)

    @property
    def cache_message(self) -> str | None:
        """What went wrong with the caches, once known (saves finish in the background)."""
        return next((c.last_error for c in self._caches if c.last_error), None)

    @property
    def referrers(self) -> dict[str, set[str]]:
        if self._referrers is None:
            index: dict[str, set[str]] = {}
            for source, resolved in self.resolved.items():
                for rl in resolved:
                    if rl.link.target:
                        index.setdefault(link_key(rl.link.target), set()).add(source)
            self._referrers = index
        return self._referrers

    def prepare_updates(self) -> None:
        """Build what incremental updates need now (a worker calls this)."""
        _ = self.referrers

    # -- resolution and edges ------------------------------------------------
    def _node_attrs(self, note: ParsedNote) -> dict[str, Any]:
        return {
            "kind": "book" if is_book(note) else "note",
            "title": note.title,
            "type": note_type(note),
            "folder": note.folder,
            "tags": note.tags,
        }

    def _resolve_note(self, note: ParsedNote) -> list[tuple[str, str, dict[str, Any]]]:
        """Resolve a note's links, register what it depends on, return its edges."""
        resolved: list[ResolvedLink] = []
        edges: list[tuple[str, str, dict[str, Any]]] = []
        source = note.path
        resolve = self.resolver.resolve
        referrers = self._referrers
        new = tuple.__new__  # ResolvedLink without its Python-level constructor
        for link in note.links:
            res = resolve(link, source)
            resolved.append(new(ResolvedLink, (link, res)))
            if referrers is not None and link.target:
                referrers.setdefault(link_key(link.target), set()).add(source)
            path = res.path
            if res.attachment or path == source:
                continue
            attrs = {
                "kind": "embed" if link.embed else "link",
                "section": link.section or "",
                "context": link.context,
                "line": link.line,
            }
            if path is None:
                attrs["target"] = link.target  # what the author wrote: the ghost's name
                path = ghost_id(link.target)
            edges.append((source, path, attrs))
        self.resolved[source] = resolved
        return edges

    def _add_edges(self, edges: list[tuple[str, str, dict[str, Any]]]) -> set[str]:
        """Add edges, creating the ghost nodes they need; return those new ghosts."""
        graph = self.graph
        created: set[str] = set()
        for _, target, _ in edges:
            if target.startswith(GHOST_PREFIX) and target not in graph:
                graph.add_node(target, kind="ghost", title="", type="", folder="", tags=())
                created.add(target)
        # ghost titles: the spelling of the first link that names them
        for _, target, attrs in edges:
            if target.startswith(GHOST_PREFIX) and not graph.nodes[target]["title"]:
                graph.nodes[target]["title"] = (
                    attrs["target"].rsplit("/", 1)[-1].removesuffix(".md")
                )
        add_edges(graph, edges)
        self.link_count += len(edges)
        return created

    def _link_resolver(self, source: str) -> Callable[[str], str | None]:
        def resolve(target: str) -> str | None:
            link = Link(target, None, None, None, False, False, 0, 0, None, "")
            res = self.resolver.resolve(link, source)
            return None if res.attachment else res.path

        return resolve

    def _refresh_perspectives(
        self,
        concepts: Iterable[str],
        before: dict[str, set[str]] | None,
        reuse: PerspectiveEntries | None = None,
    ) -> int:
        """Replace the perspective edges into ``concepts``; return how many were attributed.

        ``before`` collects the successors of every book touched, as they were,
        so the caller can tell which books were relinked. ``reuse`` holds edges
        from the cache, taken for a concept whose file is unchanged.
        """
        attributed = 0
        graph = self.graph
        succ = graph._succ
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for path in concepts:
            for book, attrs in self._perspective_edges.pop(path, ()):
                keydict = succ.get(book, {}).get(path)
                if not keydict:
                    continue  # the book or the concept left the graph, and the edge with it
                if before is not None and book not in before:
                    before[book] = set(graph.successors(book))
                key = next(k for k, d in keydict.items() if d is attrs)
                graph.remove_edge(book, path, key)
                self.link_count -= 1
            note = self.notes.get(path)
            if note is None or not note.perspectives:
                continue
            hit = reuse.get(path) if reuse else None
            if hit is not None and hit[0] == self.stats.get(path):
                found = [
                    (book, path, {"kind": "perspective", "section": "", "context": c, "line": n})
                    for book, n, c in hit[1]
                    if book in self.books
                ]
            else:
                found = perspective_edges(note, self.books, self._link_resolver(path))
                attributed += 1
            # kept even when empty, so the cache knows this concept names no book
            self._perspective_edges[path] = [(book, attrs) for book, _, attrs in found]
            if before is not None:
                for book, _, _ in found:
                    if book not in before:
                        before[book] = set(graph.successors(book))
            edges.extend(found)
        add_edges(graph, edges)
        self.link_count += len(edges)
        return attributed

    def _unregister(self, note: ParsedNote) -> None:
        referrers = self.referrers  # built now if this is the first update
        for rl in self.resolved.pop(note.path, ()):
            if rl.link.target:
                key = link_key(rl.link.target)
                refs = referrers.get(key)
                if refs is not None:
                    refs.discard(note.path)
                    if not refs:
                        del referrers[key]

    # -- incremental updates ---------------------------------------------------
    def apply(self, changes: Iterable[Change]) -> VaultEvent:
        """Bring notes and graph up to date with file changes; report what moved."""
        return self.commit(self.prepare(changes))

    def prepare(self, changes: Iterable[Change]) -> PreparedChanges:
        """Stat and parse what changed, without touching the vault's state.

        The slow half of an update: safe in a worker thread while the UI thread
        reads the vault, as long as `commit` runs on the UI thread afterwards.
        """
        removed: set[str] = set()
        touched: list[str] = []
        for change in changes:
            if change.kind == "moved" and change.old_path:
                removed.add(change.old_path)
            if change.kind == "deleted":
                removed.add(change.path)
            elif is_note(change.path.rsplit("/", 1)[-1]) and not is_hidden(change.path):
                touched.append(change.path)
        stats: dict[str, FileStat] = {}
        for rel in dict.fromkeys(touched):
            stat = stat_note(self.root, rel)
            if stat is None:
                removed.add(rel)
                continue
            if self.stats.get(rel) == stat and rel in self.notes and rel not in removed:
                continue  # an event for a file whose content did not change
            removed.discard(rel)
            stats[rel] = stat
        upserts: dict[str, ParsedNote] = {}
        if stats:
            for note in parse_files(self.root, sorted(stats), self.options):
                upserts[note.path] = note
        return PreparedChanges(frozenset(removed), upserts, stats)

    def commit(self, prepared: PreparedChanges) -> VaultEvent:
        """Apply prepared changes: cheap, so it can run on the UI thread."""
        return self._apply_parsed(
            set(prepared.removed), prepared.upserts, prepared.stats, VaultEvent()
        )

    def _apply_parsed(
        self,
        removed: set[str],
        upserts: dict[str, ParsedNote],
        stats: dict[str, FileStat],
        event: VaultEvent,
    ) -> VaultEvent:
        graph = self.graph
        keys: set[str] = set()
        before_targets: dict[str, set[str]] = {}
        touched_ghosts: set[str] = set()  # ghosts that lost a link: orphans now?
        books_touched = False
        for rel in removed:
            old = self.notes.pop(rel, None)
            if old is None:
                continue
            books_touched = books_touched or is_book(old)
            for book, _ in self._perspective_edges.get(rel, ()):
                if book in graph and book not in before_targets:
                    before_targets[book] = set(graph.successors(book))
            event.removed.add(rel)
            self.stats.pop(rel, None)
            self.resolver.remove(old)
            self._unregister(old)
            keys |= note_keys(old)
            # ghosts it linked to may have no other link in now
            touched_ghosts.update(v for v in graph.successors(rel) if v.startswith(GHOST_PREFIX))
            self.link_count -= sum(map(len, graph._succ[rel].values())) + sum(
                len(keyed) for source, keyed in graph._pred[rel].items() if source != rel
            )  # its links out, and in (a link to itself counted once)
            graph.remove_node(rel)
        for rel, note in upserts.items():
            old = self.notes.get(rel)
            books_touched = books_touched or is_book(note) or (old is not None and is_book(old))
            if old is not None:
                self.resolver.remove(old)
                self._unregister(old)
                event.modified.add(rel)
                # links into a note resolve by its names alone: an edit that keeps
                # them keeps every link in (a hub's edit must not relink hundreds)
                if note_keys(old) != note_keys(note):
                    keys |= note_keys(old) | note_keys(note)
            else:
                event.added.add(rel)
                keys |= note_keys(note)
            self.notes[rel] = note
            self.stats[rel] = stats.get(rel, FileStat(0, 0))
            self.resolver.add(note)
        sources: set[str] = set(upserts)
        for key in keys:
            sources |= self.referrers.get(key, set())
        sources -= removed - set(upserts)
        sources &= self.notes.keys()
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for rel in sources:
            if rel in graph:
                before_targets.setdefault(rel, set(graph.successors(rel)))
                # a book's perspective edges follow the concepts, not the book's own links
                gone = [
                    (u, v, k)
                    for u, v, k, kind in graph.out_edges(rel, keys=True, data="kind")
                    if kind != "perspective"
                ]
                graph.remove_edges_from(gone)
                self.link_count -= len(gone)
            note = self.notes[rel]
            if rel in upserts:
                graph.add_node(rel, **self._node_attrs(note))
            if rel not in upserts:
                self._unregister(note)
            edges.extend(self._resolve_note(note))
        created_ghosts = self._add_edges(edges)
        concepts: set[str] = sources | removed
        if books_touched:
            catalog = self.books.updated(removed, upserts.values())
            if catalog != self.books:
                # a book came, went or changed its names: every concept naming it
                # (by old or new name) may read differently, and those it spoke in
                affected = catalog.changed_since(self.books)
                changed = {b.path for b in catalog} ^ {b.path for b in self.books}
                changed |= {p for p, b in catalog.books.items() if self.books.get(p) != b}
                self.books = catalog
                event.books_changed = True
                concepts |= {p for p, n in self.notes.items() if affected(n)}
                concepts |= {
                    c
                    for c, edges in self._perspective_edges.items()
                    if any(book in changed for book, _ in edges)
                }
        self._refresh_perspectives(sorted(concepts), before_targets)
        for rel in sources | before_targets.keys():
            if rel not in graph:
                continue
            after = set(graph.successors(rel))
            if after != before_targets.get(rel, set()) and rel not in event.added:
                event.relinked.add(rel)
        # only ghosts a relinked note pointed at can have lost their last link: no
        # scan of the whole graph (a tenth of the time of an edit at 100,000 notes)
        for targets in before_targets.values():
            touched_ghosts.update(t for t in targets if t.startswith(GHOST_PREFIX))
        pred = graph._pred
        orphans = {g for g in touched_ghosts | created_ghosts if g in pred and not pred[g]}
        graph.remove_nodes_from(orphans)
        event.ghosts_added = created_ghosts - orphans
        event.ghosts_removed = orphans - created_ghosts
        return event

    def changes_on_disk(self) -> list[Change]:
        """Rescan and list what differs from the loaded state."""
        found = scan(self.root)
        changes: list[Change] = [Change("deleted", p) for p in self.stats if p not in found.notes]
        for rel, stat in found.notes.items():
            old = self.stats.get(rel)
            if old is None:
                changes.append(Change("created", rel))
            elif old != stat:
                changes.append(Change("modified", rel))
        if found.attachments != self.attachments:
            self.attachments = found.attachments
            self.resolver.set_attachments(found.attachments)
        self.scan_problems = found.problems
        return changes

    # -- queries ---------------------------------------------------------------
    def note(self, path: str) -> ParsedNote | None:
        return self.notes.get(path)

    def find(self, query: str) -> str | None:
        """A note by path, title, file name or alias (case-insensitive)."""
        query = query.strip()
        if query in self.notes:
            return query
        lowered = query.lower().removesuffix(".md")
        hit = self.resolver.by_path.get(lowered)
        if hit:
            return hit
        for note in self.notes.values():
            if note.title.lower() == lowered:
                return note.path
        res = self.resolver.resolve(Link(query, None, None, None, False, False, 0, 0, None, ""), "")
        return res.path if not res.attachment else None

    def perspectives(self, path: str) -> ConceptPerspectives:
        """What each book says about the concept at ``path`` (KeyError if no such note)."""
        return concept_perspectives(self.notes[path], self.books, self._link_resolver(path))

    def titles(self) -> Iterator[tuple[str, str]]:
        """(path, title) of every note, for suggestions."""
        return ((p, n.title) for p, n in self.notes.items())

    def backlinks(self, path: str) -> list[Backlink]:
        """Every link to ``path`` (or a ghost id) with its context, by source."""
        out: list[Backlink] = []
        if path not in self.graph:
            return out
        for source in sorted(set(self.graph.predecessors(path))):
            for rl in self.resolved.get(source, ()):
                target = rl.resolution.path
                if target is None and not rl.resolution.attachment:
                    target = ghost_id(rl.link.target)
                if target == path:
                    out.append(Backlink(source, rl.link))
        return out

    def outgoing(self, path: str) -> list[ResolvedLink]:
        return list(self.resolved.get(path, ()))

    def neighbourhood(self, node: str, depth: int = 1) -> nx.MultiDiGraph:
        """The subgraph within ``depth`` links of ``node``, either direction."""
        if node not in self.graph:
            raise KeyError(node)
        seen = {node}
        frontier = {node}
        for _ in range(max(0, depth)):
            nxt: set[str] = set()
            for n in frontier:
                nxt.update(self.graph.successors(n))
                nxt.update(self.graph.predecessors(n))
            frontier = nxt - seen
            seen |= frontier
        return self.graph.subgraph(seen)

    def orphans(self) -> list[str]:
        """Notes with no links in or out (ghost links count as links out)."""
        g = self.graph
        return sorted(p for p in self.notes if g.degree(p) == 0)

    def unresolved(self) -> dict[str, list[str]]:
        """Ghost title -> notes linking to it."""
        g = self.graph
        out: dict[str, list[str]] = {}
        for node in g:
            if node.startswith(GHOST_PREFIX):
                out[g.nodes[node]["title"]] = sorted(set(g.predecessors(node)))
        return dict(sorted(out.items(), key=lambda kv: kv[0].lower()))

    def hubs(self, count: int = 10) -> list[tuple[str, int]]:
        """The most linked-to notes: (path, number of distinct linking notes)."""
        g = self.graph
        ranked = [(p, len(set(g.predecessors(p)))) for p in self.notes]
        ranked.sort(key=lambda kv: (-kv[1], kv[0]))
        return ranked[:count]

    def components(self) -> list[set[str]]:
        """Connected groups of notes (links in either direction, ghosts left out)."""
        notes_only = self.graph.subgraph(self.notes.keys())
        comps = [set(c) for c in nx.weakly_connected_components(notes_only)]
        comps.sort(key=lambda c: (-len(c), min(c)))
        return comps

    def random_note(self, rng: random.Random | None = None) -> str | None:
        if not self.notes:
            return None
        return (rng or random).choice(sorted(self.notes))
