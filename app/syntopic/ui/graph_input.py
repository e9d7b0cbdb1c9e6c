"""The graph canvas's mouse and keys: hover, click, drag a node, pan, zoom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent

from syntopic.ui.graph_scene import Layers, Point, Scene, build_layers

if TYPE_CHECKING:
    from syntopic.ui.graph_canvas import GraphCanvas

DRAG_START_PX = 4  # a press that moves further than this is a drag, not a click
NEIGHBOUR_PULL = 0.3  # how far a dragged node's neighbours follow it
MAP_TIP = (
    "Click a note to open it in the Note tab · drag a note to move it · "
    "drag the background to pan · wheel to zoom · F to fit"
)


def tip_for(scene: Scene | None, node: int | None) -> str:
    """The map's tooltip over ``node`` (None: the background): what a click does there."""
    if scene is None or node is None:
        return MAP_TIP
    if scene.ghost[node]:
        return f"{scene.titles[node]}: not written yet; click to write it"
    return f"{scene.titles[node]}: click to open it in the Note tab"


@dataclass(slots=True)
class Drag:
    node: int
    start: Point  # world position under the cursor when the drag began
    origin: dict[int, Point]  # the moving nodes' positions then
    layers: Layers | None = None


class CanvasInput:
    """What the mouse and keys do to a `GraphCanvas` (its event handlers call in here)."""

    def __init__(self, canvas: GraphCanvas) -> None:
        self.canvas = canvas
        self._press: tuple[QPointF, int | None] | None = None
        self._pan_from: tuple[QPointF, QPointF] | None = None

    def press(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()  # the back and forward buttons go on up to the window
            return
        pos = event.position()
        node = self.canvas.node_at(pos)
        self._press = (pos, node)
        if node is None:
            self._pan_from = (pos, QPointF(self.canvas.offset))

    def move(self, event: QMouseEvent) -> None:
        c = self.canvas
        pos = event.position()
        scene = c.scene
        if self._pan_from is not None:
            start, offset = self._pan_from
            c.offset = offset + (pos - start)
            c.update()
            return
        if self._press is not None and self._press[1] is not None and scene is not None:
            start, node = self._press[0], self._press[1]
            if c.drag is None and (pos - start).manhattanLength() > DRAG_START_PX:
                self._begin_drag(scene, node, c.to_world(start))
            if c.drag is not None:
                self._drag_to(scene, c.to_world(pos))
            return
        under = c.node_at(pos)
        c.set_hover(under)
        tip = tip_for(scene, under)
        if c.toolTip() != tip:  # the widget's own tooltip: Qt shows it where the mouse rests
            c.setToolTip(tip)

    def release(self, _event: QMouseEvent) -> None:
        c = self.canvas
        press, self._press, self._pan_from = self._press, None, None
        scene = c.scene
        if c.drag is not None and scene is not None:
            c.drag = None
            scene.refresh()
            c.layers = [(build_layers(scene, scene.shown), "base")]
            c.update()
            c.nodes_moved.emit()
            return
        if press is not None and press[1] is not None and scene is not None:
            c.node_clicked.emit(scene.ids[press[1]])

    def _begin_drag(self, scene: Scene, node: int, start: Point) -> None:
        c = self.canvas
        c.stop_transition()
        moving = {node, *(j for j in scene.neighbours[node] if j in scene.shown)}
        c.drag = Drag(node, start, {i: scene.points[i] for i in moving})
        c.layers = [(build_layers(scene, scene.shown, skip=moving), "base")]
        c.fade = 1.0
        c.hover = None

    def _drag_to(self, scene: Scene, world: Point) -> None:
        drag = self.canvas.drag
        assert drag is not None
        dx, dy = world[0] - drag.start[0], world[1] - drag.start[1]
        for i, (x, y) in drag.origin.items():
            k = 1.0 if i == drag.node else NEIGHBOUR_PULL
            scene.points[i] = (x + dx * k, y + dy * k)
        self.canvas.update()

    def wheel(self, event: QWheelEvent) -> None:
        self.canvas.zoom(1.0015 ** event.angleDelta().y(), event.position())

    def key(self, event: QKeyEvent) -> bool:
        """True if the key was used."""
        key = event.key()
        if key == Qt.Key.Key_F:
            self.canvas.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.canvas.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.canvas.zoom(0.8)
        else:
            return False
        return True
