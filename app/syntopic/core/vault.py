"""A vault in memory: parsed notes, resolved links and the graph, kept current."""

from __future__ import annotations

import errno
import os
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from syntopic.core.adjacency import (
    Adjacency,
    Store,
    add_edges,
    add_nodes,
    edges_between,
    isolated,
    linked_from,
    node_table,
    successors,
    weak_components,
)
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
from syntopic.core.linker import Linker
from syntopic.core.load import Opening, parse_files
from syntopic.core.model import Link, ParsedNote, Problem
from syntopic.core.parse import DEFAULT_OPTIONS, ParseOptions
from syntopic.core.perspective_cache import Entries as PerspectiveEntries
from syntopic.core.perspective_cache import PerspectiveCache
from syntopic.core.perspective_cache import signature as perspective_signature
from syntopic.core.resolve import GHOST_PREFIX, Resolution, Resolver, ghost_id, link_key
from syntopic.core.scan import FileStat, ScanResult, is_hidden, is_note, scan, stat_note

# the change types are the update's; imported from here by the UI and the commands
from syntopic.core.update import Change as Change
from syntopic.core.update import PreparedChanges as PreparedChanges
from syntopic.core.update import Update, apply_parsed
from syntopic.core.update import VaultEvent as VaultEvent

if TYPE_CHECKING:
    import networkx as nx

Progress = Callable[[str, int, int], None]


class ResolvedLink(NamedTuple):
    link: Link
    resolution: Resolution


class Backlink(NamedTuple):
    source: str
    link: Link


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
        # the graph's dicts, filled on open; networkx is imported and wrapped round
        # them on the first use of `graph` (counts and components need neither)
        self._adjacency = Adjacency()
        self._graph: nx.MultiDiGraph | None = None
        self._making_graph = threading.Lock()
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
        self.perspective_links: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The notes and their links as a networkx multigraph (see the class docstring)."""
        graph = self._graph
        if graph is None:
            with self._making_graph:  # one wrapper, whichever thread asks first
                graph = self._graph
                if graph is None:
                    graph = self._graph = self._adjacency.as_graph()
        return graph

    @property
    def _store(self) -> Store:
        """The graph's dicts through networkx once it is made (so its caches are
        dropped on change), else bare."""
        return self._adjacency if self._graph is None else self._graph

    def node_attributes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every node (notes, books, ghosts) with its attributes, as
        ``graph.nodes(data=True)`` gives them, without making the graph."""
        return iter(node_table(self._store).items())

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
        found: ScanResult | None = None,
        opening: Opening | None = None,
    ) -> Vault:
        """Scan, parse (cached notes reused, the rest on every core), resolve.
        ``found``: a fresh walk of ``root``; ``opening``: the walk and the parse
        already under way (begun before the graph stack was imported)."""
        with paused_gc():
            if opening is None:
                if progress:
                    progress("Scanning", 0, 0)
                opening = Opening(root, options, use_cache=use_cache, found=found, workers=workers)
            try:
                return cls._open(opening, progress)
            finally:
                opening.close()

    @classmethod
    def _open(cls, opening: Opening, progress: Progress | None) -> Vault:
        vault = cls(opening.root, opening.options)
        parse_progress = None
        if progress is not None:
            report = progress

            def parse_progress(done: int, total: int) -> None:
                report("Parsing", done, total)

        # while notes are being parsed, each chunk is linked as it comes in
        linker = vault.linker(opening.found) if opening.job is not None else None
        fresh = opening.notes(parse_progress, linker.take if linker is not None else None)
        if progress:
            progress("Linking", 0, 0)
        cache, cached, found = opening.cache, opening.cached, opening.found
        vault._load(found, fresh, cache, save=opening.save, linker=linker)
        if cache is not None:
            if opening.save and (opening.stale or len(cached) != len(found.notes)):
                cache.save_behind(*opening.for_cache(vault.notes))
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
        self,
        found: ScanResult,
        notes: list[ParsedNote],
        cache: ParseCache | None = None,
        *,
        save: bool = True,
        linker: Linker | None = None,
    ) -> None:
        """Take in the walk and its parsed notes (all of them taken by ``linker``,
        if one was made before they were parsed)."""
        if linker is None:
            linker = self.linker(found)
            linker.take_all(notes)
        self.stats = dict(found.notes)
        self.scan_problems = found.problems
        notes.sort(key=lambda n: n.path)
        for note in notes:
            self.notes[note.path] = note
        attrs = linker.attrs
        add_nodes(self._store, ((n.path, attrs[n.path]) for n in notes))
        edges = linker.finish(notes)
        self.add_link_edges(edges)
        release(edges)
        self.books = Catalog.from_notes(notes)
        kept = PerspectiveCache(self.root)
        # the signature reads every note: worth it where kept edges may match or are kept
        if cache is None or not (save or kept.file.exists()):
            self.refresh_perspectives(self.notes, None)
            return
        # attribution is most of a warm open's work, and its inputs rarely change
        stamp = perspective_signature(cache.stamp, self.books, notes)
        reuse = kept.load(stamp)
        fresh = self.refresh_perspectives(self.notes, None, reuse)
        if save and (fresh or len(reuse) != len(self.perspective_links)):
            entries = {
                path: (self.stats[path], [(book, a["line"], a["context"]) for book, a in edges])
                for path, edges in self.perspective_links.items()
            }
            kept.save_behind(stamp, entries)
        self._caches.append(kept)
        release(reuse)

    def linker(self, found: ScanResult) -> Linker:
        """What resolves the links of the walk's notes as they are parsed (`_load`);
        takes in the walk's attachments, which links may name."""
        self.attachments = found.attachments
        self.resolver.set_attachments(found.attachments)
        return Linker(self, found.notes)

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
    def node_attrs(self, note: ParsedNote) -> dict[str, Any]:
        return {
            "kind": "book" if is_book(note) else "note",
            "title": note.title,
            "type": note_type(note),
            "folder": note.folder,
            "tags": note.tags,
        }

    def resolve_note(self, note: ParsedNote) -> list[tuple[str, str, dict[str, Any]]]:
        """Resolve a note's links, register what it depends on, return its edges."""
        self.resolved[note.path], edges = self.link_now(note)
        return edges

    def link_now(
        self, note: ParsedNote
    ) -> tuple[list[ResolvedLink], list[tuple[str, str, dict[str, Any]]]]:
        """`link_note` with every link of ``note`` resolved now."""
        resolve, source = self.resolver.resolve, note.path
        return self.link_note(note, [resolve(link, source) for link in note.links])

    def link_note(
        self, note: ParsedNote, answers: list[Resolution]
    ) -> tuple[list[ResolvedLink], list[tuple[str, str, dict[str, Any]]]]:
        """A note's links paired with where they land (``answers``, in order) and the
        edges they make; registers what the note depends on."""
        resolved: list[ResolvedLink] = []
        edges: list[tuple[str, str, dict[str, Any]]] = []
        source = note.path
        referrers = self._referrers
        new = tuple.__new__  # ResolvedLink without its Python-level constructor
        for link, res in zip(note.links, answers, strict=True):
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
        return resolved, edges

    def add_link_edges(self, edges: list[tuple[str, str, dict[str, Any]]]) -> set[str]:
        """Add edges, creating the ghost nodes they need; return those new ghosts."""
        store = self._store
        nodes = node_table(store)
        created: dict[str, dict[str, Any]] = {}
        for _, target, attrs in edges:
            if target.startswith(GHOST_PREFIX) and target not in nodes and target not in created:
                # titled by the spelling of the first link that names it
                title = attrs["target"].rsplit("/", 1)[-1].removesuffix(".md")
                created[target] = {
                    "kind": "ghost",
                    "title": title,
                    "type": "",
                    "folder": "",
                    "tags": (),
                }
        add_nodes(store, created.items())
        add_edges(store, edges)
        self.link_count += len(edges)
        return set(created)

    def _link_resolver(self, source: str) -> Callable[[str], str | None]:
        def resolve(target: str) -> str | None:
            link = Link(target, None, None, None, False, False, 0, 0, None, "")
            res = self.resolver.resolve(link, source)
            return None if res.attachment else res.path

        return resolve

    def refresh_perspectives(
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
        store = self._store
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for path in concepts:
            for book, attrs in self.perspective_links.pop(path, ()):
                keydict = edges_between(store, book, path)
                if not keydict:
                    continue  # the book or the concept left the graph, and the edge with it
                if before is not None and book not in before:
                    before[book] = successors(store, book)
                key = next(k for k, d in keydict.items() if d is attrs)
                self.graph.remove_edge(book, path, key)  # an update: the graph is made
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
            self.perspective_links[path] = [(book, attrs) for book, _, attrs in found]
            if before is not None:
                for book, _, _ in found:
                    if book not in before:
                        before[book] = successors(store, book)
            edges.extend(found)
        add_edges(self._store, edges)
        self.link_count += len(edges)
        return attributed

    def unregister(self, note: ParsedNote) -> None:
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
        if not os.path.isdir(self.root):  # not "every note deleted": keep what was loaded
            raise FileNotFoundError(errno.ENOENT, "the vault folder is gone", self.root)
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
        update = Update(set(prepared.removed), prepared.upserts, prepared.stats, VaultEvent())
        return apply_parsed(self, update)

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
        return sorted(isolated(self._store, self.notes))

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
        ranked = linked_from(self._store, self.notes)
        ranked.sort(key=lambda kv: (-kv[1], kv[0]))
        return ranked[:count]

    def components(self) -> list[set[str]]:
        """Connected groups of notes (links in either direction, ghosts left out)."""
        comps = weak_components(self._store, self.notes.keys())
        comps.sort(key=lambda c: (-len(c), min(c)))
        return comps

    def random_note(self, rng: random.Random | None = None) -> str | None:
        if not self.notes:
            return None
        return (rng or random).choice(sorted(self.notes))
