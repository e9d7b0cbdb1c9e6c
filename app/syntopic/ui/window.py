"""The main window: navigator, rendered note, backlinks and outline."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTabWidget,
)

from syntopic.core.newnote import create_note
from syntopic.core.vault import PreparedChanges, Vault
from syntopic.core.watch import VaultWatcher
from syntopic.render.note import NoteRenderer
from syntopic.ui import dialogs, theme
from syntopic.ui.history import History
from syntopic.ui.links_panel import LinksPanel
from syntopic.ui.loader import VaultLoader, start_loader
from syntopic.ui.navigator import PATH_ROLE, Navigator
from syntopic.ui.note_view import NoteView
from syntopic.ui.settings import Settings
from syntopic.ui.switcher import QuickSwitcher
from syntopic.ui.tasks import TaskRunner

APP_NAME = "Syntopic"


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
        self._changes_pending.connect(self._sync_changes)
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
        self.navigator = Navigator()
        self.navigator.note_activated.connect(self._nav_activated)
        left = self.navigator

        self.note_view = NoteView()
        self.note_view.note_requested.connect(self.open_note)
        self.note_view.ghost_requested.connect(self._ghost_clicked)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.note_view, "Note")

        self.backlinks = LinksPanel()
        self.backlinks.note_requested.connect(self.open_note)
        self.outline = QListWidget()
        self.outline.itemClicked.connect(self._outline_clicked)
        self.side = QTabWidget()
        self.side.setDocumentMode(True)
        self.side.addTab(self.backlinks, "Links")
        self.side.addTab(self.outline, "Outline")

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

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open Vault…", "Ctrl+Shift+O", self.choose_vault)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        go_menu = self.menuBar().addMenu("&Go")
        self.back_action = self._action(go_menu, "&Back", "Alt+Left", self.go_back)
        self.forward_action = self._action(go_menu, "&Forward", "Alt+Right", self.go_forward)
        self._action(go_menu, "&Quick Switcher…", "Ctrl+O", self.show_switcher)
        self._action(go_menu, "&Random Note", "Ctrl+R", self.open_random)
        self._action(go_menu, "&Filter Notes", "Ctrl+L", self._focus_filter)
        view_menu = self.menuBar().addMenu("&View")
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

    def _on_loaded(self, vault: Vault) -> None:
        self._stop_watching()
        self.vault = vault
        self.settings.remember_vault(vault.root)
        self.renderer = NoteRenderer(vault)
        self.note_view.vault_root = vault.root
        self.navigator.set_vault(vault)
        self.progress.hide()
        self.statusBar().showMessage(vault.cache_message or "Ready", 4000)
        self.history = History()
        self._update_counts()
        start = self._start_note(vault)
        if start is not None:
            self.open_note(start)
        self._start_watching(vault.root)
        self.vault_loaded.emit()

    def _update_counts(self) -> None:
        if self.vault is None:
            return
        g = self.vault.graph
        ghosts = sum(1 for _, k in g.nodes(data="kind") if k == "ghost")
        books = sum(1 for _, k in g.nodes(data="kind") if k == "book")
        self.counts.setText(
            f"{len(self.vault.notes)} notes · {books} books · {g.number_of_edges()} links"
            f" · {ghosts} unwritten"
        )

    # -- live reload -----------------------------------------------------------------
    def _start_watching(self, root: str) -> None:
        watcher = VaultWatcher(root, self._changes_pending.emit)
        try:
            watcher.start()
        except OSError as exc:
            self.statusBar().showMessage(f"Live reload is off: {exc.strerror or exc}", 8000)
            return
        self.watcher = watcher

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
        if event.added or event.removed or event.modified:
            self.navigator.set_vault(self.vault)
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

    def _start_note(self, vault: Vault) -> str | None:
        for candidate in ("README.md", "Start Here.md", "index.md"):
            if candidate in vault.notes:
                return candidate
        hubs = vault.hubs(1)
        return hubs[0][0] if hubs else None

    def show_view(self, view: str) -> bool:
        """Bring a centre tab forward by its name (note, perspectives, ...)."""
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).lower() == view:
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
        root = QFileDialog.getExistingDirectory(self, "Open Vault")
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
        self.backlinks.show_note(vault, path)
        self.side.setTabText(0, f"Links ({self.backlinks.backlink_count})")
        self.outline.clear()
        for h in vault.notes[path].headings:
            item = QListWidgetItem("    " * (h.level - 1) + h.text)
            item.setData(PATH_ROLE, h.line)
            self.outline.addItem(item)

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
        self._stop_watching()
        self.tasks.shutdown()
        if self._thread is not None and self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(5000)
        super().closeEvent(event)
