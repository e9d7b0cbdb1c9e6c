"""The map reads: every label of a small graph, none overlapping, Fit, contrast, communities."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from conftest import Pairs, memory_vault
from syntopic.core.vault import Vault
from syntopic.layout import colours
from syntopic.layout.labels import meet, overlaps
from syntopic.ui.graph_paint import Colours, contrast, edge_alpha
from syntopic.ui.graph_view import GraphPanel

NAMES = ["Reciprocity", "Social Proof", "Commitment and Consistency", "Liking", "Authority",
         "Scarcity", "Unity", "Anchoring"]  # fmt: skip


def star(spokes: int) -> Pairs:
    """A hub linked to ``spokes`` notes, each spoke also linked to a note of its own."""
    names = [NAMES[k % len(NAMES)] + ("" if k < len(NAMES) else f" {k}") for k in range(spokes)]
    hub = ("Allan Dib.md", " ".join(f"[[{n}]]" for n in names))
    return [hub, *((f"{n}.md", f"[[{n} notes]]") for n in names)]


def labelled(panel: GraphPanel) -> int:
    panel.canvas.grab()  # a real paint: labels are placed as the frame is drawn
    return len(panel.canvas.drawn_labels)


@pytest.mark.parametrize("spokes", [8, 20, 43])
def test_every_node_of_a_small_local_graph_has_its_label_and_none_overlap(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot, spokes: int
) -> None:
    panel = make_panel(memory_vault(star(spokes)))
    panel.set_current("Allan Dib.md")
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.controls.local_button.setChecked(True)
    scene = panel.canvas.scene
    assert scene is not None and len(scene.shown) == spokes + 1
    assert labelled(panel) == spokes + 1
    assert overlaps(panel.canvas.drawn_labels) == 0
    assert panel.canvas.main_share() >= 0.5  # Fit zoomed in on the small set


def test_a_small_graph_in_a_narrow_view_keeps_every_label_inside_the_view(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    panel = make_panel(memory_vault(star(20)))
    panel.set_current("Allan Dib.md")
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.controls.local_button.setChecked(True)
    panel.resize(480, 600)  # the graph pane of a 900 px window
    qtbot.waitUntil(lambda: panel.canvas.width() < 500)
    panel.canvas.fit()
    assert labelled(panel) == 21
    w, h = panel.canvas.width(), panel.canvas.height()
    cut = [b for b in panel.canvas.drawn_labels if b[0] < 0 or b[2] > w or b[1] < 0 or b[3] > h]
    assert cut == []  # a label cut by the edge reads as another name
    assert overlaps(panel.canvas.drawn_labels) == 0


def test_labels_never_overlap_at_any_zoom_of_a_bigger_map(
    make_panel: Callable[[Vault], GraphPanel],
) -> None:
    pairs = [(f"N{i}.md", f"[[N{(i * 7) % 150}]] [[N{(i + 1) % 150}]] [[Hub {i % 5}]]")
             for i in range(150)]  # fmt: skip
    panel = make_panel(memory_vault(pairs))
    canvas = panel.canvas
    counts = []
    for _ in range(6):
        counts.append(labelled(panel))
        assert overlaps(canvas.drawn_labels) == 0
        legend = canvas.legend_box()
        assert legend is not None and not any(meet(b, legend) for b in canvas.drawn_labels)
        canvas.zoom(1.6)
    assert max(counts) > 5  # labels were drawn, and more as the view zooms in


def test_fit_frames_the_main_mass_of_a_map_with_far_small_parts(
    make_panel: Callable[[Vault], GraphPanel],
) -> None:
    ring = [(f"R{i}.md", f"[[R{(i + 1) % 40}]] [[R{(i + 5) % 40}]]") for i in range(40)]
    pairs = [*((f"P{i}.md", f"[[Q{i}]]") for i in range(25)), *ring]
    panel = make_panel(memory_vault([*pairs, *((f"Lone {i}.md", "") for i in range(60))]))
    panel.controls.fit.click()
    assert panel.canvas.main_share() >= 0.5
    scene = panel.canvas.scene
    assert scene is not None and {scene.ids[i] for i in scene.main} == {
        f"R{i}.md" for i in range(40)
    }


@pytest.mark.parametrize(("base", "text"), [("#ffffff", "#1e1e1e"), ("#1f1f1f", "#e6e6e6")])
def test_unwritten_notes_stand_out_in_light_and_dark_themes(
    make_panel: Callable[[Vault], GraphPanel], base: str, text: str
) -> None:
    panel = make_panel(memory_vault([("A.md", "[[Not yet]] [[B]]"), ("B.md", "")]))
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    scene = panel.canvas.scene
    assert scene is not None
    paints = Colours()
    paints.prepare(palette, scene, 1.0)
    rim = paints.ghost[0][0]
    assert contrast(rim, QColor(base)) >= 3.0
    # and it is still fainter than the text: unwritten, not shouting
    assert contrast(rim, QColor(base)) < contrast(QColor(text), QColor(base))


def test_edges_fade_as_the_map_gets_denser_and_strengthen_zoomed_in() -> None:
    box = (0.0, 0.0, 1000.0, 1000.0)
    sparse, dense = edge_alpha(2_000.0, box, 0.5), edge_alpha(800_000.0, box, 0.5)
    assert dense < sparse
    assert edge_alpha(800_000.0, box, 4.0) > dense


def test_a_big_vault_is_coloured_by_community_with_named_regions(
    make_panel: Callable[[Vault], GraphPanel], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(colours, "COMMUNITY_FROM", 20)  # "big" at test size
    monkeypatch.setattr(colours, "REGION_SHARE", 0.0)
    left = [(f"Left/L{i}.md", " ".join(f"[[L{j}]]" for j in range(12) if j != i))
            for i in range(12)]  # fmt: skip
    right = [(f"Right/R{i}.md", " ".join(f"[[R{j}]]" for j in range(12) if j != i))
             for i in range(12)]  # fmt: skip
    panel = make_panel(memory_vault([*left, *right, ("Bridge.md", "[[L0]] [[R0]]")]))
    assert panel.controls.colour_by.currentData() == "community"
    scene = panel.canvas.scene
    assert scene is not None
    assert sorted(r.label for r in scene.regions) == ["Left", "Right"]
    small = make_panel(memory_vault(star(3)))
    assert small.controls.colour_by.currentData() == "kind"


def test_fit_zooms_in_on_a_small_filtered_set(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    pairs = [(f"N{i}.md", f"[[N{(i + 1) % 120}]] [[N{(i * 7) % 120}]]") for i in range(120)]
    panel = make_panel(memory_vault([*pairs, ("Pair A.md", "[[Pair B]]"), ("Pair B.md", "")]))
    panel.controls.fit.click()
    whole = panel.canvas.scale
    panel.controls.query.setText("Pair")
    qtbot.waitUntil(lambda: panel.canvas.scene is not None and len(panel.canvas.scene.shown) == 2)
    panel.controls.fit.click()
    assert panel.canvas.scale > 3 * whole
    scene = panel.canvas.scene
    assert scene is not None  # zoomed in, yet the notes stay note-sized
    assert max(scene.radii[i] for i in scene.shown) * panel.canvas.scale <= 36.0
    assert labelled(panel) == 2
