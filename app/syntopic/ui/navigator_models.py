"""The navigator's trees as item models: groups, folders and tags with counts, leaves in pieces."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QToolTip, QTreeView

from syntopic.core.overview import TOP_LEVEL, Entry, TagNode, TypeGroup

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 3  # a folder row's whole path, for its tooltip
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
        index = self.view.indexAt(event.pos())
        path = index.data(PATH_ROLE) or index.data(FOLDER_ROLE)
        if isinstance(path, str):
            QToolTip.showText(event.globalPos(), path, self.view.viewport())
        else:
            QToolTip.hideText()
        return True


Rows = list[tuple[QStandardItem, list[Entry]]]  # a parent and its (title, path)


Parents = dict[tuple[str, str], QStandardItem]  # (type, folder) -> the item holding its leaves


def folder_totals(group: TypeGroup) -> dict[str, int]:
    """Notes in each folder and every folder below it, by folder path and its parents'."""
    totals: dict[str, int] = {}
    for folder, entries in group.folders:
        if folder == TOP_LEVEL:
            continue
        parts = folder.split("/")
        for i in range(1, len(parts) + 1):
            prefix = "/".join(parts[:i])
            totals[prefix] = totals.get(prefix, 0) + len(entries)
    return totals


def folder_text(path: str, total: int) -> str:
    return f"{path.rsplit('/', 1)[-1]}  ({total})"


def notes_skeleton(
    groups: list[TypeGroup],
) -> tuple[QStandardItemModel, Rows, Parents, Parents]:
    """The groups and nested folders of `notes_model` with their counts, the leaves to
    add, the item holding each folder's leaves, and each folder row by (type, path).

    Folder rows only (a few hundred even at 100,000 notes) are made here; the leaves
    come later in pieces, so they follow their folder's subfolders, as in a file tree.
    """
    model = QStandardItemModel()
    rows: Rows = []
    parents: Parents = {}
    folders: Parents = {}
    for group in groups:
        top = _group(group.label, group.count)
        nest = len(group.folders) > 1
        totals = folder_totals(group)
        for folder, entries in group.folders:
            parent = top
            if nest and folder != TOP_LEVEL:
                parts = folder.split("/")
                for i in range(1, len(parts) + 1):
                    prefix = "/".join(parts[:i])
                    item = folders.get((group.label, prefix))
                    if item is None:
                        item = _group(parts[i - 1], totals[prefix])
                        item.setData(prefix, FOLDER_ROLE)
                        parent.appendRow(item)
                        folders[group.label, prefix] = item
                    parent = item
            parents[group.label, folder] = parent
            rows.append((parent, entries))
        model.appendRow(top)
    return model, rows, parents, folders


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


def first_leaf(parent: QStandardItem) -> int:
    """The row of ``parent``'s first note: its subfolders come before its notes."""
    rows = parent.rowCount()
    row = 0
    while row < rows and parent.child(row).data(PATH_ROLE) is None:
        row += 1
    return row


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
