"""The navigator's trees as item models: groups, folders and tags with counts, leaves in pieces."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QToolTip, QTreeView

from syntopic.core.heap import paused_gc
from syntopic.core.overview import TOP_LEVEL, Entry, TagNode, TypeGroup

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 3  # a folder row's whole path, for its tooltip
KEY_ROLE = Qt.ItemDataRole.UserRole + 4  # a group or folder row's name in the open rows kept
FILTER_ROLE = Qt.ItemDataRole.UserRole + 5  # what a filtering proxy matches: a name, no count
FILL_ROWS = 200  # leaves appended in one call


def _group(text: str, key: str, bold: QFont) -> QStandardItem:
    item = QStandardItem(text)
    item.setFont(bold)  # one font for all: asking each row for its own took 30 µs a row
    item.setData(key, KEY_ROLE)
    return item


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def row_key(label: str, folder: str | None = None) -> str:
    """What names a group (its label) or a folder (label and path) among the open rows
    kept between runs."""
    return label if folder is None else f"{label}\t{folder}"


def counted(name: str, count: int, of: int | None = None) -> str:
    """A group or folder row: "Concepts  (17)", or under a filter "Concepts  (3 of 17)"."""
    return f"{name}  ({count} of {of})" if of is not None else f"{name}  ({count})"


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


class TopRows:
    """A model's top level, used as a parent item is (rows added, put in, taken out).

    Not ``invisibleRootItem()``: PySide does not tie that item's wrapper, nor the
    wrappers of rows added under it, to the model, so a tree that keeps them (the
    notes tree keeps every row) would hold dangling wrappers once the model is
    deleted, and a later object at the same address came back as a QStandardItem.
    """

    def __init__(self, model: QStandardItemModel) -> None:
        self.model = model

    def appendRow(self, item: QStandardItem) -> None:
        self.model.appendRow(item)

    def appendRows(self, items: list[QStandardItem]) -> None:
        start = self.model.rowCount()
        self.model.insertRows(start, len(items))  # one insertion, not one per row
        for offset, item in enumerate(items):
            self.model.setItem(start + offset, item)

    def insertRow(self, row: int, item: QStandardItem) -> None:
        self.model.insertRow(row, item)

    def removeRow(self, row: int) -> None:
        self.model.removeRow(row)

    def rowCount(self) -> int:
        return self.model.rowCount()

    def child(self, row: int) -> QStandardItem:
        return self.model.item(row)


Parent = QStandardItem | TopRows
Rows = list[tuple[Parent, list[Entry]]]  # a parent and its (title, path)


Parents = dict[tuple[str, str], Parent]  # (type, folder) -> what holds its leaves
Folders = dict[tuple[str, str], QStandardItem]  # (type, folder path) -> its row


@dataclass(slots=True)
class Tally:
    """The counts a notes tree shows: notes of each group, of each folder and everything
    below it, and in each folder itself; and which groups nest their folders."""

    groups: dict[str, int] = field(default_factory=dict)
    folders: dict[tuple[str, str], int] = field(default_factory=dict)  # and below it
    own: dict[tuple[str, str], int] = field(default_factory=dict)  # its own notes only
    nested: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, groups: list[TypeGroup]) -> Tally:
        tally = cls()
        for group in groups:
            tally.groups[group.label] = group.count
            if len(group.folders) > 1:
                tally.nested.add(group.label)
            for folder, entries in group.folders:
                tally.own[group.label, folder] = len(entries)
                if folder == TOP_LEVEL:
                    continue
                parts = folder.split("/")
                for i in range(1, len(parts) + 1):
                    key = (group.label, "/".join(parts[:i]))
                    tally.folders[key] = tally.folders.get(key, 0) + len(entries)
        return tally


def flat(groups: list[TypeGroup]) -> bool:
    """Whether a tree of ``groups`` shows its folders with no group row above them: when
    its notes are all plain notes (a vault without `type:`), a "Notes" row says nothing."""
    return [g.label for g in groups] in ([], ["Notes"])


def folder_text(path: str, total: int, of: int | None = None) -> str:
    return counted(path.rsplit("/", 1)[-1], total, of)


def notes_skeleton(
    groups: list[TypeGroup],
    flat: bool = False,
    found: Tally | None = None,
    whole: Tally | None = None,
) -> tuple[QStandardItemModel, Rows, Parents, Folders]:
    """The groups and nested folders of a notes tree with their counts, the leaves to
    add, the item holding each folder's leaves, and each group and folder row by (type,
    path); a group's row is keyed by (type, "").

    ``flat``: the folders of the one group at the top, with no group row. The counts
    are ``found`` (``groups``' own when not given); with ``whole``, the tree is a
    filter's matches and each count reads "3 of 17", out of ``whole``'s, whose groups
    nest as there.

    Folder rows only (a few hundred even at 100,000 notes) are made here; the leaves
    come later in pieces, so they follow their folder's subfolders, as in a file tree.
    """
    model = QStandardItemModel()
    rows: Rows = []
    parents: Parents = {}
    folders: Folders = {}
    found = found if found is not None else Tally.of(groups)
    shape = whole if whole is not None else found
    bold = _bold()

    def of(key: tuple[str, str], counts: dict[tuple[str, str], int]) -> int | None:
        return counts.get(key, 0) if whole is not None else None

    for group in groups:
        label = group.label
        group_row: QStandardItem | None = None
        top: Parent = TopRows(model)
        if not flat:
            whole_count = whole.groups.get(label, 0) if whole is not None else None
            text = counted(label, found.groups[label], whole_count)
            top = folders[label, ""] = group_row = _group(text, row_key(label), bold)
        nest = label in shape.nested
        for folder, entries in group.folders:
            parent = top
            if nest and folder != TOP_LEVEL:
                parts = folder.split("/")
                for i in range(1, len(parts) + 1):
                    key = (label, "/".join(parts[:i]))
                    item = folders.get(key)
                    if item is None:
                        text = folder_text(key[1], found.folders[key], of(key, shape.folders))
                        item = _group(text, row_key(*key), bold)
                        item.setData(key[1], FOLDER_ROLE)
                        parent.appendRow(item)
                        folders[key] = item
                    parent = item
            parents[label, folder] = parent
            rows.append((parent, entries))
        if group_row is not None:
            model.appendRow(group_row)
    return model, rows, parents, folders


Built = tuple[QStandardItemModel, Rows, Parents, Folders, Tally, bool]


def build_notes(groups: list[TypeGroup]) -> Built:
    """A whole notes tree of ``groups`` but its leaves (added later, in pieces): the model,
    the pieces of leaves, what holds each folder's leaves, each row, the counts, and
    whether it is flat. Safe off the UI thread: the model is handed to it when made."""
    flat_tree = flat(groups)
    with paused_gc():  # long-lived rows: no full passes over them as they are made
        tally = Tally.of(groups)
        model, rows, parents, folders = notes_skeleton(groups, flat_tree, tally)
    _to_ui_thread(model)
    return model, pieces(rows), parents, folders, tally, flat_tree


def matches_tree(
    groups: list[TypeGroup], limit: int, flat_tree: bool, whole: Tally
) -> QStandardItemModel:
    """A filter's matches as a tree with their counts out of ``whole``'s ("3 of 17"): the
    first ``limit`` of them listed, then how many more. Safe off the UI thread."""
    found = Tally.of(groups)
    model, rows, _parents, _folders = notes_skeleton(first(groups, limit), flat_tree, found, whole)
    for piece in rows:
        add_leaves(*piece)
    shown = sum(len(entries) for _, entries in rows)
    _more(model, sum(found.groups.values()) - shown)
    _to_ui_thread(model)
    return model


def _more(model: QStandardItemModel, left: int) -> None:
    """Say how many matches a filter's tree does not list."""
    if left > 0:
        more = QStandardItem(f"…{left:,} more: type more to narrow")
        more.setEnabled(False)
        model.appendRow(more)


def _to_ui_thread(model: QStandardItemModel) -> None:
    app = QCoreApplication.instance()
    if app is not None and model.thread() is not app.thread():
        model.moveToThread(app.thread())


class BookRows(TopRows):
    """The books list's top level: each row added also holds its book's name for the
    filter, so a digit typed matches "Catch-22", not a count's "(12)"."""

    def appendRows(self, items: list[QStandardItem]) -> None:
        for item in items:
            item.setData(book_name(item.text()), FILTER_ROLE)
        super().appendRows(items)


def book_name(text: str) -> str:
    """A books row's "Title — Author", without the "  (N)" `book_rows` ends it with."""
    return text.rsplit("  (", 1)[0]


def books_skeleton(rows: list[Entry]) -> tuple[QStandardItemModel, Rows]:
    """An empty model and its one list of leaves: books with author and count."""
    model = QStandardItemModel()
    return model, [(BookRows(model), rows)] if rows else []


def tag_text(node: TagNode, whole: dict[str, int] | None = None) -> str:
    """A tag row: "#core  (12)", or as a filter's match "#core  (3 of 12)"."""
    return counted(f"#{node.name}", node.count, whole.get(node.tag, 0) if whole else None)


def tags_skeleton(
    nodes: list[TagNode], whole: dict[str, int] | None = None
) -> tuple[QStandardItemModel, Rows]:
    """The nested tags with their counts, and the notes to add under each; with
    ``whole`` (each tag's count in the whole tree), the counts read "3 of 12"."""
    model = QStandardItemModel()
    top = TopRows(model)  # not invisibleRootItem(): see TopRows
    items: dict[str, QStandardItem] = {}
    rows: Rows = []
    for node in nodes:
        item = QStandardItem(tag_text(node, whole))
        item.setData(node.tag, TAG_ROLE)
        parent = items.get(node.parent) if node.parent is not None else None
        (parent if parent is not None else top).appendRow(item)
        items[node.tag] = item
        if node.entries:
            rows.append((item, node.entries))
    return model, rows


def tag_matches(nodes: list[TagNode], text: str) -> list[TagNode]:
    """The tags and notes a filter keeps, each tag counting the notes kept at it and
    below. A note stays under a tag when its title holds ``text`` (any case), or the
    tag's whole name does ("#principle/core" for "core" or "#prin"), as a note stays
    in the notes tree when its folder's path holds it."""
    needle = text.casefold()
    kept: dict[str, list[Entry]] = {}
    under: dict[str, set[str]] = {}
    for node in nodes:
        entries = node.entries
        if needle not in f"#{node.tag}".casefold():
            entries = [entry for entry in entries if needle in entry[0].casefold()]
        if not entries:
            continue
        kept[node.tag] = entries
        paths = {path for _, path in entries}
        parts = node.tag.split("/")
        for i in range(1, len(parts) + 1):
            under.setdefault("/".join(parts[:i]), set()).update(paths)
    return [TagNode(n.tag, len(under[n.tag]), kept.get(n.tag, [])) for n in nodes if n.tag in under]


def tags_matches(nodes: list[TagNode], text: str, limit: int) -> QStandardItemModel:
    """The tags tree of what a filter keeps with counts out of the whole tree's ("3 of
    12"): tags and notes up to the first ``limit`` notes listed, then how many more.
    Safe off the UI thread."""
    found = tag_matches(nodes, text)
    shown: list[TagNode] = []
    room = limit
    for node in found:  # parents before children: a tag listed has its parent listed
        if room <= 0:
            break
        shown.append(TagNode(node.tag, node.count, node.entries[:room]))
        room -= len(shown[-1].entries)
    model, rows = tags_skeleton(shown, {node.tag: node.count for node in nodes})
    for piece in rows:
        add_leaves(*piece)
    _more(model, sum(len(n.entries) for n in found) - sum(len(n.entries) for n in shown))
    _to_ui_thread(model)
    return model


def first_leaf(parent: Parent) -> int:
    """The row of ``parent``'s first note: its subfolders come before its notes."""
    rows = parent.rowCount()
    row = 0
    while row < rows and parent.child(row).data(PATH_ROLE) is None:
        row += 1
    return row


def add_leaves(parent: Parent, entries: list[Entry]) -> list[QStandardItem]:
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


RETIRE_ROWS = 200  # rows of a retired tree deleted at a time


def retire_some(model: QStandardItemModel, budget: float) -> bool:
    """Delete the rows of a tree no view shows, childless ones from the end, until
    ``budget`` seconds pass; True once it is empty. Deleting 100,000 rows at once
    held the window for 2 s."""
    started = time.perf_counter()
    while model.rowCount() and time.perf_counter() - started < budget:
        parent: Parent = TopRows(model)
        item = model.item(model.rowCount() - 1)
        while item.rowCount():  # down the last rows to the last one with only leaves last
            parent, item = item, item.child(item.rowCount() - 1)
        rows = parent.rowCount()
        first = rows - 1
        while first > 0 and rows - first < RETIRE_ROWS and not parent.child(first - 1).rowCount():
            first -= 1
        if isinstance(parent, TopRows):
            model.removeRows(first, rows - first)
        else:
            parent.removeRows(first, rows - first)
    return not model.rowCount()
