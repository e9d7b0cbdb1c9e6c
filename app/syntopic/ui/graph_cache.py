"""The graph's still layers kept as an image, redrawn on a worker thread while the view moves."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from syntopic.ui.workers import Latest, Worker, serve

SHARP_MARGIN = 0.25  # of the view's width and height, on every side, around a still view
MOVE_MARGIN = 0.5  # more room while moving: the next pan steps need no new image
ZOOM_BAND = (0.8, 1.25)  # while zooming, an image stretched further than this is redrawn
WORKER_NICE = 10  # the cache worker's niceness (Linux): the UI thread comes first
PREFETCH = 0.15  # of the view: less image than this beyond an edge, and the next one is started

Paint = Callable[[QPainter], None]


@dataclass(frozen=True, slots=True)
class Plan:
    """One rendering of the cache: the view it was made for, its margin and style.

    ``key`` names the content (layers, dimming, palette): an image with another
    key is wrong, not just stale. ``look`` names what changes with the zoom
    (dot mode, edge strength): stale, but fine to show while the view moves.
    """

    size: tuple[int, int]
    scale: float
    offset: tuple[float, float]
    margin: tuple[int, int]
    key: Hashable
    look: Hashable
    antialias: bool

    @staticmethod
    def of(
        size: QSize,
        scale: float,
        offset: QPointF,
        margin: float,
        key: Hashable,
        look: Hashable,
        antialias: bool,
    ) -> Plan:
        w, h = size.width(), size.height()
        return Plan(
            (w, h),
            scale,
            (offset.x(), offset.y()),
            (round(w * margin), round(h * margin)),
            key,
            look,
            antialias,
        )

    def transform(self, scale: float, offset: QPointF) -> QTransform:
        """Image pixels to the screen of the view (``scale``, ``offset``)."""
        k = scale / self.scale
        return QTransform(
            k,
            0,
            0,
            k,
            offset.x() - (self.offset[0] + self.margin[0]) * k,
            offset.y() - (self.offset[1] + self.margin[1]) * k,
        )

    def covers(self, scale: float, offset: QPointF, size: QSize, slack: float = 0.0) -> bool:
        """True if the image holds the whole view, and ``slack`` of its size beyond each edge."""
        k = scale / self.scale
        w, h = size.width(), size.height()
        sx, sy = w * slack, h * slack
        left = (-sx - offset.x()) / k + self.offset[0] + self.margin[0]
        top = (-sy - offset.y()) / k + self.offset[1] + self.margin[1]
        right = left + (w + 2 * sx) / k
        bottom = top + (h + 2 * sy) / k
        width, height = self.size[0] + 2 * self.margin[0], self.size[1] + 2 * self.margin[1]
        # a hair of tolerance: offsets are floats, and an exact fit must count
        return left >= -0.01 and top >= -0.01 and right <= width + 0.01 and bottom <= height + 0.01

    def close(self, scale: float) -> bool:
        return ZOOM_BAND[0] <= scale / self.scale <= ZOOM_BAND[1]


def render(plan: Plan, background: QColor, paint: Paint) -> QImage:
    """Draw with ``paint`` (given a painter in world coordinates) into a new image.

    Safe on any thread as long as ``paint`` touches nothing the UI thread changes.
    """
    (w, h), (mx, my) = plan.size, plan.margin
    image = QImage(w + 2 * mx, h + 2 * my, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    p = QPainter(image)
    try:
        s, (ox, oy) = plan.scale, plan.offset
        p.setTransform(QTransform(s, 0, 0, s, ox + mx, oy + my))
        paint(p)
    finally:
        p.end()
    return image


class BaseCache:
    """Panning blits the image; zooming stretches it until a new one arrives.

    Redrawing 20,000 edges costs tens of milliseconds (hundreds, anti-aliased
    and zoomed in); copying an image costs one or two, so a frame while moving
    is nearly free.
    """

    def __init__(self) -> None:
        self.image: QImage | None = None
        self.plan: Plan | None = None
        self.renders = 0

    def invalidate(self) -> None:
        self.image = self.plan = None

    def install(self, plan: Plan, image: QImage) -> None:
        self.plan, self.image = plan, image
        self.renders += 1

    def draw(self, p: QPainter, scale: float, offset: QPointF) -> None:
        assert self.image is not None and self.plan is not None
        p.save()
        # stretched while zooming: smooth scaling would cost more than the frame
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.setTransform(self.plan.transform(scale, offset))
        p.drawImage(0, 0, self.image)
        p.restore()


def _yield_to_ui() -> None:
    """Lower this thread's priority, so that on a busy machine frames win over images.

    Linux only: there a thread id is a valid target for setpriority; elsewhere
    the same number could name another process.
    """
    if sys.platform == "linux":
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)


Request = tuple[Plan, QColor, Paint]


class Renderer:
    """One worker drawing cache images; the newest request replaces any not started.

    ``deliver((plan, image))`` is called on the UI thread. The worker starts
    with the first request, waits without a timer between requests, and ends
    in `shutdown`.
    """

    def __init__(self, deliver: Callable[[object], None]) -> None:
        self._deliver = deliver
        self._mailbox: Latest[Request] = Latest(on_take=self._started)
        self._busy: Plan | None = None
        self._sent: list[Plan] = []  # drawn, not yet taken on the UI thread
        self._worker: Worker | None = None
        self._niced = False

    def submit(self, plan: Plan, background: QColor, paint: Paint) -> None:
        if self._mailbox.closed:
            return
        self._mailbox.put((plan, QColor(background), paint))
        if self._worker is None:
            worker = serve(self._mailbox, self._render, name="graph-cache")
            worker.yielded.connect(self._deliver)
            self._worker = worker
            worker.start()

    def requested(self) -> list[Plan]:
        """Plans being drawn or waiting: no need to ask again for what they show."""
        with self._mailbox.lock:
            plans = [*self._sent, *([self._busy] if self._busy is not None else [])]
            pending = self._mailbox.peek()
            if pending is not None:
                plans.append(pending[0])
            return plans

    def taken(self, plan: Plan) -> None:
        """The UI thread has the image for ``plan`` (installed or dropped)."""
        with self._mailbox.lock:
            if plan in self._sent:
                self._sent.remove(plan)

    def running(self) -> bool:
        return self._worker is not None and self._worker.running

    def _started(self, request: Request) -> None:  # under the mailbox's lock
        self._busy = request[0]

    def _render(self, request: Request) -> tuple[Plan, QImage]:
        if not self._niced:
            self._niced = True
            _yield_to_ui()
        plan, background, paint = request
        try:
            image = render(plan, background, paint)
        finally:
            with self._mailbox.lock:
                self._busy = None
                self._sent.append(plan)
        return plan, image

    def shutdown(self) -> None:
        """Drop what waits, let the image being drawn finish, and end the worker."""
        self._mailbox.close()
        if self._worker is not None:
            self._worker.stop()
