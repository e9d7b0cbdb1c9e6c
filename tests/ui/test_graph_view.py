"""The graph panel: clicks, hover, filters, the local graph, live updates, cached places."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from conftest import Pairs, memory_vault
from syntopic.core.vault import Change, Vault
from syntopic.layout.store import PositionStore
from syntopic.ui import graph_overlay, graph_still
from syntopic.ui.graph_view import GraphPanel

VAULT = [
    ("Hub.md", "[[A]] [[B]] [[C]]"),
    ("A.md", "[[Hub]] [[Far]]"),
    ("B.md", "[[Hub]]"),
    ("C.md", "[[Unwritten]]"),
    ("Far.md", "[[Farther]]"),
    ("Farther.md", "the end"),
    ("Books/Book.md", "---\ntype: book\n---\n[[Hub]]"),
    ("Lonely.md", "nothing here"),
]


def shown(panel: GraphPanel) -> set[str]:
    scene = panel.canvas.scene
    return set() if scene is None else {scene.ids[i] for i in scene.shown}


def spot(panel: GraphPanel, node: str) -> QPoint:
    scene = panel.canvas.scene
    assert scene is not None
    return panel.canvas.to_screen(*scene.points[scene.index[node]]).toPoint()


def test_clicking_a_node_opens_its_note(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    panel = make_panel(memory_vault(VAULT))
    with qtbot.waitSignal(panel.note_activated) as opened:
        qtbot.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, pos=spot(panel, "B.md"))
    assert opened.args == ["B.md"]
    with qtbot.waitSignal(panel.ghost_activated) as ghost:
        qtbot.mouseClick(
            panel.canvas, Qt.MouseButton.LeftButton, pos=spot(panel, "ghost:unwritten")
        )
    assert ghost.args == ["Unwritten"]


def test_hover_highlights_a_node_and_its_neighbours_and_dims_the_rest(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    panel = make_panel(memory_vault(VAULT))
    canvas = panel.canvas
    before = canvas.grab().toImage()
    far, near = spot(panel, "Farther.md"), spot(panel, "A.md")
    qtbot.mouseMove(canvas, spot(panel, "Hub.md"))
    qtbot.waitUntil(lambda: canvas.hover == canvas.scene.index["Hub.md"])  # type: ignore[union-attr]
    after = canvas.grab().toImage()
    background = canvas.palette().color(canvas.backgroundRole()).lightness()
    assert QColor(after.pixel(near)) == QColor(before.pixel(near))  # a neighbour keeps its colour
    assert QColor(after.pixel(far)) != QColor(before.pixel(far))  # the rest fades
    assert QColor(after.pixel(far)).lightness() > QColor(before.pixel(far)).lightness()
    assert background >= QColor(after.pixel(far)).lightness() - 60
    qtbot.mouseMove(canvas, QPoint(2, 2))
    qtbot.waitUntil(lambda: canvas.hover is None)


def test_filters_change_the_visible_set(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    panel = make_panel(memory_vault(VAULT))
    everything = shown(panel)
    assert "ghost:unwritten" in everything and "Lonely.md" in everything
    panel.controls.hide_ghosts.setChecked(True)
    assert shown(panel) == everything - {"ghost:unwritten"}
    panel.controls.hide_books.setChecked(True)
    with qtbot.waitSignal(panel.canvas.transition_finished, timeout=5000):
        panel.controls.hide_orphans.setChecked(True)  # notes fade out, then are gone
    assert "Books/Book.md" not in shown(panel) and "Lonely.md" not in shown(panel)
    panel.controls.hide_ghosts.setChecked(False)
    panel.controls.hide_books.setChecked(False)
    panel.controls.hide_orphans.setChecked(False)
    qtbot.keyClicks(panel.controls.query, "far")
    qtbot.waitUntil(lambda: shown(panel) == {"Far.md", "Farther.md"})
    panel.set_query_filter(lambda q: {"Hub.md"} if q == "far" else None)
    assert shown(panel) == {"Hub.md"}
    panel.controls.query.clear()
    qtbot.waitUntil(lambda: shown(panel) == everything)


def test_local_graph_shows_the_neighbourhood_to_the_chosen_depth(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    panel = make_panel(memory_vault(VAULT))
    panel.set_current("A.md")
    assert panel.canvas.current == panel.canvas.scene.index["A.md"]  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.controls.local_button.setChecked(True)
    assert shown(panel) == {"A.md", "Hub.md", "Far.md"}
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.controls.depth_slider.setValue(2)
    assert shown(panel) == {
        "A.md",
        "Hub.md",
        "Far.md",
        "B.md",
        "C.md",
        "Books/Book.md",
        "Farther.md",
    }
    with qtbot.waitSignal(panel.layout_finished, timeout=10_000):
        panel.set_current("Lonely.md")
    assert shown(panel) == {"Lonely.md"}
    panel.controls.global_button.setChecked(True)
    assert len(shown(panel)) == len(panel.snapshot or [])


def test_live_notes_appear_beside_their_neighbours_and_vanish(
    make_panel: Callable[[Vault], GraphPanel],
    disk_vault: Callable[[Pairs], Path],
    qtbot: QtBot,
) -> None:
    root = disk_vault(VAULT)
    vault = Vault.open(str(root))
    panel = make_panel(vault)
    scene = panel.canvas.scene
    assert scene is not None
    hub_before = scene.points[scene.index["Hub.md"]]
    (root / "Fresh.md").write_text("Linked to [[Farther]].", encoding="utf-8")
    panel.vault_changed(vault.apply([Change("created", "Fresh.md")]))
    assert "Fresh.md" in shown(panel)
    scene = panel.canvas.scene
    assert scene is not None
    assert scene.points[scene.index["Hub.md"]] == hub_before  # nothing else moved
    fresh, farther = scene.points[scene.index["Fresh.md"]], scene.points[scene.index["Farther.md"]]
    assert abs(fresh[0] - farther[0]) + abs(fresh[1] - farther[1]) < 120
    (root / "B.md").unlink()
    panel.vault_changed(vault.apply([Change("deleted", "B.md")]))
    assert "B.md" not in shown(panel) and "Fresh.md" in shown(panel)


def test_positions_come_back_from_the_cache(
    make_panel: Callable[[Vault], GraphPanel],
    disk_vault: Callable[[Pairs], Path],
    qtbot: QtBot,
) -> None:
    root = disk_vault(VAULT)
    first = make_panel(Vault.open(str(root)))
    assert first.snapshot is not None and first.positions is not None
    placed = dict(zip(first.snapshot.ids, first.positions, strict=True))
    saved = PositionStore(str(root)).load()
    assert saved.keys() == placed.keys()
    moved = {n: (x + 1000.0, y) for n, (x, y) in saved.items()}
    assert PositionStore(str(root)).save(moved)
    second = make_panel(Vault.open(str(root)))
    assert second.snapshot is not None and second.positions is not None
    again = dict(zip(second.snapshot.ids, second.positions, strict=True))
    assert (
        again == pytest.approx(moved)
        if False
        else all(
            abs(again[n][0] - moved[n][0]) < 0.01 and abs(again[n][1] - moved[n][1]) < 0.01
            for n in moved
        )
    )


def test_keys_fit_and_zoom(make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot) -> None:
    panel = make_panel(memory_vault(VAULT))
    canvas = panel.canvas
    start = canvas.scale
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.scale == pytest.approx(start * 1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.scale < start
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    assert canvas.scale == pytest.approx(start)


def test_zooming_and_panning_never_redraw_on_the_ui_thread_and_end_sharp(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no label while moving: the settled view must have brought every one back
    monkeypatch.setattr(graph_overlay, "MAX_LABELS_MOVING", 0)
    panel = make_panel(memory_vault(VAULT))
    canvas = panel.canvas
    canvas.repaint()
    qtbot.waitUntil(canvas.sharp)
    on_ui_thread: list[object] = []
    render = graph_still.render

    def counted(*args: Any) -> QImage:
        on_ui_thread.append(args[0])
        return render(*args)

    monkeypatch.setattr(graph_still, "render", counted)
    for _ in range(6):  # far past the zoom a stretched image may stand in for
        canvas.zoom(1.3, QPointF(300, 200))
        canvas.repaint()
    for _ in range(6):  # and past the image's margin
        canvas.pan(90.0, -60.0)
        canvas.repaint()
    assert not canvas.sharp()
    qtbot.waitUntil(canvas.sharp, timeout=10_000)
    qtbot.waitUntil(lambda: not canvas.moving())
    assert on_ui_thread == []  # every new image came from the worker
    settled = canvas.grab().toImage()
    canvas.redraw()  # the same view drawn from scratch, on this thread
    assert canvas.grab().toImage() == settled
    assert len(on_ui_thread) == 1
    canvas.fit()  # every note in sight, labels too, once the view is still
    canvas.repaint()
    qtbot.waitUntil(lambda: canvas.sharp() and not canvas.moving(), timeout=10_000)
    labelled = canvas.grab().toImage()
    monkeypatch.setattr(graph_overlay, "MAX_LABELS", 0)
    assert canvas.grab().toImage() != labelled


def test_a_still_view_leaves_no_timer_or_work_and_shutdown_joins_the_worker(
    make_panel: Callable[[Vault], GraphPanel], qtbot: QtBot
) -> None:
    panel = make_panel(memory_vault(VAULT))
    canvas = panel.canvas
    canvas.repaint()  # the first image, drawn at once
    canvas.zoom(2.5)
    canvas.repaint()
    assert not canvas.sharp()
    qtbot.waitUntil(canvas.sharp, timeout=10_000)
    qtbot.waitUntil(lambda: not canvas.still.renderer.requested())
    assert not any(t.isActive() for t in canvas.findChildren(QTimer))
    assert canvas.still.renderer.running()  # waiting on a condition, not polling
    panel.shutdown()
    assert not canvas.still.renderer.running()


def test_layers_come_in_pieces_the_worker_can_draw_one_at_a_time() -> None:
    # PySide keeps the GIL through a QPainter call: a hub-sized path drawn on the
    # cache worker would lock the window out; pieces let it in between calls
    from syntopic.ui.graph_scene import DENSITIES, PIECE, Scene, build_layers

    count = 3 * PIECE + 7
    scene = Scene(
        ids=[f"n{i}" for i in range(count)],
        titles=[f"n{i}" for i in range(count)],
        points=[(float(i), float(i % 50)) for i in range(count)],
        radii=[4.0] * count,
        groups=[0] * count,
        colours=["#336699"],
        ghost=[i % 2 == 0 for i in range(count)],
        edges=[(i, (i + 1) % count, 0) for i in range(count)],
        neighbours=[[(i - 1) % count, (i + 1) % count] for i in range(count)],
        shown=set(range(count)),
    )
    layers = build_layers(scene, scene.shown)
    edge_pieces = layers.edges[0]
    # full pieces, and at most one part-filled piece for each density class
    assert 4 <= len(edge_pieces) <= 3 + DENSITIES
    # a line is two path elements (move, line); every edge is in exactly one piece
    assert sum(p.elementCount() for p in edge_pieces) == 2 * count
    assert all(p.elementCount() <= 2 * PIECE for p in edge_pieces)
    shapes = [*layers.nodes[0], *layers.ghosts]
    assert len(shapes) == 4 and sum(len(layers.centres[g]) for g in (0, -1)) == count
