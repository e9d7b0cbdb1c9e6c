"""A study map's page: size, orientation, resolution, and the checks on them (no Qt)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Literal

from syntopic.export.files import ExportError

MAP_FORMATS = ("svg", "pdf", "png")
PageName = Literal["a4", "letter"]
Orientation = Literal["landscape", "portrait"]
PAGE_POINTS: dict[str, tuple[float, float]] = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MIN_DPI, MAX_DPI = 72, 2400
MAX_PIXELS = 12000


@dataclass(frozen=True, slots=True)
class PageOptions:
    page: PageName = "a4"
    orientation: Orientation = "landscape"
    width: int | None = None  # PNG width in pixels; default: the page at ``dpi``
    dpi: int = 300
    date: _dt.date | None = None  # printed on the page; default today

    def points(self) -> tuple[float, float]:
        short, long = PAGE_POINTS[self.page]
        return (long, short) if self.orientation == "landscape" else (short, long)

    def png_size(self) -> tuple[int, int]:
        w_pt, h_pt = self.points()
        width = self.width or round(w_pt / 72 * self.dpi)
        return width, round(width * h_pt / w_pt)


def check_options(fmt: str, options: PageOptions) -> None:
    if fmt not in MAP_FORMATS:
        raise ExportError(f"unknown map format '.{fmt}' (use .svg, .pdf or .png)")
    if options.page not in PAGE_POINTS:
        raise ExportError(f"unknown page size '{options.page}' (use a4 or letter)")
    if options.orientation not in ("landscape", "portrait"):
        raise ExportError("orientation must be landscape or portrait")
    if not MIN_DPI <= options.dpi <= MAX_DPI:
        raise ExportError(f"dpi must be between {MIN_DPI} and {MAX_DPI}")
    if options.width is not None and not 100 <= options.width <= MAX_PIXELS:
        raise ExportError(f"width must be between 100 and {MAX_PIXELS} pixels")
