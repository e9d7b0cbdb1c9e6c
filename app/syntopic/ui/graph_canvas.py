"""The graph canvas: cached paths, level of detail, hover, drag, zoom; idle when still."""

from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from syntopic.layout.framing import frame, largest_component, main_share
from syntopic.layout.labels import Box
from syntopic.layout.snapshot import EDGE_TYPES
from syntopic.ui.graph_input import CanvasInput, Drag
from syntopic.ui.graph_overlay import SMALL_GRAPH, Legend, label_room, paint_arrows, paint_labels
from syntopic.ui.graph_paint import DOT_PX, GHOST_RIM_PX, Colours, detach, paint_layers
from syntopic.ui.graph_scene import Layers, Point, Scene, build_layers
from syntopic.ui.graph_still import StillImage

__all__ = ["GraphCanvas", "detach"]

MORPH_LIMIT = 1500  # animate positions only for scenes this small; bigger ones jump
FINE_PX = 2.5  # from this mean node radius on screen, the map is drawn anti-aliased
DIM_VEIL = 0.82  # how far hover fades the map towards the background


class GraphCanvas(QWidget):
    """Draws a `Scene`; nothing runs while nothing moves (no timers when idle).

    The still layers come from a cached image (`StillImage`); hover, a drag,
    the open note, arrows, labels and the legend are drawn over it each frame.

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
        self.scale = 1.0
        self.offset = QPointF(0.0, 0.0)
        self.hover: int | None = None
        self.current: int | None = None
        self.arrows = False
        self.message = ""
        self.legend: list[tuple[str, str, int]] = []  # (label, colour, count)
        self.drawn_labels: list[Box] = []  # the label boxes of the last frame, on screen
        self.colours = Colours()
        self.layers_version = 0  # bumps with every new set of layers
        self._layer_list: list[tuple[Layers, str]] = []
        self.fade = 1.0  # of a transition: entering layers at this opacity, leaving at 1 - it
        self.mean_radius = 5.0
        self.drag: Drag | None = None
        self.still = StillImage(self)
        self._legend = Legend()
        self._input = CanvasInput(self)
        self._morph: tuple[dict[int, Point], list[Point]] | None = None
        self._entering: set[int] = set()
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
    @property
    def layers(self) -> list[tuple[Layers, str]]:
        """What is drawn: (paths, role), role "base", "enter" or "leave"."""
        return self._layer_list

    @layers.setter
    def layers(self, value: list[tuple[Layers, str]]) -> None:
        self._layer_list = value
        self.layers_version += 1

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
        self.drag = None
        self.scene = scene
        self.hover = None
        if scene is None:
            self.layers = []
            self.update()
            return
        self.mean_radius = (
            sum(scene.radii[i] for i in scene.shown) / len(scene.shown) if scene.shown else 5.0
        )
        if layers is not None:
            self.layers = [(layers[0], "base")]
            self.still.use_copies(layers[1])
            self.update()
            return
        if old is None or not animate:
            self.layers = [(build_layers(scene, scene.shown), "base")]
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
            self.layers = [(build_layers(scene, scene.shown), "base")]
            self.update()
            return
        self._morph = None
        if moved and len(scene.shown) <= MORPH_LIMIT:
            self._morph = (moved, list(scene.points))
        kept_before = [old.index[scene.ids[i]] for i in stable]
        self._entering = entering
        self.layers = [
            (build_layers(scene, stable), "base"),
            (build_layers(scene, entering, context=stable), "enter"),
            (build_layers(old, leaving, context=kept_before), "leave"),
        ]
        self.fade = 0.0
        self._anim.start()

    def _step(self, value: object) -> None:
        self.fade = float(value)  # type: ignore[arg-type]
        scene = self.scene
        if self._morph is not None and scene is not None:
            start, end = self._morph
            t = self.fade
            for i, (x0, y0) in start.items():
                x1, y1 = end[i]
                scene.points[i] = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            stable = scene.shown - self._entering
            self.layers = [
                (build_layers(scene, stable), "base"),
                (build_layers(scene, self._entering, context=stable), "enter"),
                self.layers[2],
            ]
        self.update()

    def _settle(self) -> None:
        scene = self.scene
        if scene is not None:
            if self._morph is not None:
                scene.points[:] = self._morph[1]
                self._morph = None
            scene.refresh()
            self.layers = [(build_layers(scene, scene.shown), "base")]
        self.fade = 1.0
        self.update()
        self.transition_finished.emit()

    def stop_transition(self) -> None:
        self._anim.stop()

    def moving(self) -> bool:
        """True while the view pans or zooms (until it has been still a moment)."""
        return self.still.moving or self.animating() or self.drag is not None

    def animating(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def set_current(self, node: str | None) -> None:
        self.current = None if node is None or self.scene is None else self.scene.index.get(node)
        self.update()

    def shapes(self) -> int:
        """Edges and nodes the layers hold: what a full redraw costs."""
        scene = self.scene
        return 0 if scene is None else len(scene.edges) + len(scene.shown)

    def fine(self) -> bool:
        """Zoomed in far enough for anti-aliasing to show."""
        return self.scale * self.mean_radius >= FINE_PX

    def sharp(self) -> bool:
        """True if the cached image shows the current view exactly (nothing left to redraw)."""
        return self.still.sharp()

    def redraw(self) -> None:
        """Drop the cached image: the next frame draws every edge and node again."""
        self.still.invalidate()
        self.update()

    def shutdown(self) -> None:
        """Stop the settle timer and end the cache worker (the window is closing)."""
        self.still.shutdown()

    # -- view ----------------------------------------------------------------------
    def to_screen(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.scale + self.offset.x(), y * self.scale + self.offset.y())

    def to_world(self, pos: QPointF) -> Point:
        return ((pos.x() - self.offset.x()) / self.scale, (pos.y() - self.offset.y()) / self.scale)

    def fit(self, members: set[int] | None = None) -> None:
        """Zoom and centre on the shown nodes (or ``members``): their main connected
        part large, small parts and far loners around it (see `frame`)."""
        scene = self.scene
        if scene is None:
            return
        chosen = scene.shown if members is None else members
        main = scene.main if members is None else largest_component(scene.neighbours, chosen)
        biggest = max((scene.radii[i] for i in chosen), default=5.0)
        side = 0.0
        if len(chosen) <= SMALL_GRAPH:
            # every node is labelled: the outermost labels should fit in view too
            side = label_room(self.font(), (scene.titles[i] for i in chosen)) / 2
        self.scale, x, y = frame(
            scene.bounds(members), scene.bounds(main), self.width(), self.height(), biggest, side
        )
        self._look_at(x, y)

    def legend_box(self) -> Box | None:
        """Where the legend is drawn, in canvas pixels."""
        return self._legend.box(self)

    def main_share(self) -> float:
        """How much of the view's shorter side the main component spans now."""
        scene = self.scene
        if scene is None or not scene.main:
            return 0.0
        return main_share(scene.bounds(scene.main), self.scale, self.width(), self.height())

    def _look_at(self, x: float, y: float) -> None:
        self.offset = QPointF(self.width() / 2 - x * self.scale, self.height() / 2 - y * self.scale)
        self.update()

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

    def set_message(self, text: str) -> None:
        if text != self.message:
            self.message = text
            self.update()

    def _world(self) -> QTransform:
        return QTransform(self.scale, 0, 0, self.scale, self.offset.x(), self.offset.y())

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
        self.colours.prepare(self.palette(), scene, self.scale)
        fine = self.fine()
        dim = 1 if self.hover is not None else 0
        if self.animating() or self.drag is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, fine)
            p.setTransform(self._world())
            self.paint_all_layers(p, dim)
        else:
            self.still.paint(p, fine, bg)
            if dim:
                # hover fades the map behind a veil, not by redrawing it faded: a
                # redraw of every edge costs ~0.15 s at 6,500 notes, the veil nothing
                veil = QColor(bg)
                veil.setAlphaF(DIM_VEIL)
                p.resetTransform()
                p.fillRect(QRectF(0, 0, self.width(), self.height()), veil)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, fine)
        p.setTransform(self._world())
        if self.drag is not None:
            self._paint_subset(p, scene, set(self.drag.origin), dim=dim)
        if self.hover is not None:
            self._paint_subset(p, scene, {self.hover, *scene.neighbours[self.hover]}, dim=0)
        if self.arrows and fine:
            paint_arrows(self, p, scene)
        self._paint_current(p, scene)
        p.resetTransform()
        paint_labels(self, p, scene)
        self._legend.paint(self, p)
        if self.message:
            self._paint_message(p, centred=False)

    def paint_all_layers(self, p: QPainter, dim: int, fine: bool | None = None) -> None:
        """Every layer, faded as the transition stands (the cache draws these too)."""
        if fine is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, fine)
        dots = self.scale * self.mean_radius < DOT_PX
        pens, brushes = self.colours.layer_pens, self.colours.node_brushes
        for layers, role in self.layers:
            opacity = self.fade if role == "enter" else 1 - self.fade if role == "leave" else 1
            if layers.empty or opacity <= 0.01:
                continue
            p.setOpacity(opacity)
            paint_layers(p, layers, pens, brushes, dim, dots, self.colours.ghost)
        p.setOpacity(1.0)

    def _paint_subset(self, p: QPainter, scene: Scene, nodes: set[int], dim: int) -> None:
        """A few nodes and their edges drawn on top: the hovered one, or a drag."""
        nodes &= scene.shown
        edges = [QPainterPath() for _ in EDGE_TYPES]
        focus = self.hover if self.drag is None else None
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
            colour = self.colours.edge_pens[t][dim] if focus is None else self.colours.strong(t)
            pen = QPen(colour, 0)
            pen.setCosmetic(True)
            if focus is not None:
                pen.setWidthF(1.6)
            p.setPen(pen)
            p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        rim = QPen(self.colours.ghost[0][0], GHOST_RIM_PX)
        rim.setCosmetic(True)
        for i in nodes:
            ghost = scene.ghost[i]
            p.setPen(rim if ghost else Qt.PenStyle.NoPen)
            p.setBrush(
                self.colours.ghost[1][0] if ghost else self.colours.node_brushes[scene.groups[i]][0]
            )
            r = scene.radii[i]
            p.drawEllipse(QPointF(*scene.points[i]), r, r)

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

    # -- input (see graph_input) ------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._input.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._input.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._input.release(event)

    def leaveEvent(self, event: object) -> None:
        self.set_hover(None)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._input.wheel(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._input.key(event):
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        old = event.oldSize()
        if old.width() > 0 and old.height() > 0:
            d = event.size() - old
            self.offset = QPointF(self.offset.x() + d.width() / 2, self.offset.y() + d.height() / 2)
        super().resizeEvent(event)
