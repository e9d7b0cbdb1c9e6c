"""The graph's controls read in both themes: check boxes, the depth slider, Global/Local."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton, QWidget
from pytestqt.qtbot import QtBot

from syntopic.ui import theme
from syntopic.ui.graph_controls import GraphControls


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def strongest(image: QImage, rect: QRect, against: QColor) -> float:
    """The best contrast any pixel of ``rect`` makes with ``against``: what the eye finds."""
    return max(
        contrast(image.pixelColor(x, y), against)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def controls(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[GraphControls]:
    theme.apply_palette(request.param)
    bar = GraphControls()
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    yield bar
    theme.apply_palette(False)


def window_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def grab(widget: QWidget) -> QImage:
    image = widget.grab().toImage()
    image.setDevicePixelRatio(1.0)
    return image


def indicator(box: QWidget) -> QRect:
    option = QStyleOptionButton()
    option.initFrom(box)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)


def test_check_boxes_stand_out_ticked_or_not(controls: GraphControls) -> None:
    for box in (controls.hide_orphans, controls.hide_ghosts, controls.hide_books, controls.arrows):
        for ticked in (False, True):
            box.setChecked(ticked)
            edge = strongest(grab(box), indicator(box), window_colour())
            assert edge >= 3.0, f"{box.text()} ticked={ticked}: contrast {edge:.1f}"
        text = box.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(text, window_colour()) >= 4.5


def test_the_depth_groove_is_visible(controls: GraphControls, qtbot: QtBot) -> None:
    slider = controls.depth_slider
    controls.local_button.setChecked(True)  # the panel enables the slider in local mode
    slider.setEnabled(True)
    image = grab(slider)
    # the groove runs along the middle; the handle sits at the left end (depth 1)
    middle = QRect(slider.width() // 2, 0, slider.width() // 2 - 2, slider.height())
    assert strongest(image, middle, window_colour()) >= 3.0
    slider.setEnabled(False)
    assert strongest(grab(slider), middle, window_colour()) >= 1.5  # fainter, still there


def test_the_active_mode_shows(controls: GraphControls) -> None:
    def face(button: QWidget) -> QColor:
        image = grab(button)
        return image.pixelColor(3, button.height() // 2)

    assert controls.global_button.isChecked()
    on, off = face(controls.global_button), face(controls.local_button)
    assert contrast(on, off) >= 2.0
    controls.local_button.setChecked(True)
    assert not controls.global_button.isChecked()
    assert face(controls.local_button) == on and face(controls.global_button) == off


def test_switching_theme_restyles_and_keeps_labels_in_the_new_palette(
    controls: GraphControls, qtbot: QtBot
) -> None:
    dark = window_colour().lightness() < 128
    theme.apply_palette(not dark)
    box = controls.hide_books

    def readable() -> bool:
        label_text = controls.counts.palette().color(QPalette.ColorRole.WindowText)
        return (
            contrast(label_text, window_colour()) >= 4.5
            and strongest(grab(box), indicator(box), window_colour()) >= 3.0
        )

    qtbot.waitUntil(readable, timeout=2000)
