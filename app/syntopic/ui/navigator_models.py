"""The navigator's trees as item models: groups, folders and tags with counts, leaves in pieces."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QToolTip, QTreeView

from syntopic.core.overview import Entry, TagNode, TypeGroup

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2
FILL_ROWS = 200  # leaves appended in one call


def _group(label: str, count: int) -> QStandardItem:
    item = QStandardItem(f"{label}  ({count})")
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    return item


def leaf(title: str, path: str) -> QStandardItem:
    item = QStandardItem(title)
    item.setData(path, PATH_ROLE)
    return item


class PathTips(QObject):
    """Shows a note's path as its tooltip when the pointer rests on it.

    Not a proxy model answering the tooltip role: a view asks a model's ``data``
    for every role of every row it paints, each a call into Python that waits
    for the GIL while a worker runs (and one setToolTip per row costs ~10 ms a
    thousand notes on every rebuild).
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        path = self.view.indexAt(event.pos()).data(PATH_ROLE)
        if isinstance(path, str):
            QToolTip.showText(event.globalPos(), path, self.view.viewport())
        else:
            QToolTip.hideText()
        return True


Rows = list[tuple[QStandardItem, list[Entry]]]  # a parent and its (title, path)


Parents = dict[tuple[str, str], QStandardItem]  # (type, folder) -> the item holding its leaves


def notes_skeleton(groups: list[TypeGroup]) -> tuple[QStandardItemModel, Rows, Parents]:
    """The groups and folders of `notes_model` with their counts, and the leaves to add."""
    model = QStandardItemModel()
    rows: Rows = []
    parents: Parents = {}
    for group in groups:
        top = _group(group.label, group.count)
        for folder, entries in group.folders:
            parent = top
            if len(group.folders) > 1:
                parent = _group(folder, len(entries))
                top.appendRow(parent)
            parents[group.label, folder] = parent
            rows.append((parent, entries))
        model.appendRow(top)
    return model, rows, parents


def books_skeleton(rows: list[Entry]) -> tuple[QStandardItemModel, Rows]:
    """An empty model and its one list of leaves: books with author and count."""
    model = QStandardItemModel()
    root = model.invisibleRootItem()
    return model, [(root, rows)] if rows else []


def tags_skeleton(nodes: list[TagNode]) -> tuple[QStandardItemModel, Rows]:
    """The nested tags with their counts, and the notes to add under each."""
    model = QStandardItemModel()
    items: dict[str, QStandardItem] = {}
    rows: Rows = []
    for node in nodes:
        item = QStandardItem(f"#{node.name}  ({node.count})")
        item.setData(node.tag, TAG_ROLE)
        parent = items.get(node.parent) if node.parent is not None else None
        (parent if parent is not None else model.invisibleRootItem()).appendRow(item)
        items[node.tag] = item
        if node.entries:
            rows.append((item, node.entries))
    return model, rows


def add_leaves(parent: QStandardItem, entries: list[Entry]) -> list[QStandardItem]:
    leaves = [leaf(title, path) for title, path in entries]
    parent.appendRows(leaves)
    return leaves


def pieces(rows: Rows) -> Rows:
    """``rows`` cut into pieces of FILL_ROWS leaves, to be added a few per turn."""
    return [(parent, entries[i : i + FILL_ROWS]) for parent, entries in rows
            for i in range(0, len(entries), FILL_ROWS)]  # fmt: skip


def first(groups: list[TypeGroup], limit: int) -> list[TypeGroup]:
    """``groups`` cut down to their first ``limit`` notes, in order."""
    out: list[TypeGroup] = []
    for group in groups:
        folders = []
        for folder, entries in group.folders:
            if limit <= 0:
                break
            folders.append((folder, entries[:limit]))
            limit -= len(folders[-1][1])
        if folders:
            out.append(TypeGroup(group.label, folders))
    return out
