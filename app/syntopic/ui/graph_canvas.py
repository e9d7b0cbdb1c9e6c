"""The graph canvas: cached paths, level of detail, hover, drag, zoom; idle when still."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.ui.graph_cache import (
    MOVE_MARGIN,
    PREFETCH,
    SHARP_MARGIN,
    BaseCache,
    Plan,
    Renderer,
    render,
)
from syntopic.ui.graph_overlay import paint_arrows, paint_labels, paint_legend
from syntopic.ui.graph_scene import EDGE_TINTS, Layers, Point, Scene, build_layers, mix

MORPH_LIMIT = 1500  # animate positions only for scenes this small; bigger ones jump
DOT_PX = 1.5  # below this mean radius on screen, nodes are drawn as dots
EDGE_ORDER = (3, 0, 2, 1)  # perspective edges underneath, typed sections on top
SETTLE_MS = 120  # this long without a view change and the view counts as still
SYNC_SHAPES = 6000  # up to this many edges and nodes, new content is drawn here at once
DIM_VEIL = 0.82  # how far hover fades the map towards the background
Pens = list[tuple[QColor, QColor]]


@dataclass(slots=True)
class _Drag:
    node: int
    start: Point  # world position under the cursor when the drag began
    origin: dict[int, Point]  # the moving nodes' positions then
    layers: Layers | None = None


class GraphCanvas(QWidget):
    """Draws a `Scene`; nothing runs while nothing moves (no timers when idle).

    Signals:
        node_clicked(str): a node was clicked (not dragged); its id.
        nodes_moved(): a drag finished and node positions changed.
        transition_finished(): a filter/position animation came to rest.
    """

    node_clicked = Signal(str)
    nodes_moved = Signal()
    transition_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene: Scene | None = None
        # the legend drawn once per look (entries, palette, font, pens, pixel ratio)
        self._legend_image: tuple[object, QImage] | None = None
        self.scale = 1.0
        self.offset = QPointF(0.0, 0.0)
        self.hover: int | None = None
        self.current: int | None = None
        self.arrows = False
        self.message = ""
        self.legend: list[tuple[str, str, int]] = []
        self._layers_version = 0
        self._layer_list: list[tuple[Layers, str]] = []
        self._base = BaseCache()
        self._renderer = Renderer(self._take)
        self._moving = False  # the view changed less than SETTLE_MS ago
        self._last_view: tuple[float, float, float, int, int] | None = None
        self._base_key: object = None  # what the cached image must show now
        self._copies: tuple[int, list[tuple[Layers, str]]] | None = None  # for the worker
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self._sharpen)
        self._fade = 1.0
        self._morph: tuple[dict[int, Point], list[Point]] | None = None
        self._drag: _Drag | None = None
        self._press: tuple[QPointF, int | None] | None = None
        self._pan_from: tuple[QPointF, QPointF] | None = None
        self._mean_radius = 5.0
        self._entering: set[int] = set()
        self._colour_key: tuple[object, ...] = ()
        self._crowd = 0.0
        self._edge_pens: list[tuple[QColor, QColor]] = []
        self._node_brushes: list[tuple[QColor, QColor]] = []
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(320)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._step)
        self._anim.finished.connect(self._settle)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- scene -------------------------------------------------------------------
    def set_scene(
        self,
        scene: Scene | None,
        *,
        animate: bool = True,
        layers: tuple[Layers, Layers] | None = None,
    ) -> None:
        """Show ``scene``; nodes that appear or vanish fade, small scenes glide.

        ``layers``: its paths and a `detach`ed copy for the cache worker, both made
        by the caller off the UI thread; no animation then.
        """
        old = self.scene
        self._anim.stop()
        self._drag = None
        self.scene = scene
        self.hover = None
        if scene is None:
            self._layers = []
            self.update()
            return
        self._mean_radius = (
            sum(scene.radii[i] for i in scene.shown) / len(scene.shown) if scene.shown else 5.0
        )
        if layers is not None:
            self._layers = [(layers[0], "base")]
            self._copies = (self._layers_version, [(layers[1], "base")])
            self.update()
            return
        if old is None or not animate:
            self._layers = [(build_layers(scene, scene.shown), "base")]
            self.update()
            return
        before = {old.ids[i]: old.points[i] for i in old.shown}
        stable = {i for i in scene.shown if scene.ids[i] in before}
        entering = scene.shown - stable
        leaving = [old.index[n] for n in before.keys() - {scene.ids[i] for i in stable}]
        moved = {
            i: before[scene.ids[i]]
            for i in stable
            if math.dist(before[scene.ids[i]], scene.points[i]) > 0.5
        }
        if not entering and not leaving and not moved:
            self._layers = [(build_layers(scene, scene.shown), "base")]
            self.update()
            return
        self._morph = None
        if moved and len(scene.shown) <= MORPH_LIMIT:
            self._morph = (moved, list(scene.points))
        kept_before = [old.index[scene.ids[i]] for i in stable]
        self._entering = entering
        self._layers = [
            (build_layers(scene, stable), "base"),
            (build_layers(scene, entering, context=stable), "enter"),
            (build_layers(old, leaving, context=kept_before), "leave"),
        ]
        self._fade = 0.0
        self._anim.start()

    def _step(self, value: object) -> None:
        self._fade = float(value)  # type: ignore[arg-type]
        scene = self.scene
        if self._morph is not None and scene is not None:
            start, end = self._morph
            t = self._fade
            for i, (x0, y0) in start.items():
                x1, y1 = end[i]
                scene.points[i] = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            stable = scene.shown - self._entering
            self._layers = [
                (build_layers(scene, stable), "base"),
                (build_layers(scene, self._entering, context=stable), "enter"),
                self._layers[2],
            ]
        self.update()

    def _settle(self) -> None:
        scene = self.scene
        if scene is not None:
            if self._morph is not None:
                scene.points[:] = self._morph[1]
                self._morph = None
            scene.refresh()
            self._layers = [(build_layers(scene, scene.shown), "base")]
        self._fade = 1.0
        self.update()
        self.transition_finished.emit()

    def moving(self) -> bool:
        """True while the view pans or zooms (until it has been still for SETTLE_MS)."""
        return self._moving or self.animating() or self._drag is not None

    def animating(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def set_current(self, node: str | None) -> None:
        self.current = None if node is None or self.scene is None else self.scene.index.get(node)
        self.update()

    # -- view ----------------------------------------------------------------------
    def to_screen(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.scale + self.offset.x(), y * self.scale + self.offset.y())

    def to_world(self, pos: QPointF) -> Point:
        return ((pos.x() - self.offset.x()) / self.scale, (pos.y() - self.offset.y()) / self.scale)

    def fit(self, members: set[int] | None = None) -> None:
        """Zoom and centre so every shown node (or ``members``) is in view."""
        if self.scene is None:
            return
        x0, y0, x1, y1 = self.scene.bounds(members)
        w, h = max(self.width() - 40, 50), max(self.height() - 40, 50)
        self.scale = max(0.005, min(1.8, w / max(x1 - x0, 1.0), h / max(y1 - y0, 1.0)))
        self._look_at((x0 + x1) / 2, (y0 + y1) / 2)

    def _look_at(self, x: float, y: float) -> None:
        self.offset = QPointF(self.width() / 2 - x * self.scale, self.height() / 2 - y * self.scale)
        self.update()

    def centre_on(self, node: int) -> None:
        if self.scene is None:
            return
        self._look_at(*self.scene.points[node])

    def zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        wx, wy = self.to_world(anchor)
        self.scale = max(0.005, min(20.0, self.scale * factor))
        self.offset = QPointF(anchor.x() - wx * self.scale, anchor.y() - wy * self.scale)
        self.update()

    def pan(self, dx: float, dy: float) -> None:
        self.offset = QPointF(self.offset.x() + dx, self.offset.y() + dy)
        self.update()

    def node_at(self, pos: QPointF) -> int | None:
        if self.scene is None:
            return None
        x, y = self.to_world(pos)
        return self.scene.grid.hit(x, y, slack=3.0 / self.scale)

    def set_hover(self, node: int | None) -> None:
        if node != self.hover:
            self.hover = node
            self.update()

    # -- colours -------------------------------------------------------------------
    def _prepare_colours(self, scene: Scene) -> QColor:
        bg = self.palette().color(QPalette.ColorRole.Base)
        fg = self.palette().color(QPalette.ColorRole.Text)
        # the more edges, the fainter each: a dense map stays a map, not a blot
        # (zoomed in, fewer edges share the screen, so they may be stronger)
        crowd = min(1.0, len(scene.edges) / 20_000) * min(1.0, 0.15 / max(self.scale, 1e-6))
        crowd = round(crowd * 4) / 4  # in steps, so zooming rarely changes colours
        key = (bg.rgb(), fg.rgb(), tuple(scene.colours), crowd)
        self._crowd = crowd
        if key != self._colour_key:
            self._colour_key = key
            self._edge_pens = []
            for name in EDGE_TYPES:
                tint = EDGE_TINTS[name]
                base, t = (
                    (fg, 0.8 + 0.1 * crowd) if tint is None else (QColor(tint), 0.5 + 0.4 * crowd)
                )
                self._edge_pens.append((mix(base, bg, t), mix(base, bg, 0.94)))
            self._node_brushes = [(QColor(c), mix(QColor(c), bg, 0.82)) for c in scene.colours]
        return bg

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self.render_scene(p)
        finally:
            p.end()

    def render_scene(self, p: QPainter) -> None:
        """Everything, onto any painter (the widget, or an image in benchmarks)."""
        scene = self.scene
        bg = self.palette().color(QPalette.ColorRole.Base)
        p.fillRect(QRectF(0, 0, self.width(), self.height()), bg)
        if scene is None:
            self._paint_message(p, centred=True)
            return
        self._prepare_colours(scene)
        fine = self.scale * self._mean_radius >= 2.5
        dim = 1 if self.hover is not None else 0
        if self.animating() or self._drag is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, fine)
            p.setTransform(self._world())
            self._paint_all_layers(p, dim)
        else:
            self._paint_base(p, fine, bg)
            if dim:
                # hover fades the map behind a veil, not by redrawing it faded: a
                # redraw of every edge costs ~0.15 s at 6,500 notes, the veil nothing
                veil = QColor(bg)
                veil.setAlphaF(DIM_VEIL)
                p.resetTransform()
                p.fillRect(QRectF(0, 0, self.width(), self.height()), veil)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, fine)
        p.setTransform(self._world())
        if self._drag is not None:
            self._paint_subset(p, scene, set(self._drag.origin), dim=dim)
        if self.hover is not None:
            self._paint_subset(p, scene, {self.hover, *scene.neighbours[self.hover]}, dim=0)
        if self.arrows and fine:
            paint_arrows(self, p, scene)
        self._paint_current(p, scene)
        p.resetTransform()
        paint_labels(self, p, scene)
        paint_legend(self, p)
        if self.message:
            self._paint_message(p, centred=False)

    # -- the cached image ----------------------------------------------------------
    def _paint_base(self, p: QPainter, fine: bool, bg: QColor) -> None:
        """The still layers from the cached image; never a full redraw while the view moves.

        A stale image (another zoom, not covering the view) is drawn stretched,
        and a new one is asked of the worker thread; once the view has been still
        for SETTLE_MS, a sharp one (anti-aliased when zoomed in) replaces it.
        New content (a filter, colours) is drawn here at once when the map is
        small; a big one comes from the worker too, the old image standing in
        until it does (drawing 73,000 edges here froze the window for 0.2 s).
        """
        size = self.size()
        view = (self.scale, self.offset.x(), self.offset.y(), size.width(), size.height())
        if view != self._last_view:
            if self._last_view is not None:
                self._moving = True
                self._settle_timer.start()
            self._last_view = view
        self._base_key = key = (self._layers_version, self._colour_key[:3])
        base = self._base
        if base.plan is None or base.plan.key != key:
            plan = self._plan(SHARP_MARGIN, fine)
            if self._shapes() <= SYNC_SHAPES:
                base.install(plan, render(plan, bg, lambda q: self._paint_all_layers(q, 0, fine)))
            elif not any(r.key == key for r in self._renderer.requested()):
                self._request(plan)
        if base.image is not None:
            base.draw(p, self.scale, self.offset)
        waiting = self._moving and not self._enough(base.plan)
        if waiting and not any(self._enough(plan) for plan in self._renderer.requested()):
            # rough while moving: no anti-aliasing, so the worker keeps up
            self._request(self._plan(MOVE_MARGIN, False))

    def _shapes(self) -> int:
        """Edges and nodes the layers hold: what a full redraw costs."""
        scene = self.scene
        return 0 if scene is None else len(scene.edges) + len(scene.shown)

    def _look(self) -> tuple[float, bool]:
        """What the zoom changes in the cached layers besides their size."""
        return (self._crowd, self.scale * self._mean_radius < DOT_PX)

    def _plan(self, margin: float, antialias: bool) -> Plan:
        return Plan.of(
            self.size(),
            self.scale,
            self.offset,
            margin,
            self._base_key,
            self._look(),
            antialias,
        )

    def _enough(self, plan: Plan | None) -> bool:
        """Good enough to show while moving: same content and look, near the zoom, room ahead."""
        return (
            plan is not None
            and plan.key == self._base_key
            and plan.look == self._look()
            and plan.close(self.scale)
            and plan.covers(self.scale, self.offset, self.size(), PREFETCH)
        )

    def _exact(self, plan: Plan | None) -> bool:
        """Exactly what a still view shows: this zoom, this look, finely drawn, covering it."""
        fine = self.scale * self._mean_radius >= 2.5
        return (
            plan is not None
            and plan.key == self._base_key
            and plan.look == self._look()
            and plan.scale == self.scale
            and plan.antialias == fine
            and plan.covers(self.scale, self.offset, self.size())
        )

    def sharp(self) -> bool:
        """True if the cached image shows the current view exactly (nothing left to redraw)."""
        return self._base.plan is not None and self._exact(self._base.plan)

    def _request(self, plan: Plan, dim: int = 0) -> None:
        """Ask the worker for ``plan``, with copies of everything it draws."""
        if self._copies is None or self._copies[0] != self._layers_version:
            self._copies = (self._layers_version, [(detach(x), r) for x, r in self._layers])
        layers = [(copy, role) for copy, role in self._copies[1]]
        fade = self._fade
        pens = [(QColor(a), QColor(b)) for a, b in self._edge_pens]
        brushes = [(QColor(a), QColor(b)) for a, b in self._node_brushes]
        dots = self.scale * self._mean_radius < DOT_PX

        def paint(q: QPainter) -> None:
            q.setRenderHint(QPainter.RenderHint.Antialiasing, plan.antialias)
            for copy, role in layers:
                opacity = fade if role == "enter" else 1 - fade if role == "leave" else 1
                if copy.empty or opacity <= 0.01:
                    continue
                q.setOpacity(opacity)
                paint_layers(q, copy, pens, brushes, dim, dots, between=_let_ui_in)

        self._renderer.submit(plan, self.palette().color(QPalette.ColorRole.Base), paint)

    def _take(self, result: object) -> None:
        """An image from the worker: shown if it still fits the content, dropped if not."""
        assert isinstance(result, tuple)
        plan, image = result
        assert isinstance(plan, Plan) and isinstance(image, QImage)
        self._renderer.taken(plan)
        base = self._base
        if plan.key != self._base_key:
            return
        # new content always beats the old; otherwise the image that suits the view
        if (
            base.plan is None
            or base.plan.key != plan.key
            or self._rank(plan) >= self._rank(base.plan)
        ):
            base.install(plan, image)
            self.update()
        if not self._moving:
            self._sharpen()

    def _rank(self, plan: Plan) -> tuple[bool, ...]:
        """How well ``plan`` suits the view: while moving, room ahead beats finesse;
        once still, the exact image beats everything."""
        covers = plan.covers(self.scale, self.offset, self.size())
        near = -abs(math.log(self.scale / plan.scale)) > -0.05
        if self._moving:
            return (covers, self._enough(plan), self._exact(plan), near)
        return (self._exact(plan), covers, near)

    def _sharpen(self) -> None:
        """The view is still: ask for the exact image, unless it is shown or on its way."""
        self._moving = False
        self.update()  # every label again (fewer are drawn while moving)
        if self.scene is None or self._base.plan is None or self._base_key is None:
            return
        if self._exact(self._base.plan) or any(map(self._exact, self._renderer.requested())):
            return
        fine = self.scale * self._mean_radius >= 2.5
        self._request(self._plan(SHARP_MARGIN, fine))

    def shutdown(self) -> None:
        """Stop the settle timer and join the cache worker (the window is closing)."""
        self._settle_timer.stop()
        self._renderer.shutdown()

    def _world(self) -> QTransform:
        return QTransform(self.scale, 0, 0, self.scale, self.offset.x(), self.offset.y())

    def _paint_all_layers(self, p: QPainter, dim: int, fine: bool | None = None) -> None:
        if fine is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, fine)
        for layers, role in self._layers:
            opacity = self._fade if role == "enter" else 1 - self._fade if role == "leave" else 1
            if layers.empty or opacity <= 0.01:
                continue
            p.setOpacity(opacity)
            self._paint_layers(p, layers, dim)
        p.setOpacity(1.0)

    @property
    def _layers(self) -> list[tuple[Layers, str]]:
        return self._layer_list

    @_layers.setter
    def _layers(self, value: list[tuple[Layers, str]]) -> None:
        self._layer_list = value
        self._layers_version += 1

    def redraw(self) -> None:
        """Drop the cached image: the next frame draws every edge and node again."""
        self._base.invalidate()
        self.update()

    def _paint_layers(self, p: QPainter, layers: Layers, dim: int) -> None:
        dots = self.scale * self._mean_radius < DOT_PX
        paint_layers(p, layers, self._edge_pens, self._node_brushes, dim, dots)

    def _paint_subset(self, p: QPainter, scene: Scene, nodes: set[int], dim: int) -> None:
        """A few nodes and their edges drawn on top: the hovered one, or a drag."""
        nodes &= scene.shown
        edges = [QPainterPath() for _ in EDGE_TYPES]
        focus = self.hover if self._drag is None else None
        for u in nodes:
            for v, t in scene.outgoing[u]:
                if v in scene.shown and (focus is None or focus in (u, v)):
                    edges[t].moveTo(*scene.points[u])
                    edges[t].lineTo(*scene.points[v])
        if focus is not None:
            for v in nodes:
                for w, t in scene.outgoing[v]:
                    if w == focus:
                        edges[t].moveTo(*scene.points[v])
                        edges[t].lineTo(*scene.points[w])
        for t, path in enumerate(edges):
            pen = QPen(self._edge_pens[t][dim] if focus is None else self._strong(t), 0)
            pen.setCosmetic(True)
            if focus is not None:
                pen.setWidthF(1.6)
            p.setPen(pen)
            p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        for i in nodes:
            colour = self._node_brushes[scene.groups[i]][0]
            p.setBrush(colour)
            r = scene.radii[i]
            p.drawEllipse(QPointF(*scene.points[i]), r, r)

    def _strong(self, t: int) -> QColor:
        tint = EDGE_TINTS[EDGE_TYPES[t]]
        return QColor(tint) if tint else self.palette().color(QPalette.ColorRole.Text)

    def _paint_current(self, p: QPainter, scene: Scene) -> None:
        i = self.current
        if i is None or i not in scene.shown:
            return
        centre, r = QPointF(*scene.points[i]), scene.radii[i]
        p.setBrush(Qt.BrushStyle.NoBrush)
        for colour, width, gap in (
            (self.palette().color(QPalette.ColorRole.Base), 6.0, 3.5),
            (self.palette().color(QPalette.ColorRole.Highlight), 3.0, 3.5),
        ):
            pen = QPen(colour, width)
            pen.setCosmetic(True)
            p.setPen(pen)
            ring = r + gap / self.scale
            p.drawEllipse(centre, ring, ring)

    def _paint_message(self, p: QPainter, *, centred: bool) -> None:
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        rect = QRectF(0, 0, self.width(), self.height()).adjusted(10, 8, -10, -8)
        flags = (
            Qt.AlignmentFlag.AlignCenter
            if centred
            else Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        p.drawText(rect, flags, self.message)

    def set_message(self, text: str) -> None:
        if text != self.message:
            self.message = text
            self.update()

    # -- input -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()  # the back and forward buttons go on up to the window
            return
        pos = event.position()
        node = self.node_at(pos)
        self._press = (pos, node)
        if node is None:
            self._pan_from = (pos, QPointF(self.offset))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        scene = self.scene
        if self._pan_from is not None:
            start, offset = self._pan_from
            self.offset = offset + (pos - start)
            self.update()
            return
        if self._press is not None and self._press[1] is not None and scene is not None:
            start, node = self._press[0], self._press[1]
            if self._drag is None and (pos - start).manhattanLength() > 4:
                self._begin_drag(scene, node)
            if self._drag is not None:
                self._drag_to(scene, self.to_world(pos))
            return
        self.set_hover(self.node_at(pos))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press, self._pan_from = self._press, None, None
        scene = self.scene
        if self._drag is not None and scene is not None:
            self._drag = None
            scene.refresh()
            self._layers = [(build_layers(scene, scene.shown), "base")]
            self.update()
            self.nodes_moved.emit()
            return
        if press is not None and press[1] is not None and scene is not None:
            self.node_clicked.emit(scene.ids[press[1]])

    def _begin_drag(self, scene: Scene, node: int) -> None:
        self._anim.stop()
        moving = {node, *(j for j in scene.neighbours[node] if j in scene.shown)}
        start = self.to_world(self._press[0]) if self._press else scene.points[node]
        self._drag = _Drag(node, start, {i: scene.points[i] for i in moving})
        self._layers = [(build_layers(scene, scene.shown, skip=moving), "base")]
        self._fade = 1.0
        self.hover = None

    def _drag_to(self, scene: Scene, world: Point) -> None:
        drag = self._drag
        assert drag is not None
        dx, dy = world[0] - drag.start[0], world[1] - drag.start[1]
        for i, (x, y) in drag.origin.items():
            k = 1.0 if i == drag.node else 0.3  # neighbours follow, gently
            scene.points[i] = (x + dx * k, y + dy * k)
        self.update()

    def leaveEvent(self, event: object) -> None:
        self.set_hover(None)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.0015 ** event.angleDelta().y(), event.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F:
            self.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        old = event.oldSize()
        if old.width() > 0 and old.height() > 0:
            d = event.size() - old
            self.offset = QPointF(self.offset.x() + d.width() / 2, self.offset.y() + d.height() / 2)
        super().resizeEvent(event)


def _let_ui_in() -> None:
    time.sleep(0)  # hands the GIL over at once, not at the end of a switch interval


def paint_layers(
    p: QPainter,
    layers: Layers,
    pens: Pens,
    brushes: Pens,
    dim: int,
    dots: bool,
    between: Callable[[], None] | None = None,
) -> None:
    """Edges, then nodes (``dots``: far out, each a dot of a few pixels); no canvas state,
    so the cache worker can call it."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    for t in EDGE_ORDER:
        if layers.edges[t]:
            pen = QPen(pens[t][dim], 0)
            pen.setCosmetic(True)
            p.setPen(pen)
            for path in layers.edges[t]:
                p.drawPath(path)
                if between is not None:
                    between()
    ghost = brushes[-1][1] if dim else pens[0][0]
    if dots:
        for group, centres in layers.centres.items():
            pen = QPen(ghost if group < 0 else brushes[group][dim], DOT_PX * 2)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            p.setPen(pen)
            p.drawPoints(centres)
        return
    p.setPen(Qt.PenStyle.NoPen)
    for group, pieces in layers.nodes.items():
        p.setBrush(brushes[group][dim])
        for path in pieces:
            p.drawPath(path)
            if between is not None:
                between()
    if layers.ghosts:
        p.setBrush(ghost)
        for path in layers.ghosts:
            p.drawPath(path)


def _copy_path(path: QPainterPath) -> QPainterPath:
    """A deep copy: QPainterPath fills lazy caches on first draw, so sharing one
    between the UI thread and the worker would race on them."""
    copy = QPainterPath()
    copy.setFillRule(path.fillRule())
    copy.addPath(path)
    return copy


def detach(layers: Layers) -> Layers:
    """``layers`` with nothing shared with the UI thread's copy."""
    return Layers(
        [[_copy_path(e) for e in pieces] for pieces in layers.edges],
        {g: [_copy_path(n) for n in pieces] for g, pieces in layers.nodes.items()},
        [_copy_path(g) for g in layers.ghosts],
        {g: QPolygonF(c) for g, c in layers.centres.items()},  # no lazy caches: sharing is safe
        layers.empty,
    )
