"""The navigator: notes by type and folder, books, and nested tags, with counts."""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QHideEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QTabWidget, QTreeView, QVBoxLayout, QWidget

from syntopic.core.catalog import note_type
from syntopic.core.heap import paused_gc
from syntopic.core.overview import (
    Shape,
    TypeGroup,
    book_rows,
    declares_types,
    folder_label,
    note_groups,
    shape,
    tag_tree,
    title_key,
    type_label,
)
from syntopic.core.vault import Vault, VaultEvent
from syntopic.ui import navigator_models
from syntopic.ui.navigator_models import (
    FILTER_ROLE,
    KEY_ROLE,
    PATH_ROLE,
    TAG_ROLE,
    Built,
    Folders,
    Parents,
    PathTips,
    Rows,
    Tally,
    add_leaves,
    books_skeleton,
    build_notes,
    counted,
    folder_text,
    matches_tree,
    pieces,
    row_key,
    tags_matches,
    tags_skeleton,
)
from syntopic.ui.settings import Settings
from syntopic.ui.tasks import Background, run_here

__all__ = ["PATH_ROLE", "TAG_ROLE", "Navigator"]

Index = QModelIndex | QPersistentModelIndex


FILTER_DELAY_MS = 150  # the filter waits for a pause in typing
EXPAND_ROWS = 3000  # a filtered tree opens its groups until this many rows show
FILTER_HERE = 20_000  # notes (or tagged notes); past this, matches are found in the background
MATCHES_SHOWN = 2000  # of a big tree's matches, the first this many are listed

FILL_AT_ONCE = 2000  # up to this many notes, the tree is filled at once
BUILD_HERE = 20_000  # notes; past this, the notes tree's rows are made in the background
FILL_BUDGET = 0.008  # seconds of filling per turn of the event loop

# the Books and Tags trees: what to compute (off the UI thread), and the model it makes
TREES: dict[str, tuple[Callable[[Vault], Any], Callable[[Any], tuple[QStandardItemModel, Rows]]]]
TREES = {"Books": (book_rows, books_skeleton), "Tags": (tag_tree, tags_skeleton)}


class Navigator(QWidget):
    """Three trees behind one filter box.

    The notes tree groups notes by type when the vault declares types (`type:`),
    else it is the vault's folder tree; which groups and folders are open is kept
    for each vault between runs. Filtered, it lists the matches with counts that
    say how many of each group's and folder's notes match ("3 of 17").

    ``background(fn, done)`` runs ``fn`` off the UI thread and hands its result
    to ``done`` on it (the window's task queue); without it, work is done here.

    Signals:
        note_activated(str): a note was clicked or chosen with Enter.
    """

    note_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None, background: Background | None = None) -> None:
        super().__init__(parent)
        self.background = background or run_here
        self.filter_edit = QLineEdit(placeholderText="Filter…  (Ctrl+L)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.installEventFilter(self)  # Esc empties it, as in search boxes
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.views: dict[str, QTreeView] = {}
        self._shapes: dict[str, Shape] = {}
        self.proxies: dict[str, QSortFilterProxyModel] = {}
        for name in ("Notes", "Books", "Tags"):
            view = QTreeView()
            view.setHeaderHidden(True)
            # read-only by the view, not item by item (40,000 calls at 6,500 notes)
            view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
            view.setUniformRowHeights(True)
            # names differ at their ends as often as at their starts ("00 - Contribute to …")
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            PathTips(view)
            proxy = QSortFilterProxyModel(self)
            proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            # names, not the shown text: a digit typed would match every "(12)"
            proxy.setFilterRole(FILTER_ROLE)
            view.setModel(proxy)
            view.activated.connect(self._activated)
            view.clicked.connect(self._activated)
            self.tabs.addTab(view, name)
            self.views[name], self.proxies[name] = view, proxy
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self._empty = QStandardItemModel(self)  # stands in while a proxy changes its filter
        self._models: dict[str, QStandardItemModel] = {}  # each tree, whole
        self._data: dict[str, Any] = {}  # what the books and tags trees were made of
        self._matches: dict[str, QStandardItemModel] = {}  # notes and tags trees' filter matches
        self._filtered: set[str] = set()  # trees that show the filter box's text
        self.settings = Settings()
        self._flipped: set[str] = set()  # rows opened or closed against their default
        self._restoring = False  # rows opened by the program, not the reader
        self._save_rows = QTimer(self, singleShot=True, interval=300)
        self._save_rows.timeout.connect(self._save_flipped)
        notes_view = self.views["Notes"]
        notes_view.expanded.connect(lambda index: self._toggled(index, opened=True))
        notes_view.collapsed.connect(lambda index: self._toggled(index, opened=False))
        self._selected: str | None = None  # the note marked in the notes tree
        self.tabs.currentChanged.connect(lambda _index: self._tab_shown())
        self.vault: Vault | None = None
        self._stale: set[str] = set()
        self._items: dict[str, QStandardItem] = {}
        self._parents: Parents = {}
        self._folders: Folders = {}  # (type, folder path) -> its row; (type, "") its group's
        self._tally = Tally()  # what the notes tree counts
        self._typed = True  # notes group by type (some note declares one)
        self._flat = False  # the notes tree shows no group rows
        self._rows: Rows = []  # leaves still to add to the notes tree
        self._later: dict[str, Rows] = {}  # and to the books and tags trees
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.timeout.connect(self._fill)
        # a big fill makes a wrapper a leaf: the collector's full passes over them took
        # 0.3-0.5 s each, wherever they landed; it waits, then what was made is frozen
        self._gc_pause = pause = ExitStack()
        self.destroyed.connect(lambda *_: pause.close())  # closed mid-fill: the collector back
        self._builds = self._taken = 0  # notes trees asked for, and the one shown
        self._retired: list[QStandardItemModel] = []  # old trees, deleted a piece a turn
        self._retire_timer = QTimer(self, singleShot=True, interval=0)
        self._retire_timer.timeout.connect(self._retire)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.filter_edit)
        self.no_matches = QLabel("")  # said when the filter leaves the shown tree empty
        self.no_matches.setWordWrap(True)
        self.no_matches.hide()
        layout.addWidget(self.no_matches)
        layout.addWidget(self.tabs)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.filter_edit.text()
        ):
            self.filter_edit.clear()
            return True
        return super().eventFilter(watched, event)

    def follow(self, vault: Vault, event: VaultEvent) -> bool:
        """Follow a live update; False when no tree would read differently.

        The notes tree takes new, gone and retitled notes in place (a rebuild at
        100,000 notes is seconds of filling, and loses the scroll position); a
        note in a type or folder the tree does not have yet means new groups,
        made in the background. The books and tags trees are rebuilt (when shown)
        only if what they list changed.
        """
        notes, shapes = vault.notes, self._shapes
        before = {p: shapes[p] for p in event.modified if p in notes and p in shapes}
        after = {p: shape(notes[p]) for p in before}
        reshaped = {p for p in before if before[p] != after[p]}
        reshaped |= {p for p in event.modified if p in notes and p not in shapes}
        # a book's count is of the notes joined to it
        books = event.books_changed or any(vault.books.get(p) is not None for p in event.relinked)
        if not (event.added or event.removed or reshaped or books):
            return False
        self.vault = vault
        # shape: title, type, tags, author
        moved = {p for p in reshaped if p not in before or before[p][:2] != after[p][:2]}
        out = [(p, shapes.pop(p)) for p in sorted(event.removed | moved) if p in shapes]
        for path in event.added | reshaped:
            if path in notes:
                shapes[path] = after[path] if path in after else shape(notes[path])
        typed = declares_types(vault)  # stops at the first typed note
        if typed != self._typed:
            self._typed = typed
            self._regroup(vault)
        elif (out or event.added) and not self._patch(vault, out, sorted(event.added | moved)):
            self._regroup(vault)
        listed = bool(event.added or event.removed)
        if listed or books or any(vault.books.get(p) is not None for p in reshaped):
            self._stale.add("Books")
        if listed or any(p not in before or before[p][::2] != after[p][::2] for p in reshaped):
            self._stale.add("Tags")  # a title or a tag changed
        self._build_shown()
        return True

    def _patch(self, vault: Vault, out: list[tuple[str, Shape]], new: list[str]) -> bool:
        """Take leaves out and put new ones in their sorted place; False if the tree's
        groups or folders would change (or it is still filling): then it is rebuilt."""
        if self._rows or self._builds != self._taken:
            return False  # filling, or a tree is being made: made again with this change
        for path, old in out:
            leaf = self._items.pop(path, None)
            if leaf is None:
                continue  # not listed (yet)
            label = type_label(old[1] if self._typed and isinstance(old[1], str) else None)
            folder = folder_label(path)
            parent = self._parents.get((label, folder))
            if parent is None or self._tally.own.get((label, folder), 0) <= 1:
                return False  # the folder (or group) would be left empty
            parent.removeRow(leaf.row())
            self._recount(label, folder, -1)
        for path in new:
            note = vault.notes.get(path)
            if note is None:
                continue
            label = type_label(note_type(note) if self._typed else None)
            folder = folder_label(path)
            parent = self._parents.get((label, folder))
            if parent is None:
                return False
            start = navigator_models.first_leaf(parent)
            titles = [title_key(parent.child(i).text()) for i in range(start, parent.rowCount())]
            leaf = navigator_models.leaf(note.title, path)
            parent.insertRow(start + bisect.bisect_right(titles, title_key(note.title)), leaf)
            self._items[path] = leaf
            self._recount(label, folder, +1)
        selected = self._selected
        if selected is not None and any(path == selected for path, _ in out):
            self.select(selected)  # put back on the note where it landed
        return True

    def _recount(self, label: str, folder: str, step: int) -> None:
        """Keep the "(N)" of a folder, the folders above it and its type group right."""
        tally = self._tally
        tally.own[label, folder] += step
        tally.groups[label] += step
        parts = folder.split("/")
        for i in range(1, len(parts) + 1):
            key = (label, "/".join(parts[:i]))
            if key in tally.folders:
                tally.folders[key] += step
                row = self._folders.get(key)
                if row is not None:  # a group with one folder shows no folder row
                    row.setText(folder_text(key[1], tally.folders[key]))
        group = self._folders.get((label, ""))
        if group is not None:
            group.setText(counted(label, tally.groups[label]))

    def _regroup(self, vault: Vault) -> None:
        """Make the notes tree anew from groups computed in the background."""

        def show(groups: list[TypeGroup]) -> None:
            if vault is self.vault:
                self._show_groups(groups)

        typed = self._typed
        self.background(lambda: note_groups(vault, typed=typed), show)

    def set_vault(
        self,
        vault: Vault,
        groups: list[TypeGroup] | None = None,
        shapes: dict[str, Shape] | None = None,
    ) -> None:
        """Show ``vault``: the notes tree now, books and tags when their tab is first shown
        (the tags tree is the biggest, a row per note per tag). ``groups`` and
        ``shapes``, when the caller computed them off the UI thread, save walking
        every note here."""
        self._flush_rows()  # the last vault's, before this one's are read
        self.vault = vault
        self._shapes = (
            shapes if shapes is not None else {p: shape(n) for p, n in vault.notes.items()}
        )
        self._stale = {"Books", "Tags"}
        self._typed = declares_types(vault)
        self._flipped = self.settings.flipped_rows(vault.root)
        self._show_groups(groups if groups is not None else note_groups(vault, typed=self._typed))
        self._build_shown()

    def _show_groups(self, groups: list[TypeGroup]) -> None:
        """Make the notes tree of ``groups``: its rows and counts in the background for a
        big vault (10,000 folder rows at 100,000 typed notes took the UI thread 0.4-1.2 s),
        here for a small one; the last asked for wins."""
        self._builds += 1
        build, vault = self._builds, self.vault

        def take(built: Built) -> None:
            if build == self._builds and vault is self.vault:
                self._take(built)

        if sum(group.count for group in groups) <= BUILD_HERE:
            take(build_notes(groups))
        else:
            self.background(lambda: build_notes(groups), take)

    def _take(self, built: Built) -> None:
        self._taken = self._builds
        model, self._rows, self._parents, self._folders, self._tally, self._flat = built
        self._items = {}  # path -> leaf, so selecting a note needs no search of the tree
        self._install("Notes", model)
        self._restore_open()
        if sum(len(e) for _, e in self._rows) <= FILL_AT_ONCE:
            self._fill(budget=None)
        else:
            self._gc_pause.close()  # a fill begun before this one: its pause ends
            self._gc_pause.enter_context(paused_gc())
            self._fill_timer.start()

    def _fill(self, budget: float | None = FILL_BUDGET) -> None:
        """Add leaves to the trees (notes first) until ``budget`` seconds pass; the rest
        come on later turns of the event loop, so a big vault never holds the window."""
        started = time.perf_counter()

        def spent() -> bool:
            return budget is not None and time.perf_counter() - started > budget

        filling_notes = bool(self._rows)
        while self._rows and not spent():
            parent, entries = self._rows.pop(0)
            leaves = add_leaves(parent, entries)
            self._items.update(zip((path for _, path in entries), leaves, strict=True))
        if filling_notes and not self._rows:
            self._gc_pause.close()  # the leaves' wrappers, frozen: they live as long as the tree
            if self._selected is not None:
                self.select(self._selected)
        for rows in self._later.values():
            while rows and not spent():
                add_leaves(*rows.pop(0))
        if self._rows or any(self._later.values()):
            self._fill_timer.start()

    def _install(self, name: str, model: QStandardItemModel) -> None:
        model.setParent(self)
        old = self._models.get(name)
        self._models[name] = model
        if old is not None:
            self._retired.append(old)
            self._retire_timer.start()
        self._drop_matches(name)
        self.proxies[name].setSourceModel(model)
        self._filtered.discard(name)
        self._refilter_shown()

    def _retire(self) -> None:
        """Delete old trees a piece a turn (FILL_BUDGET of each), then the models."""
        while self._retired:
            if not navigator_models.retire_some(self._retired[0], FILL_BUDGET):
                self._retire_timer.start()
                return
            self._retired.pop(0).deleteLater()

    def _tab_shown(self) -> None:
        self._build_shown()
        self._refilter_shown()

    def _build_shown(self) -> None:
        """Build the shown tree if it is out of date: its data in the background (the
        tags of 100,000 notes take ~2 s to gather), its leaves over several turns."""
        name = self.tabs.tabText(self.tabs.currentIndex())
        vault = self.vault
        if vault is None or name not in self._stale:
            return
        self._stale.discard(name)
        compute, skeleton = TREES[name]

        def show(data: Any) -> None:
            if vault is not self.vault or name in self._stale:
                return  # outdated meanwhile: built again when next shown
            self._data[name] = data  # a filter's matches are found in it
            model, rows = skeleton(data)
            if sum(len(entries) for _, entries in rows) <= FILL_AT_ONCE:
                for piece in rows:
                    add_leaves(*piece)
                self._later.pop(name, None)
            else:
                self._later[name] = pieces(rows)
                self._fill_timer.start()
            self._install(name, model)

        self.background(lambda: compute(vault), show)

    def _filter(self) -> None:
        """Narrow the trees to what the filter box holds (after a pause in typing): the
        shown one now, the others when shown."""
        self._filtered.clear()
        self._refilter_shown()

    def _refilter_shown(self) -> None:
        name = self.tabs.tabText(self.tabs.currentIndex())
        if name in self._filtered or name not in self._models:
            if name in self._models:  # the note under the filter box is the shown tree's
                self._say_if_empty(name, self.filter_edit.text())
            return
        self._filtered.add(name)
        text = self.filter_edit.text()
        if name == "Books":
            self._refilter(name, text)
        else:
            self._match(name, text)
        if name == "Notes" and self._selected is not None:
            self.select(self._selected)

    def _refilter(self, name: str, text: str) -> None:
        proxy, view = self.proxies[name], self.views[name]
        # one reset, not a removal per run of hidden rows: those took 0.23 s a
        # keystroke at 6,500 notes (the view relays itself out for each)
        proxy.setSourceModel(self._empty)
        proxy.setFilterFixedString(text)
        proxy.setSourceModel(self._models[name])
        if text:
            self._expand_matches(view, proxy)
        self._say_if_empty(name, text)

    def _say_if_empty(self, name: str, text: str) -> None:
        empty = bool(text) and self.proxies[name].rowCount() == 0
        self.no_matches.setText(f"No matches in {name} for “{text}”" if empty else "")
        self.no_matches.setVisible(empty)

    def _match(self, name: str, text: str) -> None:
        """The notes or tags tree, filtered, is a tree of the matches alone: its counts say
        how many of each group's, folder's or tag's notes match ("3 of 17"). A big one's
        are found and made into a tree in the background (0.2 s at 100,000 notes), and
        only the first MATCHES_SHOWN are listed."""
        proxy, view, vault = self.proxies[name], self.views[name], self.vault
        whole = self._models[name]
        if not text or vault is None:
            if proxy.sourceModel() is not whole:
                self._drop_matches(name)
                proxy.setSourceModel(whole)
                if name == "Notes":
                    self._restore_open()
            self._say_if_empty(name, text)
            return

        def show(model: QStandardItemModel) -> None:
            if (
                vault is not self.vault
                or self.filter_edit.text() != text
                or self._models.get(name) is not whole
            ):
                return  # typed on, another vault or a rebuilt tree: a newer search follows
            model.setParent(self)
            self._drop_matches(name)
            self._matches[name] = model
            proxy.setSourceModel(model)
            self._expand_matches(view, proxy)
            self._say_if_empty(name, text)

        find: Callable[[], QStandardItemModel]
        if name == "Notes":
            typed, tally, flat_tree = self._typed, self._tally, self._flat

            def find() -> QStandardItemModel:
                groups = note_groups(vault, text, typed)
                return matches_tree(groups, MATCHES_SHOWN, flat_tree, tally)

            size = len(self._shapes)
        else:
            nodes = self._data[name]

            def find() -> QStandardItemModel:
                return tags_matches(nodes, text, MATCHES_SHOWN)

            size = sum(len(node.entries) for node in nodes)
        if size > FILTER_HERE:
            self.background(find, show)
        else:
            show(find())

    def _drop_matches(self, name: str) -> None:
        matches = self._matches.pop(name, None)
        if matches is not None:
            matches.deleteLater()

    @staticmethod
    def _expand_matches(view: QTreeView, proxy: QSortFilterProxyModel) -> None:
        """Open the groups that hold matches, top down, until EXPAND_ROWS rows show: a
        tree opened on 100,000 matches takes the view 0.2 s to lay out, and a reader
        narrows the filter before reading that far."""
        budget = EXPAND_ROWS
        parents = [QModelIndex()]
        while parents and budget > 0:
            parent = parents.pop(0)
            rows = proxy.rowCount(parent)
            budget -= rows
            for row in range(rows):
                child = proxy.index(row, 0, parent)
                if proxy.hasChildren(child):
                    view.expand(child)
                    parents.append(child)

    def _toggled(self, index: QModelIndex, opened: bool) -> None:
        """Remember a group or folder the reader opened or closed, for this vault."""
        key = index.data(KEY_ROLE)
        if self._restoring or "Notes" in self._matches or self.vault is None:
            return  # opened by the program, or a filter's matches
        if not isinstance(key, str):
            return
        is_group = "\t" not in key  # groups are open unless closed, folders the other way
        if opened != is_group:
            self._flipped.add(key)
        else:
            self._flipped.discard(key)
        self._save_rows.start()  # once for a burst: "*" opens every row below one

    def _save_flipped(self) -> None:
        if self.vault is not None:
            self.settings.set_flipped_rows(self.vault.root, self._flipped)

    def _flush_rows(self) -> None:
        if self._save_rows.isActive():
            self._save_rows.stop()
            self._save_flipped()

    def hideEvent(self, event: QHideEvent) -> None:
        self._flush_rows()  # the window closing: what was just opened or closed is kept
        super().hideEvent(event)

    def _restore_open(self) -> None:
        """Open the whole notes tree's groups and folders as the reader left them."""
        proxy, view = self.proxies["Notes"], self.views["Notes"]
        model = self._models.get("Notes")
        if model is None or proxy.sourceModel() is not model:
            return
        self._restoring = True
        try:
            for (label, folder), item in self._folders.items():
                is_group = folder == ""
                if is_group != (row_key(label, folder or None) in self._flipped):
                    view.expand(proxy.mapFromSource(item.index()))
        finally:
            self._restoring = False

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
        self._selected = path  # selected here once its leaf exists, if it does not yet
        item = self._items.get(path)
        if item is not None and item.model() is model:
            index = proxy.mapFromSource(item.index())
            if index.isValid():
                view.setCurrentIndex(index)
                self._restoring = True  # the folders opened to show it are not the reader's
                try:
                    view.scrollTo(index)
                finally:
                    self._restoring = False
