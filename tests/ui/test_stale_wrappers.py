"""No item wrapper outlives its tree: a dangling one comes back as a later object at its address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtGui import QStandardItem, QStandardItemModel

from syntopic.core.overview import TagNode
from syntopic.ui import navigator_models
from syntopic.ui.navigator_models import Rows

BOOKS = [("Influence", "Books/Influence.md"), ("Tides", "Books/Tides.md")]
TAGS = [
    TagNode("principle", 2, [("A", "A.md")]),
    TagNode("principle/core", 1, [("B", "B.md")]),
    TagNode("misc", 1, [("C", "C.md")]),
]


@pytest.mark.parametrize(
    "skeleton",
    [lambda: navigator_models.books_skeleton(BOOKS), lambda: navigator_models.tags_skeleton(TAGS)],
    ids=["books", "tags"],
)
def test_no_row_holder_of_a_deleted_tree_looks_alive(
    skeleton: Callable[[], tuple[QStandardItemModel, Rows]],
) -> None:
    """The navigator keeps the leaves still to add (a big vault's fill over several
    turns) after it lets a tree go; those rows' holders must die with the model.
    invisibleRootItem()'s wrapper did not: a QWidget made later at its address came
    back typed QStandardItem (AttributeError: no viewport/installEventFilter)."""
    model, rows = skeleton()
    for piece in rows:
        navigator_models.add_leaves(*piece)
    kept = [parent for parent, _ in rows if isinstance(parent, QStandardItem)]
    assert len(rows) >= 1
    shiboken6.delete(model)
    assert not any(shiboken6.isValid(item) for item in kept)
