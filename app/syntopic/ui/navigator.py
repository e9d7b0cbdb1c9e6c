"""The navigator: notes by type and folder, books, and nested tags, with counts."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QTabWidget, QTreeView, QVBoxLayout, QWidget

from syntopic.core.model import ParsedNote
from syntopic.core.vault import Vault, VaultEvent

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
TAG_ROLE = Qt.ItemDataRole.UserRole + 2


def _group(label: str, count: int) -> QStandardItem:
    item = QStandardItem(f"{label}  ({count})")
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    return item


def _leaf(title: str, path: str) -> QStandardItem:
    item = QStandardItem(title)
    item.setData(path, PATH_ROLE)
    return item


class _PathTips(QSortFilterProxyModel):
    """Shows a note's path as its tooltip, asked for only when the pointer rests on it
    (one setToolTip per row costs ~10 ms a thousand notes on every rebuild)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, PATH_ROLE)
        return super().data(index, role)


def _shape(note: ParsedNote) -> tuple[object, ...]:
    """What the trees show of a note: a change in it means a rebuild."""
    return (note.title, note.type, note.tags, note.properties.get("author"))


Rows = list[tuple[QStandardItem, list[tuple[str, str]]]]  # a parent and its (title, path)


def notes_model(vault: Vault) -> QStandardItemModel:
    """Notes grouped by type (concept, framework, …), then by folder."""
    model, rows = notes_skeleton(vault)
    for parent, entries in rows:
        parent.appendRows([_leaf(title, path) for title, path in entries])
    return model


def notes_skeleton(vault: Vault) -> tuple[QStandardItemModel, Rows]:
    """The groups and folders of `notes_model` with their counts, and the leaves to add."""
    model = QStandardItemModel()
    rows: Rows = []
    by_type: dict[str, dict[str, list[tuple[str, str]]]] = {}
    kinds = vault.graph.nodes
    for path, note in vault.notes.items():
        if kinds[path]["kind"] == "book":
            continue
        kind = (note.type or "note").capitalize()
        by_type.setdefault(kind, {}).setdefault(note.folder or "(top level)", []).append(
            (note.title, path)
        )
    for kind in sorted(by_type, key=lambda k: (k == "Note", k)):
        folders = by_type[kind]
        group = _group(kind + "s", sum(len(v) for v in folders.values()))
        for folder in sorted(folders):
            entries = sorted(folders[folder], key=lambda e: e[0].lower())
            parent = group
            if len(folders) > 1:
                parent = _group(folder, len(entries))
                group.appendRow(parent)
            rows.append((parent, entries))
        model.appendRow(group)
    return model, rows


def books_model(vault: Vault) -> QStandardItemModel:
    """Books by title, with their author and how many notes link to them."""
    model = QStandardItemModel()
    g = vault.graph
    books = [(vault.notes[p], p) for p, k in g.nodes(data="kind") if k == "book"]
    for note, path in sorted(books, key=lambda b: b[0].title.lower()):
        author = note.properties.get("author")
        authors = ", ".join(author) if isinstance(author, list) else str(author or "")
        label = f"{note.title} — {authors}" if authors else note.title
        count = len(set(g.predecessors(path)) | set(g.successors(path)))
        model.appendRow(_leaf(f"{label}  ({count})", path))
    return model


def tags_model(vault: Vault) -> QStandardItemModel:
    """Nested tags as a tree; a parent counts the notes of all its children."""
    model = QStandardItemModel()
    counts: dict[str, set[str]] = {}
    for path, note in vault.notes.items():
        for tag in note.tags:
            parts = tag.split("/")
            for i in range(1, len(parts) + 1):
                counts.setdefault("/".join(parts[:i]), set()).add(path)
    items: dict[str, QStandardItem] = {}
    for tag in sorted(counts):
        name = tag.rsplit("/", 1)[-1]
        item = QStandardItem(f"#{name}  ({len(counts[tag])})")
        item.setData(tag, TAG_ROLE)
        parent = items.get(tag.rsplit("/", 1)[0]) if "/" in tag else None
        (parent.appendRow if parent is not None else model.appendRow)(item)
        items[tag] = item
        for path in sorted(counts[tag], key=lambda p: vault.notes[p].title.lower()):
            if tag in vault.notes[path].tags:
                item.appendRow(_leaf(vault.notes[path].title, path))
    return model


FILL_ROWS = 200  # leaves appended in one call
FILL_AT_ONCE = 2000  # up to this many notes, the tree is filled at once
FILL_BUDGET = 0.008  # seconds of filling per turn of the event loop

MODELS = {"Notes": notes_model, "Books": books_model, "Tags": tags_model}


class Navigator(QWidget):
    """Three trees behind one filter box.

    Signals:
        note_activated(str): a note was clicked or chosen with Enter.
    """

    note_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(placeholderText="Filter…  (Ctrl+L)")
        self.filter_edit.setClearButtonEnabled(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.views: dict[str, QTreeView] = {}
        self._shapes: dict[str, tuple[object, ...]] = {}
        self.proxies: dict[str, QSortFilterProxyModel] = {}
        for name in ("Notes", "Books", "Tags"):
            view = QTreeView()
            view.setHeaderHidden(True)
            # read-only by the view, not item by item (40,000 calls at 6,500 notes)
            view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
            view.setUniformRowHeights(True)
            proxy = _PathTips(self)
            proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            proxy.setRecursiveFilteringEnabled(True)
            view.setModel(proxy)
            view.activated.connect(self._activated)
            view.clicked.connect(self._activated)
            self.tabs.addTab(view, name)
            self.views[name], self.proxies[name] = view, proxy
        self.filter_edit.textChanged.connect(self._filter)
        self.tabs.currentChanged.connect(lambda _index: self._build_shown())
        self.vault: Vault | None = None
        self._stale: set[str] = set()
        self._items: dict[str, QStandardItem] = {}
        self._rows: Rows = []  # leaves still to add to the notes tree
        self._want: str | None = None  # a note to select once its leaf exists
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.timeout.connect(self._fill)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tabs)

    def follow(self, vault: Vault, event: VaultEvent) -> bool:
        """Rebuild after a live update only if the trees would read differently."""
        shapes = self._shapes
        changed = bool(event.added or event.removed or event.books_changed) or any(
            p in vault.notes and shapes.get(p) != _shape(vault.notes[p]) for p in event.modified
        )
        # a book's count is of the notes joined to it
        changed = changed or any(vault.books.get(p) is not None for p in event.relinked)
        if changed:
            self.set_vault(vault)
        return changed

    def set_vault(self, vault: Vault) -> None:
        """Show ``vault``: the notes tree now, books and tags when their tab is first shown
        (the tags tree is the biggest, a row per note per tag)."""
        self.vault = vault
        self._shapes = {p: _shape(n) for p, n in vault.notes.items()}
        self._stale = {"Books", "Tags"}
        model, rows = notes_skeleton(vault)
        self._items = {}  # path -> leaf, so selecting a note needs no search of the tree
        self._rows = [(parent, entries[i : i + FILL_ROWS]) for parent, entries in rows
                      for i in range(0, len(entries), FILL_ROWS)]  # fmt: skip
        self._install("Notes", model)
        self.views["Notes"].expandToDepth(0)
        if sum(len(e) for _, e in self._rows) <= FILL_AT_ONCE:
            self._fill(budget=None)
        else:
            self._fill_timer.start()
        self._build_shown()

    def _fill(self, budget: float | None = FILL_BUDGET) -> None:
        """Add leaves to the notes tree until ``budget`` seconds pass; the rest come on
        later turns of the event loop, so a big vault never holds the window."""
        started = time.perf_counter()
        while self._rows:
            parent, entries = self._rows.pop(0)
            leaves = [_leaf(title, path) for title, path in entries]
            parent.appendRows(leaves)
            self._items.update(zip((path for _, path in entries), leaves, strict=True))
            if budget is not None and time.perf_counter() - started > budget:
                break
        if self._rows:
            self._fill_timer.start()
        elif self._want is not None:
            self.select(self._want)

    def _install(self, name: str, model: QStandardItemModel) -> None:
        model.setParent(self)
        proxy = self.proxies[name]
        old = proxy.sourceModel()
        proxy.setSourceModel(model)
        if old is not None:
            old.deleteLater()
        proxy.setFilterFixedString(self.filter_edit.text())
        if self.filter_edit.text():
            self.views[name].expandAll()

    def _build_shown(self) -> None:
        name = self.tabs.tabText(self.tabs.currentIndex())
        if self.vault is not None and name in self._stale:
            self._stale.discard(name)
            self._install(name, MODELS[name](self.vault))

    def _filter(self, text: str) -> None:
        for name, proxy in self.proxies.items():
            proxy.setFilterFixedString(text)
            if text:
                self.views[name].expandAll()

    def _activated(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if isinstance(path, str):
            self.note_activated.emit(path)

    def select(self, path: str) -> None:
        """Mark the open note in the notes tree, without emitting."""
        view, proxy = self.views["Notes"], self.proxies["Notes"]
        model = proxy.sourceModel()
        if not isinstance(model, QStandardItemModel):
            return
        item = self._items.get(path)
        self._want = path if item is None and self._rows else None
        if item is not None and item.model() is model:
            index = proxy.mapFromSource(item.index())
            if index.isValid():
                view.setCurrentIndex(index)
                view.scrollTo(index)
