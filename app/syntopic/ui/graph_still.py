"""The map's still layers as a cached image: which to draw, which to ask the worker for."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from syntopic.ui.graph_cache import (
    MOVE_MARGIN,
    PREFETCH,
    SHARP_MARGIN,
    BaseCache,
    Plan,
    Renderer,
    render,
)
from syntopic.ui.graph_paint import DOT_PX, detach, let_ui_in, paint_layers
from syntopic.ui.graph_scene import Layers

if TYPE_CHECKING:
    from syntopic.ui.graph_canvas import GraphCanvas

SETTLE_MS = 120  # this long without a view change and the view counts as still
SYNC_SHAPES = 6000  # up to this many edges and nodes, new content is drawn here at once


class StillImage:
    """Panning and zooming show an image of the still layers; a worker redraws it.

    A stale image (another zoom, not covering the view) is drawn stretched,
    and a new one is asked of the worker thread; once the view has been still
    for SETTLE_MS, a sharp one (anti-aliased when zoomed in) replaces it.
    New content (a filter, colours) is drawn at once when the map is small; a
    big one comes from the worker too, the old image standing in until it does
    (drawing 73,000 edges on the UI thread froze the window for 0.2 s).
    """

    def __init__(self, canvas: GraphCanvas) -> None:
        self.canvas = canvas
        self.base = BaseCache()
        self.renderer = Renderer(self._take)
        self.moving = False  # the view changed less than SETTLE_MS ago
        self.key: object = None  # what the image must show now
        self._last_view: tuple[float, float, float, int, int] | None = None
        self._copies: tuple[int, list[tuple[Layers, str]]] | None = None  # for the worker
        self._settle_timer = QTimer(canvas)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self.sharpen)

    def use_copies(self, layers: Layers) -> None:
        """A `detach`ed copy of the canvas's new base layers, made off the UI thread."""
        self._copies = (self.canvas.layers_version, [(layers, "base")])

    def paint(self, p: QPainter, fine: bool, bg: QColor) -> None:
        """Draw the best image there is; ask for a better one when it falls short."""
        c = self.canvas
        size = c.size()
        view = (c.scale, c.offset.x(), c.offset.y(), size.width(), size.height())
        if view != self._last_view:
            if self._last_view is not None:
                self.moving = True
                self._settle_timer.start()
            self._last_view = view
        self.key = key = (c.layers_version, c.colours.key[:3])
        base = self.base
        if base.plan is None or base.plan.key != key:
            plan = self._plan(SHARP_MARGIN, fine)
            if c.shapes() <= SYNC_SHAPES:
                base.install(plan, render(plan, bg, lambda q: c.paint_all_layers(q, 0, fine)))
            elif not any(r.key == key for r in self.renderer.requested()):
                self._request(plan)
        if base.image is not None:
            base.draw(p, c.scale, c.offset)
        waiting = self.moving and not self._enough(base.plan)
        if waiting and not any(self._enough(plan) for plan in self.renderer.requested()):
            # rough while moving: no anti-aliasing, so the worker keeps up
            self._request(self._plan(MOVE_MARGIN, False))

    def _look(self) -> tuple[tuple[float, float], bool]:
        """What the zoom changes in the cached layers besides their size."""
        c = self.canvas
        return (c.colours.look, c.scale * c.mean_radius < DOT_PX)

    def _plan(self, margin: float, antialias: bool) -> Plan:
        c = self.canvas
        return Plan.of(c.size(), c.scale, c.offset, margin, self.key, self._look(), antialias)

    def _enough(self, plan: Plan | None) -> bool:
        """Good enough to show while moving: same content and look, near the zoom, room ahead."""
        c = self.canvas
        return (
            plan is not None
            and plan.key == self.key
            and plan.look == self._look()
            and plan.close(c.scale)
            and plan.covers(c.scale, c.offset, c.size(), PREFETCH)
        )

    def _exact(self, plan: Plan | None) -> bool:
        """Exactly what a still view shows: this zoom, this look, finely drawn, covering it."""
        c = self.canvas
        return (
            plan is not None
            and plan.key == self.key
            and plan.look == self._look()
            and plan.scale == c.scale
            and plan.antialias == c.fine()
            and plan.covers(c.scale, c.offset, c.size())
        )

    def sharp(self) -> bool:
        """True if the image shows the current view exactly (nothing left to redraw)."""
        return self.base.plan is not None and self._exact(self.base.plan)

    def _request(self, plan: Plan, dim: int = 0) -> None:
        """Ask the worker for ``plan``, with copies of everything it draws."""
        c = self.canvas
        if self._copies is None or self._copies[0] != c.layers_version:
            self._copies = (c.layers_version, [(detach(x), r) for x, r in c.layers])
        layers = [(copy, role) for copy, role in self._copies[1]]
        fade = c.fade
        pens = [[(QColor(a), QColor(b)) for a, b in by_class] for by_class in c.colours.layer_pens]
        brushes = [(QColor(a), QColor(b)) for a, b in c.colours.node_brushes]
        ghost = [(QColor(a), QColor(b)) for a, b in c.colours.ghost]
        dots = c.scale * c.mean_radius < DOT_PX

        def paint(q: QPainter) -> None:
            q.setRenderHint(QPainter.RenderHint.Antialiasing, plan.antialias)
            for copy, role in layers:
                opacity = fade if role == "enter" else 1 - fade if role == "leave" else 1
                if copy.empty or opacity <= 0.01:
                    continue
                q.setOpacity(opacity)
                paint_layers(q, copy, pens, brushes, dim, dots, ghost, between=let_ui_in)

        self.renderer.submit(plan, c.palette().color(QPalette.ColorRole.Base), paint)

    def _take(self, result: object) -> None:
        """An image from the worker: shown if it still fits the content, dropped if not."""
        assert isinstance(result, tuple)
        plan, image = result
        assert isinstance(plan, Plan) and isinstance(image, QImage)
        self.renderer.taken(plan)
        base = self.base
        if plan.key != self.key:
            return
        # new content always beats the old; otherwise the image that suits the view
        if (
            base.plan is None
            or base.plan.key != plan.key
            or self._rank(plan) >= self._rank(base.plan)
        ):
            base.install(plan, image)
            self.canvas.update()
        if not self.moving:
            self.sharpen()

    def _rank(self, plan: Plan) -> tuple[bool, ...]:
        """How well ``plan`` suits the view: while moving, room ahead beats finesse;
        once still, the exact image beats everything."""
        c = self.canvas
        covers = plan.covers(c.scale, c.offset, c.size())
        near = -abs(math.log(c.scale / plan.scale)) > -0.05
        if self.moving:
            return (covers, self._enough(plan), self._exact(plan), near)
        return (self._exact(plan), covers, near)

    def sharpen(self) -> None:
        """The view is still: ask for the exact image, unless it is shown or on its way."""
        self.moving = False
        self.canvas.update()  # every label again (fewer are drawn while moving)
        if self.canvas.scene is None or self.base.plan is None or self.key is None:
            return
        if self._exact(self.base.plan) or any(map(self._exact, self.renderer.requested())):
            return
        self._request(self._plan(SHARP_MARGIN, self.canvas.fine()))

    def invalidate(self) -> None:
        self.base.invalidate()

    def shutdown(self) -> None:
        """Stop the settle timer and end the worker (the window is closing)."""
        self._settle_timer.stop()
        self.renderer.shutdown()
