"""The graph panel's toolbar: mode, depth, colours, query, filters, arrows, fit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QWidget,
)

from syntopic.layout.colours import SCHEMES
from syntopic.layout.snapshot import GraphSnapshot
from syntopic.paths import resource
from syntopic.ui.flow_layout import FlowLayout
from syntopic.ui.graph_scene import mix

ALL = ""  # the data of "All types" / "All tags"


class GraphControls(QWidget):
    """Widgets only; the panel connects to them and reads their state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.global_button = _toggle("Global", "The whole vault")
        self.local_button = _toggle("Local", "The open note and its neighbours")
        self.global_button.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.global_button)
        self.mode_group.addButton(self.local_button)
        self.depth_slider = QSlider(Qt.Orientation.Horizontal)
        self.depth_slider.setRange(1, 3)
        self.depth_slider.setFixedWidth(70)
        self.depth_slider.setPageStep(1)
        self.depth_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.depth_slider.setEnabled(False)
        self.depth_slider.setToolTip("Local graph depth: links away from the open note")
        self.depth_label = QLabel("1")
        self.colour_by = QComboBox()
        for scheme in SCHEMES:
            self.colour_by.addItem(scheme.capitalize(), scheme)
        self.size_by = QComboBox()
        self.size_by.addItem("Links", "degree")
        self.size_by.addItem("Backlinks", "backlinks")
        self.query = QLineEdit()
        self.query.setPlaceholderText("Filter the map…")
        self.query.setClearButtonEnabled(True)
        self.query.setMinimumWidth(140)
        self.arrows = QCheckBox("Arrows")
        self.fit = QPushButton("Fit")
        self.fit.setToolTip("Show the whole map (F)")
        self.kind = QComboBox()
        self.tag = QComboBox()
        self.hide_orphans = QCheckBox("Orphans")
        self.hide_ghosts = QCheckBox("Unwritten")
        self.hide_books = QCheckBox("Books")
        self.counts = QLabel("")
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        # groups that wrap as one: a label never ends a row apart from its control
        self.counts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        flow = FlowLayout(self)
        flow.setContentsMargins(6, 4, 6, 2)
        groups: list[tuple[QWidget | str, ...]] = [
            (self.global_button, self.local_button),
            ("Depth", self.depth_slider, self.depth_label),
            ("Colour", self.colour_by),
            ("Size", self.size_by),
            (self.query,),
            (self.arrows, self.fit),
            (),  # the filters' row
            ("Type", self.kind),
            ("Tag", self.tag),
            ("Hide:", self.hide_orphans, self.hide_ghosts, self.hide_books),
            (self.counts,),
        ]
        for parts in groups:
            if not parts:
                flow.add_break()
            elif len(parts) == 1 and isinstance(parts[0], QWidget):
                flow.add_widget(parts[0])
            else:
                flow.add_widget(_group(parts))
        self.fill_choices(None)
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()  # the theme changed

    def _restyle(self) -> None:
        """Each styled control gets its own sheet, every colour in it spelled out: a sheet
        on the whole bar would pin the palette it found on every child (labels and
        lists would keep the old theme)."""
        sheet = controls_style(QApplication.palette())
        boxes = (self.hide_orphans, self.hide_ghosts, self.hide_books, self.arrows)
        for w in (self.global_button, self.local_button, self.depth_slider, *boxes):
            if w.styleSheet() != sheet:
                w.setStyleSheet(sheet)

    def fill_choices(self, choices: Choices | None) -> None:
        """Type and tag lists (from `choices_of`), keeping the selection."""
        kinds, top_tags = choices or ([], [])
        _refill(self.kind, "All types", ((k, f"{k} ({n})") for k, n in kinds))
        _refill(self.tag, "All tags", ((t, f"#{t} ({n})") for t, n in top_tags))


Choices = tuple[list[tuple[str, int]], list[tuple[str, int]]]  # kinds and top tags, counted


def choices_of(snapshot: GraphSnapshot) -> Choices:
    """The types, most common first, and the 60 most used top-level tags, by name
    (a walk of every node: done where the snapshot is taken, off the UI thread)."""
    kinds: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for node in snapshot.nodes:
        kinds[node.kind] += 1
        tags.update({t.split("/", 1)[0] for t in node.tags})
    return kinds.most_common(), sorted(tags.most_common(60), key=lambda kv: kv[0])


def controls_style(palette: QPalette) -> str:
    """Check boxes, the slider and the Global/Local pair drawn from the palette's colours.

    Fusion outlines them in a shade darker than the window: black on black in a
    dark theme. Here every edge is halfway between text and window, and what is
    on (a ticked box, the chosen mode) is filled with the highlight colour.
    """
    role = QPalette.ColorRole
    window, text = palette.color(role.Window), palette.color(role.WindowText)
    edge = mix(text, window, 0.55).name()
    faint = mix(text, window, 0.8).name()
    on, on_text = palette.color(role.Highlight).name(), palette.color(role.HighlightedText).name()
    base, button = palette.color(role.Base).name(), palette.color(role.Button).name()
    tick = resource("icons", "check@2x.png").as_posix()
    return f"""
QToolButton[mode="true"] {{ border: 1px solid {edge}; border-radius: 3px; padding: 2px 8px;
    background: {button}; color: {text.name()}; }}
QToolButton[mode="true"]:hover {{ border-color: {on}; }}
QToolButton[mode="true"]:checked {{ background: {on}; border-color: {on}; color: {on_text}; }}
QCheckBox {{ color: {text.name()}; }}
QCheckBox:disabled {{ color: {edge}; }}
QCheckBox::indicator {{ width: 13px; height: 13px; border: 1px solid {edge}; border-radius: 3px;
    background: {base}; }}
QCheckBox::indicator:hover {{ border-color: {on}; }}
QCheckBox::indicator:checked {{ background: {on}; border-color: {on}; image: url("{tick}"); }}
QSlider::groove:horizontal {{ height: 4px; border-radius: 2px; background: {edge}; }}
QSlider::sub-page:horizontal {{ border-radius: 2px; background: {on}; }}
QSlider::handle:horizontal {{ width: 12px; margin: -5px 0; border-radius: 6px;
    background: {text.name()}; }}
QSlider::groove:horizontal:disabled, QSlider::sub-page:horizontal:disabled {{
    background: {faint}; }}
QSlider::handle:horizontal:disabled {{ background: {edge}; }}
"""


def _group(parts: tuple[QWidget | str, ...]) -> QWidget:
    """Widgets (a string: a label) kept side by side on one row of the flow."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    for part in parts:
        row.addWidget(QLabel(part) if isinstance(part, str) else part)
    return box


def _toggle(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setProperty("mode", True)
    button.setText(text)
    button.setToolTip(tip)
    button.setCheckable(True)
    return button


def _refill(combo: QComboBox, first: str, items: Iterable[tuple[str, str]]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, ALL)
    for data, text in items:
        combo.addItem(text, data)
    at = combo.findData(chosen)
    combo.setCurrentIndex(max(0, at))
    combo.blockSignals(False)
