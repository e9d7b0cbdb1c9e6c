"""The main window: navigator and search; note, perspectives, matrix and graph; side panels."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QWidget,
)

from syntopic.core.books import Matrix
from syntopic.core.newnote import create_note
from syntopic.core.overview import Overview, counts
from syntopic.core.vault import PreparedChanges, Vault
from syntopic.core.watch import VaultWatcher
from syntopic.render.note import NoteRenderer
from syntopic.search.mentions import Mention
from syntopic.ui import desktop, dialogs, theme
from syntopic.ui.export_dialog import ExportDialog
from syntopic.ui.graph_view import GraphPanel
from syntopic.ui.history import History
from syntopic.ui.links_panel import LinksPanel
from syntopic.ui.loader import VaultLoader, start_loader
from syntopic.ui.matrix_view import MatrixView, sorted_matrix
from syntopic.ui.mouse_history import MouseHistoryButtons
from syntopic.ui.navigator import PATH_ROLE, Navigator
from syntopic.ui.note_view import NoteView
from syntopic.ui.perspectives_view import PerspectivesView
from syntopic.ui.properties_panel import PropertiesPanel
from syntopic.ui.search_panel import SearchBox, SearchPanel
from syntopic.ui.search_service import SearchService
from syntopic.ui.settings import Settings
from syntopic.ui.switcher import QuickSwitcher
from syntopic.ui.tasks import TaskRunner

APP_NAME = "Syntopic"
HISTORY_SHOWN = 20  # notes listed in Go > History


class MainWindow(QMainWindow):
    """One vault per window.

    Signals:
        vault_loaded(): a vault finished loading and is shown.
        note_shown(str): the path of the note now displayed.
        load_failed(str): the vault could not be opened, with the reason.
        vault_updated(object): a live update was applied (the VaultEvent).
    """

    vault_loaded = Signal()
    load_failed = Signal(str)
    vault_updated = Signal(object)
    _changes_pending = Signal()  # from the watcher's thread: queued to ours
    _watch_failed = Signal(str)  # from the thread that starts the watcher
    _watch_started = Signal()  # ditto
    note_shown = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.vault: Vault | None = None
        self.renderer: NoteRenderer | None = None
        self.current: str | None = None
        self.history = History()
        self._thread: QThread | None = None
        self._loader: VaultLoader | None = None
        self.watcher: VaultWatcher | None = None
        self._open_when_loaded: str | None = None  # a note we created, shown once parsed
        self.tasks = TaskRunner(self)
        self.search = SearchService(self.tasks, self)
        self.search.progress.connect(self._index_progress)
        self.search.ready.connect(self._index_ready)
        self.search.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self._changes_pending.connect(self._sync_changes)
        self._watch_failed.connect(self._watching_failed)
        self._watch_started.connect(self._start_search)
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.settings = Settings()
        self._build_widgets()
        self._build_actions()
        self._restore_window()
        self.theme: str = "light"
        self.set_theme(self.settings.theme(), remember=False)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    # -- construction ------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.navigator = Navigator(background=self._in_background)
        self.navigator.note_activated.connect(self._nav_activated)
        self.search_panel = SearchPanel()
        self.search_panel.hit_chosen.connect(self._search_hit_chosen)
        self.search_panel.suggestion_chosen.connect(self._search_suggestion)
        self.left = QStackedWidget()
        self.left.addWidget(self.navigator)
        self.left.addWidget(self.search_panel)
        left = self.left

        self.note_view = NoteView()
        self.note_view.note_requested.connect(self.open_note)
        self.note_view.ghost_requested.connect(self._ghost_clicked)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.note_view, "Note")
        self.perspectives_view = PerspectivesView()
        self.perspectives_view.note_requested.connect(self.open_note)
        self.tabs.addTab(self.perspectives_view, "Perspectives")
        self.matrix_view = MatrixView()
        self.matrix_view.concept_requested.connect(self._matrix_concept)
        self.matrix_view.book_requested.connect(lambda path: self._open_in_tab(path, "note"))
        self.tabs.addTab(self.matrix_view, "Matrix")
        self.graph = GraphPanel(background=self._in_background)
        self.graph.note_activated.connect(self.open_note)
        self.graph.ghost_activated.connect(self._ghost_clicked)
        self.graph.set_query_filter(self._graph_query)
        self.graph.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.graph.canvas.customContextMenuRequested.connect(self._graph_menu)
        self.tabs.addTab(self.graph, "Graph")
        self.note_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.note_view.customContextMenuRequested.connect(self._note_menu)
        for view in self.navigator.views.values():
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._navigator_menu(v, pos)
            )
        self._export: ExportDialog | None = None
        self._matrix_stale = True
        self._graph_shown: Vault | None = None  # the vault the graph tab was last given
        self.tabs.currentChanged.connect(self._tab_changed)
        self._perspectives_stale = True

        self.backlinks = LinksPanel()
        self.backlinks.note_requested.connect(self.open_note)
        self.outline = QListWidget()
        self.outline.itemClicked.connect(self._outline_clicked)
        self.side = QTabWidget()
        self.side.setDocumentMode(True)
        self.side.addTab(self.backlinks, "Links")
        self.side.addTab(self.outline, "Outline")
        self.properties = PropertiesPanel()
        self.side.addTab(self.properties, "Properties")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.side)
        splitter.setSizes([260, 720, 300])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

        self.counts = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.progress)

        buttons = MouseHistoryButtons(self.go_back, self.go_forward, self)
        views: list[QAbstractItemView] = [*self.navigator.views.values(), self.search_panel.list]
        views += [self.outline, self.matrix_view.table, self.properties]
        for item_view in views:
            buttons.watch(item_view)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open Vault…", "Ctrl+Shift+O", self.choose_vault)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._action(file_menu, "&Export…", "Ctrl+Shift+E", lambda: self.show_export())
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        note_menu = self.menuBar().addMenu("&Note")
        self.reveal_action = self._action(
            note_menu, "&Reveal in File Manager", "Ctrl+Shift+R", self.reveal_current
        )
        self.editor_action = self._action(
            note_menu, "Open in External &Editor", "Ctrl+E", self.edit_current
        )
        self._action(note_menu, "Copy &Wiki Link", "Ctrl+Shift+C", self.copy_link)
        go_menu = self.menuBar().addMenu("&Go")
        self.back_action = self._action(go_menu, "&Back", "Alt+Left", self.go_back)
        self.forward_action = self._action(go_menu, "&Forward", "Alt+Right", self.go_forward)
        self._action(go_menu, "&Quick Switcher…", "Ctrl+O", self.show_switcher)
        self._action(go_menu, "&Random Note", "Ctrl+R", self.open_random)
        self.history_menu = go_menu.addMenu("&History")
        self.history_menu.aboutToShow.connect(self._fill_history)
        self._action(go_menu, "&Filter Notes", "Ctrl+L", self._focus_filter)
        self._action(go_menu, "&Search…", "Ctrl+K", self.focus_search)
        view_menu = self.menuBar().addMenu("&View")
        for number, (name, label) in enumerate(
            (
                ("note", "&Note"),
                ("perspectives", "&Perspectives"),
                ("matrix", "&Matrix"),
                ("graph", "&Graph"),
            ),
            1,
        ):
            self._action(
                view_menu, label, f"Ctrl+{number}", lambda _c=False, v=name: self.show_view(v)
            )
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        for choice, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=choice: self.set_theme(c))
            theme_menu.addAction(action)
            self.theme_actions[choice] = action
        self._action(view_menu, "Toggle &Dark Theme", "Ctrl+Shift+D", self.toggle_theme)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", "F1", self.show_shortcuts)
        self._action(help_menu, f"&About {APP_NAME}", None, self.show_about)
        toolbar = self.addToolBar("Navigation")
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.addAction(self.back_action)
        toolbar.addAction(self.forward_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_box = SearchBox()
        self.search_box.query_changed.connect(self.run_search)
        self.search_box.down_pressed.connect(self.search_panel.focus_results)
        self.search_box.submitted.connect(self.search_panel.choose_first)
        toolbar.addWidget(self.search_box)
        self._update_nav()

    def _action(self, menu: object, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # -- loading -------------------------------------------------------------------
    def load_vault(self, root: str) -> None:
        """Show the window at once; parse in a worker and fill in when done."""
        if self._thread is not None and self._thread.isRunning():
            return
        self.setWindowTitle(f"{os.path.basename(os.path.abspath(root))} — {APP_NAME}")
        self.statusBar().showMessage(f"Opening {root}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        thread, loader = start_loader(root, self)
        loader.progress.connect(self._on_progress)
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)
        self._thread = thread
        self._loader = loader  # a parentless QObject lives only while referenced
        thread.start()

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{phase} %v/%m")
        else:
            self.progress.setRange(0, 0)
        self.statusBar().showMessage(f"{phase}…")

    def _on_loaded(self, vault: Vault, summary: Overview) -> None:
        """Show the first note now; the rest follows in later turns of the event loop,
        so no single step holds the window (each is ~0.1-0.3 s at 6,500 notes)."""
        self._stop_watching()
        self.search.stop()  # the last vault's index; this one's starts after the watch
        self.vault = vault
        self.settings.remember_vault(vault.root)
        self.renderer = NoteRenderer(vault)
        self.note_view.vault_root = vault.root
        self._matrix_stale = True
        self._graph_shown = None
        self.progress.hide()
        self.statusBar().showMessage(vault.cache_message or "Ready", 4000)
        self.history = History()
        self.counts.setText(summary.counts.text())
        if summary.start is not None:
            self.open_note(summary.start)
        QTimer.singleShot(0, lambda: self._finish_loading(vault, summary))

    def _finish_loading(self, vault: Vault, summary: Overview) -> None:
        if vault is not self.vault:
            return  # another vault was opened meanwhile
        self.navigator.set_vault(vault, summary.groups, summary.shapes)
        if self.current is not None:
            self.navigator.select(self.current)
        # the index follows once the watch is set up: two workers at once take the
        # GIL from the window in turn (measured: stalls of 100-160 ms at 6,500 notes)
        self._start_watching(vault.root)
        self._refresh_hidden_tabs()
        self.vault_loaded.emit()

    def _in_background(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``fn`` on the task queue that live reload uses: the vault never changes
        while it runs (edits are applied between tasks)."""
        self.tasks.submit(fn, done, self._sync_failed)

    def _update_counts(self) -> None:
        if self.vault is not None:
            self.counts.setText(counts(self.vault).text())

    # -- live reload -----------------------------------------------------------------
    def _start_watching(self, root: str) -> None:
        watcher = VaultWatcher(root, self._changes_pending.emit)
        watcher.start_in_background(
            lambda exc: self._watch_failed.emit(exc.strerror or str(exc)), self._watch_started.emit
        )
        self.watcher = watcher

    def _start_search(self) -> None:
        if self.vault is not None and self.search.index is None and self.watcher is not None:
            self.search.start(self.vault)

    def _watching_failed(self, reason: str) -> None:
        self._start_search()  # search works without live reload
        self._stop_watching()
        if self.vault is not None and not os.path.isdir(self.vault.root):
            self._sync_failed(reason)  # says the folder is gone
            return
        self.statusBar().showMessage(f"Live reload is off: {reason}", 8000)

    def _stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def _sync_changes(self) -> None:
        """Parse what changed in a worker; apply it here, where the views live."""
        if self.watcher is None or self.vault is None or self.tasks.busy():
            if self.tasks.busy():
                self.tasks.idle.connect(self._retry_sync, Qt.ConnectionType.SingleShotConnection)
            return
        changes, rescan = self.watcher.drain()
        vault = self.vault

        def prepare() -> object:
            if not os.path.isdir(vault.root):  # not "every note deleted": the folder went
                raise FileNotFoundError(vault.root)
            found = vault.changes_on_disk() if rescan else changes
            return vault.prepare(found)

        self.tasks.submit(prepare, self._commit_changes, self._sync_failed)

    def _retry_sync(self) -> None:
        self._changes_pending.emit()

    def _commit_changes(self, prepared: PreparedChanges) -> None:
        if self.vault is None or not prepared:
            return
        event = self.vault.commit(prepared)
        waiting = self._open_when_loaded
        if waiting is not None and waiting in self.vault.notes:
            self._open_when_loaded = None
            self.open_note(waiting)
        self.navigator.follow(self.vault, event)
        if event.books_changed or event.removed or any(map(self.vault.books.get, event.relinked)):
            self._matrix_stale = True
        self.search.update(event)
        if self._graph_shown is self.vault:
            self.graph.vault_changed(event)
        self._refresh_hidden_tabs()
        self._update_counts()
        current = self.current
        if current is not None and current in event.removed:
            # a rename shows up as one note gone and one new: follow it
            if len(event.added) == 1:
                self.open_note(next(iter(event.added)), record=False)
                self.statusBar().showMessage("The open note was renamed; following it", 5000)
            else:
                self.current = None
                self.note_view.setHtml(
                    "<h2>This note was deleted or moved.</h2><p>Pick another note on the left.</p>"
                )
                self.statusBar().showMessage(f"{current} was deleted", 8000)
        elif current is not None and (
            event.relinked | event.modified | event.added | event.removed
        ):
            self._rerender_current()
        self.vault_updated.emit(event)

    def _rerender_current(self) -> None:
        assert self.current is not None and self.renderer is not None
        bar = self.note_view.verticalScrollBar()
        position = bar.value()
        self.note_view.setHtml(self.renderer.page_html(self.current))
        self._fill_panels(self.current)
        bar.setValue(position)
        self._perspectives_stale = True
        self._refresh_perspectives()

    def _sync_failed(self, message: str) -> None:
        if self.vault is not None and not os.path.isdir(self.vault.root):
            self._stop_watching()
            message = f"The vault folder {self.vault.root} is gone; showing what was loaded."
        self.statusBar().showMessage(message)
        self.load_failed.emit(message)

    def _on_failed(self, message: str) -> None:
        self.progress.hide()
        self.statusBar().showMessage(message)
        self.load_failed.emit(message)
        if self.isVisible() and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            dialogs.warn(self, APP_NAME, message)

    def show_view(self, view: str) -> bool:
        """Bring a centre tab forward by its name (note, perspectives, ...)."""
        for i in range(self.tabs.count()):
            # the label may carry a count: "Perspectives (7)"
            if self.tabs.tabText(i).split(" (")[0].lower() == view:
                self.tabs.setCurrentIndex(i)
                return True
        return False

    # -- themes ---------------------------------------------------------------------
    def set_theme(self, choice: str, *, remember: bool = True) -> None:
        """Light, dark, or whatever the desktop uses ("system")."""
        if choice not in ("system", "light", "dark"):
            choice = "system"
        self.theme_choice = choice
        self.theme = theme.resolve(choice)  # type: ignore[arg-type]
        dark = self.theme == "dark"
        theme.apply_palette(dark)
        css = theme.note_css(dark)
        self.note_view.document().setDefaultStyleSheet(css)
        self.backlinks.set_dark(dark)
        self.perspectives_view.set_dark(dark)
        self.search_panel.set_dark(dark)
        for name, action in self.theme_actions.items():
            action.setChecked(name == choice)
        if remember:
            self.settings.set_theme(choice)
        if self.current is not None and self.renderer is not None:
            self._rerender_current()

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme == "dark" else "dark")

    def _system_scheme_changed(self) -> None:
        if self.theme_choice == "system":
            self.set_theme("system", remember=False)

    def _fill_history(self) -> None:
        """The notes visited, newest first, the open one checked; choosing one goes there."""
        self.history_menu.clear()
        vault = self.vault
        seen: set[str] = set()
        for index in range(len(self.history.items) - 1, -1, -1):
            path = self.history.items[index]
            if vault is None or path in seen or path not in vault.notes:
                continue
            seen.add(path)
            action = self.history_menu.addAction(vault.notes[path].title)
            action.setCheckable(True)
            action.setChecked(index == self.history.index)
            action.triggered.connect(lambda _checked=False, p=path: self.open_note(p))
            if len(seen) == HISTORY_SHOWN:
                break
        if self.history_menu.isEmpty():
            self.history_menu.addAction("No notes visited yet").setEnabled(False)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for root in self.settings.recent_vaults():
            action = self.recent_menu.addAction(root)
            action.setEnabled(os.path.isdir(root))
            action.triggered.connect(lambda _checked=False, r=root: self.load_vault(r))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent vaults").setEnabled(False)

    def _restore_window(self) -> None:
        geometry, state = self.settings.window()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def choose_vault(self) -> None:
        root = dialogs.choose_folder(self, "Open Vault")
        if root:
            self.load_vault(root)

    # -- navigation -----------------------------------------------------------------
    def open_note(self, path: str, heading: str = "", *, record: bool = True) -> bool:
        """Show a note (by vault path), optionally scrolled to a heading."""
        if self.vault is None or self.renderer is None:
            return False
        if path not in self.vault.notes:
            found = self.vault.find(path)
            if found is None:
                self.statusBar().showMessage(f"No note '{path}'", 5000)
                return False
            path = found
        self.note_view.setHtml(self.renderer.page_html(path))
        if heading:
            self._scroll_to_heading(path, heading)
        if record:
            self.history.push(path)
        self.current = path
        self._fill_panels(path)
        self._perspectives_stale = True
        self._refresh_perspectives()
        if self._graph_shown is self.vault:
            self.graph.set_current(path)
        self.navigator.select(path)
        self._update_nav()
        self.note_shown.emit(path)
        return True

    def _scroll_to_heading(self, path: str, heading: str) -> None:
        assert self.vault is not None
        key = heading.strip().lower()
        for h in self.vault.notes[path].headings:
            if h.text.strip().lower() == key:
                self.note_view.scrollToAnchor(f"L{h.line}")
                return
        if heading.startswith("^"):
            self.note_view.scrollToAnchor(heading)

    def _fill_panels(self, path: str) -> None:
        assert self.vault is not None
        vault = self.vault
        if self.search.usable:
            self.backlinks.show_note(vault, path, None, "Looking for unlinked mentions…")
            self.search.find_mentions(path, self._mentions_found)
        else:
            self.backlinks.show_note(vault, path, None)
        self.side.setTabText(0, f"Links ({self.backlinks.backlink_count})")
        self.properties.show_note(vault.notes[path])
        self.outline.clear()
        for h in vault.notes[path].headings:
            item = QListWidgetItem("    " * (h.level - 1) + h.text)
            item.setData(PATH_ROLE, h.line)
            self.outline.addItem(item)

    def _mentions_found(self, found: tuple[str, list[Mention]]) -> None:
        path, mentions = found
        if self.vault is not None and path == self.current and path in self.vault.notes:
            self.backlinks.show_note(self.vault, path, mentions)

    def _nav_activated(self, path: str) -> None:
        if path != self.current:
            self.open_note(path)

    def _outline_clicked(self, item: QListWidgetItem) -> None:
        line = item.data(PATH_ROLE)
        if isinstance(line, int):
            self.note_view.scrollToAnchor(f"L{line}")

    def _ghost_clicked(self, target: str) -> None:
        """An unwritten link: offer to write it, from the concept template."""
        self.statusBar().showMessage(f"'{target}' is not written yet", 5000)
        if self.vault is None or self.current is None:
            return
        name = target.rsplit("/", 1)[-1]
        if not dialogs.ask(
            self,
            "Create Note",
            f"“{name}” is not written yet. Create it from the concept template?",
        ):
            return
        folder = self.vault.notes[self.current].folder
        try:
            created = create_note(self.vault.root, name, "concept", folder=folder)
        except (OSError, ValueError) as exc:
            dialogs.warn(self, APP_NAME, f"Cannot create the note: {exc}")
            return
        rel = created.relative_to(self.vault.root).as_posix()
        self._open_when_loaded = rel
        self.statusBar().showMessage(f"Created {rel}", 5000)

    def go_back(self) -> None:
        path = self.history.back()
        if path:
            self.open_note(path, record=False)

    def go_forward(self) -> None:
        path = self.history.forward()
        if path:
            self.open_note(path, record=False)

    def show_switcher(self) -> QuickSwitcher | None:
        if self.vault is None:
            return None
        switcher = QuickSwitcher(self.vault, self)
        switcher.chosen.connect(self.open_note)
        switcher.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        switcher.open()
        return switcher

    def open_random(self) -> None:
        if self.vault is not None:
            path = self.vault.random_note()
            if path:
                self.open_note(path)

    def _focus_filter(self) -> None:
        self.navigator.filter_edit.setFocus()
        self.navigator.filter_edit.selectAll()

    def _update_nav(self) -> None:
        self.back_action.setEnabled(self.history.can_back())
        self.forward_action.setEnabled(self.history.can_forward())

    # -- centre tabs ------------------------------------------------------------------
    def _tab_changed(self, _index: int) -> None:
        self._refresh_perspectives()
        self._refresh_hidden_tabs()

    def _refresh_hidden_tabs(self) -> None:
        """The matrix and the graph are built when first looked at, not on every load."""
        vault, shown = self.vault, self.tabs.currentWidget()
        if vault is None:
            return
        if shown is self.matrix_view and self._matrix_stale:
            self._matrix_stale = False

            def show_matrix(matrix: tuple[Matrix, dict[str, str]]) -> None:
                if vault is self.vault:
                    self.matrix_view.show_matrix(matrix)

            self._in_background(lambda: sorted_matrix(vault), show_matrix)
        if shown is self.graph and self._graph_shown is not vault:
            self._graph_shown = vault
            self.graph.set_vault(vault)
            self.graph.set_current(self.current)

    def _refresh_perspectives(self) -> None:
        """Attribute and render the open note's perspectives, only while they are on view."""
        view = self.perspectives_view
        if self.vault is None or self.current is None:
            return
        count = len(self.vault.perspectives(self.current).perspectives)
        index = self.tabs.indexOf(view)
        self.tabs.setTabText(index, f"Perspectives ({count})" if count else "Perspectives")
        if self.tabs.currentWidget() is view and self._perspectives_stale:
            self._perspectives_stale = False
            view.show_concept(self.vault, self.current)

    def _matrix_concept(self, path: str) -> None:
        self._open_in_tab(path, "perspectives")

    def _open_in_tab(self, path: str, view: str) -> None:
        if self.open_note(path):
            self.show_view(view)

    # -- search ---------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self, text: str) -> None:
        """Show the hits of ``text`` in place of the navigator; nothing typed: back to it."""
        if not text:
            self.left.setCurrentWidget(self.navigator)
            return
        result = self.search.search(text)
        if result is None:
            return
        if self.search.building and not result.hits and result.notice is None:
            result.notice = "Still indexing: results so far."
        self.search_panel.show_result(result)
        self.left.setCurrentWidget(self.search_panel)

    def _search_suggestion(self, text: str) -> None:
        self.search_box.setText(text)
        self.run_search(text)

    def _search_hit_chosen(self, path: str, word: str) -> None:
        """Open the note and bring its first matched word into view."""
        if not self._open_in_note_tab(path):
            return
        if word:
            self.note_view.find(word)

    def _open_in_note_tab(self, path: str) -> bool:
        if path != self.current and not self.open_note(path):
            return False
        self.show_view("note")
        return True

    def _index_progress(self, done: int, total: int) -> None:
        if self.vault is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat("Indexing %v/%m")
        self.progress.show()

    def _index_ready(self, message: str) -> None:
        self.progress.hide()
        self.statusBar().showMessage(message, 5000)
        if self.current is not None and self.vault is not None:
            self._fill_panels(self.current)  # unlinked mentions need the index
        if self.search_box.text().strip():
            self.run_search(self.search_box.text().strip())

    def _graph_query(self, text: str) -> set[str] | None:
        """The graph's query box speaks the search language once the index is ready."""
        if self.search.index is None or self.search.building:
            return None
        result = self.search.search(text, limit=100_000)
        return {hit.path for hit in result.hits} if result is not None else None

    # -- export and context menus -------------------------------------------------------
    def show_export(
        self, path: str | None = None, *, nodes: list[str] | None = None
    ) -> ExportDialog | None:
        """The export dialog for a note (the open one by default) or a set of notes."""
        if self.vault is None:
            return None
        if self._export is not None:
            self._export.shutdown()
        target = path or self.current
        book = target if target is not None and self.vault.books.get(target) else None
        dialog = ExportDialog(
            self.vault,
            self,
            concept=None if book or nodes else target,
            book=book,
            nodes=nodes,
        )
        dialog.exported.connect(lambda out: self.statusBar().showMessage(f"Exported {out}", 6000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(self._export_closed)
        self._export = dialog
        dialog.open()
        return dialog

    def _export_closed(self) -> None:
        self._export = None

    def _note_actions(self, path: str) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._open_in_tab(path, "note"))
        if self.vault is not None and self.vault.notes.get(path) is not None:
            menu.addAction("Perspectives", lambda: self._open_in_tab(path, "perspectives"))
            menu.addAction("Export…", lambda: self.show_export(path))
        return menu

    def _navigator_menu(self, view: QTreeView, pos: QPoint) -> None:
        path = view.indexAt(pos).data(PATH_ROLE)
        if isinstance(path, str):
            self._note_actions(path).exec(view.viewport().mapToGlobal(pos))

    def _note_menu(self, pos: QPoint) -> None:
        menu = self.note_view.createStandardContextMenu(pos)
        if self.current is not None:
            menu.addSeparator()
            current = self.current
            menu.addAction("Export…", lambda: self.show_export(current))
            menu.addAction("Reveal in File Manager", self.reveal_current)
            menu.addAction("Open in External Editor", self.edit_current)
        menu.exec(self.note_view.viewport().mapToGlobal(pos))

    def _graph_menu(self, pos: QPoint) -> None:
        path = self.graph.path_at(QPointF(pos))
        if path is not None and self.vault is not None and path in self.vault.notes:
            menu = self._note_actions(path)
        else:
            menu = QMenu(self)
        menu.addAction(
            "Export visible notes…", lambda: self.show_export(nodes=self.graph.visible_paths())
        )
        menu.exec(self.graph.canvas.mapToGlobal(pos))

    # -- the desktop ------------------------------------------------------------------
    def _current_file(self) -> Path | None:
        if self.vault is None or self.current is None:
            self.statusBar().showMessage("No note is open", 4000)
            return None
        return Path(self.vault.root) / self.current

    def reveal_current(self) -> None:
        path = self._current_file()
        if path is not None and not desktop.reveal(path):
            self.statusBar().showMessage("Could not open the file manager", 6000)

    def edit_current(self) -> None:
        path = self._current_file()
        if path is not None and not desktop.open_in_editor(path):
            self.statusBar().showMessage(
                "Could not open an editor; set SYNTOPIC_EDITOR to the command of yours", 8000
            )

    def copy_link(self) -> None:
        if self.vault is None or self.current is None:
            return
        link = f"[[{self.vault.notes[self.current].name}]]"
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(link)
        self.statusBar().showMessage(f"Copied {link}", 3000)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """The mouse's back and forward buttons move through history anywhere in the window.

        Children leave these buttons alone, so their presses come up to here. Not an
        application event filter: that calls into Python for every event of every
        widget, and each call waits for the GIL while a worker runs.
        """
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)

    # -- help -------------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for action in self.findChildren(QAction):
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shortcut:
                rows.append((action.text().replace("&", ""), shortcut))
        return sorted(set(rows))

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{t}</td><td><b>{s}</b></td></tr>" for t, s in self.shortcut_rows())
        dialogs.inform(self, "Keyboard Shortcuts", f"<table>{rows}</table>")

    def show_about(self) -> None:
        from syntopic import __version__

        dialogs.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><p>Read a library of linked concept notes, "
            "and each book's perspective side by side.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.hide()  # gone at once, while the background work below winds down
        self._stop_watching()
        if self._export is not None:
            self._export.shutdown()
        self.graph.shutdown()
        self.search.stop()
        self.tasks.shutdown()
        if self._thread is not None and self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(5000)
        super().closeEvent(event)
