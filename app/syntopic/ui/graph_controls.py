"""The graph panel's toolbar: mode, depth, colours, query, filters, arrows, fit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from syntopic.layout.colours import SCHEMES
from syntopic.layout.snapshot import GraphSnapshot

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

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        widgets: tuple[QWidget, ...] = (
            self.global_button,
            self.local_button,
            QLabel("Depth"),
            self.depth_slider,
        )
        for w in widgets:
            top.addWidget(w)
        top.addWidget(self.depth_label)
        top.addSpacing(8)
        for label, combo in (("Colour", self.colour_by), ("Size", self.size_by)):
            top.addWidget(QLabel(label))
            top.addWidget(combo)
        top.addWidget(self.query, 1)
        top.addWidget(self.arrows)
        top.addWidget(self.fit)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        for label, combo in (("Type", self.kind), ("Tag", self.tag)):
            bottom.addWidget(QLabel(label))
            bottom.addWidget(combo)
        bottom.addSpacing(8)
        bottom.addWidget(QLabel("Hide:"))
        for box in (self.hide_orphans, self.hide_ghosts, self.hide_books):
            bottom.addWidget(box)
        bottom.addWidget(self.counts, 1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 4, 6, 2)
        rows.setSpacing(2)
        rows.addLayout(top)
        rows.addLayout(bottom)
        self.fill_choices(None)

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


def _toggle(text: str, tip: str) -> QToolButton:
    button = QToolButton()
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
