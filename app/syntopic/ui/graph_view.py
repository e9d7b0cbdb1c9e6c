"""The graph panel: the global map or the open note's neighbourhood, live."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from syntopic.core.vault import Vault, VaultEvent
from syntopic.layout.arrange import Arrangement, arrange, by_id, communities_by_id
from syntopic.layout.colours import Colouring, Scheme, colour_nodes, default_scheme
from syntopic.layout.communities import carried_over
from syntopic.layout.engine import Point, layout, place_new
from syntopic.layout.filters import GraphFilter, neighbourhood, title_matches, visible_nodes
from syntopic.layout.snapshot import EDGE_TYPES, GraphSnapshot
from syntopic.layout.store import PositionStore
from syntopic.ui.graph_canvas import GraphCanvas
from syntopic.ui.graph_controls import ALL, Choices, GraphControls, choices_of
from syntopic.ui.graph_input import tip_for
from syntopic.ui.graph_paint import detach
from syntopic.ui.graph_scene import Layers, Scene, build_layers, node_radius
from syntopic.ui.tasks import Background, TaskRunner, run_here

QueryFilter = Callable[[str], set[str] | None]
Edge = tuple[int, int, int]  # source, target, index in EDGE_TYPES
Read = tuple[GraphSnapshot, list[Edge], Choices]


def read_graph(graph: Any) -> Read:
    """What the map needs of a vault's graph, copied out: nodes, and one typed edge a pair.

    Lives as long as the map, with no cycles: run it as bulk work (the
    collector's passes over its million tuples at 100,000 notes held the GIL
    for 0.2-0.3 s each).
    """
    snapshot = GraphSnapshot.from_graph(graph)
    edges = [(u, v, EDGE_TYPES.index(t)) for u, v, t in snapshot.edges]
    return snapshot, edges, choices_of(snapshot)


QUERY_DELAY_MS = 250
LocalKey = tuple[str, int, int]  # centre, depth, snapshot version
BIG_SCENE = 20_000  # edges and nodes: past this, the global map is built in a worker


class GraphPanel(QWidget):
    """Controls over a `GraphCanvas`; layouts run in a worker, never on this thread.

    Signals:
        note_activated(str): a note was clicked on the map (to be opened); its vault path.
        ghost_activated(str): an unwritten note was clicked; the name links use for it.
        layout_finished(): positions from a worker (global or local) are on the map.
    """

    note_activated = Signal(str)
    ghost_activated = Signal(str)
    layout_finished = Signal()

    def __init__(self, parent: QWidget | None = None, background: Background | None = None) -> None:
        super().__init__(parent)
        # reads of the vault's graph go on the window's task queue: nothing changes the
        # graph while a task runs (a walk of every edge: 0.17 s at 6,500 notes)
        self.background = background or run_here
        self.vault: Vault | None = None
        self.snapshot: GraphSnapshot | None = None
        self.positions: list[Point] | None = None  # global, by snapshot index
        self.local: dict[str, Point] = {}
        self.communities: dict[str, int] = {}  # found with the global layout, kept with it
        self.current: str | None = None
        self.query_filter: QueryFilter | None = None
        self.query_paths: frozenset[str] | None = None
        self.tasks = TaskRunner(self, name="syntopic-layout")
        self._version = 0  # bumps with every new snapshot; stale worker results are dropped
        self._edges: list[Edge] = []
        self._scene_version = 0  # bumps with every scene asked of the worker
        self._after_scene: list[Callable[[], None]] = []  # to run once a scene is shown
        self._stale = False  # the vault changed while the first layout ran
        self._local_key: LocalKey | None = None
        self._local_pending: LocalKey | None = None
        self._colouring: tuple[tuple[int, str], Colouring] | None = None
        self.controls = GraphControls()
        self.canvas = GraphCanvas()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.controls)
        box.addWidget(self.canvas, 1)
        self._query_timer = QTimer(self, singleShot=True, interval=QUERY_DELAY_MS)
        self._query_timer.timeout.connect(self._apply_query)
        self._connect()

    def _connect(self) -> None:
        c = self.controls
        c.local_button.toggled.connect(self._mode_changed)
        c.depth_slider.valueChanged.connect(self._depth_changed)
        c.colour_by.currentIndexChanged.connect(lambda _=0: self._refresh())
        c.size_by.currentIndexChanged.connect(lambda _=0: self._refresh(animate=False))
        for box in (c.hide_orphans, c.hide_ghosts, c.hide_books):
            box.toggled.connect(lambda _=False: self._refresh())
        c.kind.currentIndexChanged.connect(lambda _=0: self._refresh())
        c.tag.currentIndexChanged.connect(lambda _=0: self._refresh())
        c.query.textChanged.connect(lambda _="": self._query_timer.start())
        c.arrows.toggled.connect(self._arrows_toggled)
        c.fit.clicked.connect(lambda: self.canvas.fit())
        self.canvas.node_clicked.connect(self._clicked)
        self.canvas.nodes_moved.connect(self._moved)

    def tip_at(self, pos: QPointF) -> str:
        """What a click at ``pos`` does, named for the note there (the map's tooltip)."""
        return tip_for(self.canvas.scene, self.canvas.node_at(pos))

    # -- public API ---------------------------------------------------------------
    def set_vault(self, vault: Vault) -> None:
        """Show ``vault``: cached positions at once if known, else a layout in a worker."""
        self.vault = vault
        self.positions = None
        self.local.clear()
        self._local_key = self._local_pending = None
        self._stale = False
        version, graph = self._forget("Reading the graph…"), vault.graph
        self.background(lambda: (version, read_graph(graph)), self._graph_read, bulk=True)

    def forget(self, message: str) -> None:
        """Show nothing of the vault shown until now (another is loading): no map,
        figures or filter choices of it, only ``message``."""
        self.vault = self.snapshot = self.positions = None
        self._forget(message)

    def _forget(self, message: str) -> int:
        self._version += 1
        self.canvas.legend = []
        self.canvas.set_scene(None)
        self.canvas.set_message(message)
        self.controls.counts.setText("")
        self.controls.fill_choices(None)
        return self._version

    def _graph_read(self, result: tuple[int, Read]) -> None:
        version, (snapshot, edges, choices) = result
        if version != self._version or self.vault is None:
            return
        self._use_snapshot(snapshot, edges, choices)
        root = self.vault.root
        self.canvas.set_message(f"Laying out {len(snapshot):,} notes…")

        def work() -> tuple[int, Arrangement]:
            store = PositionStore(root)
            known, groups = store.load_all()
            arranged = arrange(snapshot, known, groups)
            found = communities_by_id(snapshot, arranged)
            if arranged.computed or known.keys() != set(snapshot.ids) or found != groups:
                store.save(by_id(snapshot, arranged.positions), found)
            return version, arranged

        self.tasks.submit(work, self._laid_out, self._layout_failed, bulk=True)  # as read_graph

    def vault_changed(self, event: VaultEvent) -> None:
        """Follow a live update: new notes appear beside their neighbours, gone ones fade."""
        if self.vault is None or not (event or event.ghosts_added or event.ghosts_removed):
            return
        if self.positions is None:
            self._stale = True
            return
        self._catch_up()

    def set_current(self, path: str | None) -> None:
        """Mark the open note; the local graph re-centres on it."""
        self.current = path
        if self.controls.local_button.isChecked():
            self._refresh()
        else:
            self.canvas.set_current(path)

    def set_query_filter(self, fn: QueryFilter | None) -> None:
        """Use ``fn`` (query -> matching note paths, or None for "no opinion") for the query box."""
        self.query_filter = fn
        if self.controls.query.text().strip():
            self._apply_query()

    def visible_paths(self) -> list[str]:
        """The notes the map shows now (filters and local mode applied), ghosts left out."""
        scene = self.canvas.scene
        if scene is None:
            return []
        return sorted(scene.ids[i] for i in scene.shown if not scene.ghost[i])

    def path_at(self, pos: QPointF) -> str | None:
        """The note under a point of the canvas, if any (ghosts count: they have names)."""
        scene = self.canvas.scene
        node = self.canvas.node_at(pos)
        return None if node is None or scene is None else scene.ids[node]

    def shutdown(self) -> None:
        """Stop the workers (layout, cache images) and timers (the window is closing)."""
        self._query_timer.stop()
        self._version += 1
        self.tasks.shutdown()
        self.canvas.shutdown()

    # -- layout results -----------------------------------------------------------
    def _use_snapshot(self, snapshot: GraphSnapshot, edges: list[Edge], choices: Choices) -> None:
        self.snapshot = snapshot
        self._edges = edges
        self.controls.fill_choices(choices)

    def _laid_out(self, result: tuple[int, Arrangement]) -> None:
        version, arranged = result
        if version != self._version:
            return
        self.positions = list(arranged.positions)
        assert self.snapshot is not None
        self.communities = communities_by_id(self.snapshot, arranged)
        combo = self.controls.colour_by
        combo.blockSignals(True)  # the refresh below colours it
        combo.setCurrentIndex(max(0, combo.findData(default_scheme(len(self.snapshot)))))
        combo.blockSignals(False)
        self.canvas.set_message("")

        def shown() -> None:
            self._fit_mode()
            self.layout_finished.emit()

        if self._stale:
            self._stale = False
            self._catch_up(animate=False, then=shown)
        else:
            self._refresh(animate=False, then=shown)

    def _layout_failed(self, message: str) -> None:
        self.canvas.set_message(f"Layout failed: {message}")

    def _catch_up(self, *, animate: bool = True, then: Callable[[], None] | None = None) -> None:
        """A new snapshot; known nodes keep their places, new ones go beside neighbours
        (all of it read and placed off this thread). ``then`` runs once it is shown."""
        if then is not None:
            self._after_scene.append(then)
        old, positions = self.snapshot, self.positions
        assert old is not None and positions is not None and self.vault is not None
        self._version += 1
        version, graph = self._version, self.vault.graph

        def work() -> tuple[int, Read, list[Point], bool]:
            read = read_graph(graph)
            snapshot = read[0]
            known = by_id(old, positions)
            placed = place_new(snapshot.ids, snapshot.neighbours, known)
            return version, read, placed, set(snapshot.ids) != known.keys()

        def done(result: tuple[int, Read, list[Point], bool]) -> None:
            version, read, placed, changed = result
            if version != self._version:
                return  # another change came meanwhile: its catch-up follows
            self._use_snapshot(*read)
            self.positions = placed
            if changed:
                self._save_positions()
            self._local_key = None
            self._refresh(animate=animate)

        self.background(work, done, bulk=True)

    def _save_positions(self) -> None:
        if self.vault is None or self.snapshot is None or self.positions is None:
            return
        data, root = by_id(self.snapshot, self.positions), self.vault.root
        groups = self.communities
        self.tasks.submit(lambda: PositionStore(root).save(data, groups), _ignore, _ignore)

    # -- building the scene ----------------------------------------------------------
    def _local_mode(self) -> bool:
        return self.controls.local_button.isChecked()

    def _filter(self) -> GraphFilter:
        c = self.controls
        kind, tag = c.kind.currentData(), c.tag.currentData()
        return GraphFilter(
            kinds=frozenset([kind]) if kind != ALL else frozenset(),
            tags=frozenset([tag]) if tag != ALL else frozenset(),
            hide_orphans=c.hide_orphans.isChecked(),
            hide_ghosts=c.hide_ghosts.isChecked(),
            hide_books=c.hide_books.isChecked(),
            paths=self.query_paths,
        )

    def _refresh(self, *, animate: bool = True, then: Callable[[], None] | None = None) -> None:
        """Rebuild the scene from the snapshot, positions, mode, filters and colours.

        A big map (the global one past BIG_SCENE edges and nodes) is filtered,
        coloured and turned into paths in a worker: at 100,000 notes that is
        1.5 s the window would be frozen for. ``then`` runs once the scene is shown.
        """
        if then is not None:
            self._after_scene.append(then)
        snapshot, positions = self.snapshot, self.positions
        if snapshot is None or positions is None:
            return
        flt = self._filter()
        points = list(positions)
        centre = snapshot.index.get(self.current or "")
        shown: set[int] | None = None  # None: every node the filter keeps, found later
        if self._local_mode() and centre is not None:
            around = neighbourhood(snapshot, centre, self.controls.depth_slider.value())
            shown = visible_nodes(snapshot, flt, within=around) | {centre}
            key = (snapshot.ids[centre], self.controls.depth_slider.value(), self._version)
            if key == self._local_key:
                for i in around:
                    points[i] = self.local.get(snapshot.ids[i], points[i])
            else:
                self._request_local(snapshot, centre, around, key)
        elif self._local_mode():
            shown = set()
        scheme: Scheme = self.controls.colour_by.currentData()
        colour_key = (self._version, scheme)
        known = self._colouring if self._colouring and self._colouring[0] == colour_key else None
        by_backlinks = self.controls.size_by.currentData() == "backlinks"
        edges = self._edges
        groups = self.communities if scheme == "community" else None

        def make() -> tuple[Scene, tuple[tuple[int, str], Colouring]]:
            found = carried_over(snapshot, groups) if groups else None
            colouring = known[1] if known else colour_nodes(snapshot, scheme, found)
            links = snapshot.backlinks if by_backlinks else [len(n) for n in snapshot.neighbours]
            scene = Scene(
                ids=snapshot.ids,
                titles=[n.title for n in snapshot.nodes],
                points=points,
                radii=[node_radius(k) for k in links],
                groups=colouring.groups,
                colours=[e.colour for e in colouring.legend],
                ghost=[n.kind == "ghost" for n in snapshot.nodes],
                edges=edges,
                neighbours=snapshot.neighbours,
                shown=visible_nodes(snapshot, flt) if shown is None else shown,
                regions=colouring.regions,
            )
            return scene, (colour_key, colouring)

        if shown is not None or len(edges) + len(snapshot) <= BIG_SCENE:
            scene, colouring = make()
            self._show_scene(scene, colouring, None, animate)
            return
        self._scene_version += 1
        version = self._scene_version

        Built = tuple[int, Scene, tuple[tuple[int, str], Colouring], tuple[Layers, Layers]]

        def work() -> Built:
            scene, colouring = make()
            layers = build_layers(scene, scene.shown)
            return version, scene, colouring, (layers, detach(layers))

        def done(result: Built) -> None:
            if result[0] == self._scene_version:  # else a newer one is on its way
                self._show_scene(*result[1:], animate=False)

        self.tasks.submit(work, done, self._layout_failed, bulk=True)

    def _show_scene(
        self,
        scene: Scene,
        colouring: tuple[tuple[int, str], Colouring],
        layers: tuple[Layers, Layers] | None,
        animate: bool,
    ) -> None:
        self._colouring = colouring
        # counted over the nodes on the map, so the legend adds up to "N of M shown"
        on_map = Counter(scene.groups[i] for i in scene.shown)
        legend = colouring[1].legend
        self.canvas.legend = [(e.label, e.colour, on_map[g]) for g, e in enumerate(legend)]
        self.canvas.set_scene(scene, animate=animate, layers=layers)
        self.canvas.set_current(self.current)
        self.controls.counts.setText(f"{len(scene.shown):,} of {len(scene.ids):,} shown")
        waiting, self._after_scene = self._after_scene, []
        for then in waiting:
            then()

    def _request_local(
        self, snapshot: GraphSnapshot, centre: int, around: set[int], key: LocalKey
    ) -> None:
        """Lay the neighbourhood out on its own, in the worker, from its global shape."""
        if key == self._local_pending or self.positions is None:
            return
        self._local_pending = key
        members = sorted(around)
        slot = {i: k for k, i in enumerate(members)}
        edges = [(slot[u], slot[v]) for u, v, _ in snapshot.edges if u in slot and v in slot]
        start = [self.positions[i] for i in members]
        ids = [snapshot.ids[i] for i in members]
        anchor, pivot = self.positions[centre], slot[centre]

        def work() -> tuple[LocalKey, dict[str, Point]]:
            pts = layout(len(members), edges, start, iterations=150)
            dx, dy = anchor[0] - pts[pivot][0], anchor[1] - pts[pivot][1]
            return key, {n: (x + dx, y + dy) for n, (x, y) in zip(ids, pts, strict=True)}

        self.tasks.submit(work, self._local_done, self._layout_failed)

    def _local_done(self, result: tuple[LocalKey, dict[str, Point]]) -> None:
        key, points = result
        if key != self._local_pending:
            return
        self._local_pending = None
        self._local_key = key
        self.local = points
        self._refresh()
        self.canvas.fit(self.canvas.scene.shown if self.canvas.scene else None)
        self.layout_finished.emit()

    def _fit_mode(self) -> None:
        self.canvas.fit()

    # -- reactions -------------------------------------------------------------------
    def _mode_changed(self, local: bool) -> None:
        self.controls.depth_slider.setEnabled(local)
        self._refresh()
        if not local:
            self.canvas.fit()

    def _depth_changed(self, depth: int) -> None:
        self.controls.depth_label.setText(str(depth))
        if self._local_mode():
            self._refresh()

    def _arrows_toggled(self, on: bool) -> None:
        self.canvas.arrows = on
        self.canvas.update()

    def _apply_query(self) -> None:
        self._query_timer.stop()
        text = self.controls.query.text().strip()
        paths: frozenset[str] | None = None
        if text and self.snapshot is not None:
            found = self.query_filter(text) if self.query_filter is not None else None
            paths = frozenset(found) if found is not None else title_matches(self.snapshot, text)
        if paths != self.query_paths:
            self.query_paths = paths
            self._refresh()

    def _clicked(self, node: str) -> None:
        snapshot = self.snapshot
        if snapshot is None or node not in snapshot.index:
            return
        info = snapshot.nodes[snapshot.index[node]]
        if info.kind == "ghost":
            self.ghost_activated.emit(info.title)
        else:
            self.note_activated.emit(node)

    def _moved(self) -> None:
        """A drag ended: keep the new places (global ones survive the session)."""
        scene, snapshot = self.canvas.scene, self.snapshot
        if scene is None or snapshot is None or self.positions is None:
            return
        if self._local_mode():
            self.local.update({scene.ids[i]: scene.points[i] for i in scene.shown})
            return
        self.positions = list(scene.points)
        self._save_positions()


def _ignore(_: Any) -> None:
    """A position save that failed only costs the next start a layout."""
