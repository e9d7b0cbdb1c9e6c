"""The main window: the shell that lays out the views over a `VaultSession` and holds the menus."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
)

from syntopic.core.moves import moved_to
from syntopic.core.overview import Overview, counts
from syntopic.core.resolve import find_heading
from syntopic.core.vault import Vault, VaultEvent
from syntopic.render.note import NoteRenderer
from syntopic.ui import dialogs, menus, theme
from syntopic.ui.centre_tabs import CentreTabs
from syntopic.ui.dialogs import APP_NAME
from syntopic.ui.drop import DropOpener
from syntopic.ui.export_dialog import ExportDialog, ExportLauncher
from syntopic.ui.history import History
from syntopic.ui.mouse_history import MouseHistoryButtons
from syntopic.ui.navigator import Navigator
from syntopic.ui.note_actions import NoteActions, NoteMenus
from syntopic.ui.note_tools import NoteTools
from syntopic.ui.panel_split import LEFT, PanelSplitter
from syntopic.ui.progress_bar import SessionProgress
from syntopic.ui.search_panel import SearchBox, SearchPanel
from syntopic.ui.session import VaultSession
from syntopic.ui.settings import Settings
from syntopic.ui.side_panels import SidePanels
from syntopic.ui.switcher import QuickSwitcher

__all__ = ["APP_NAME", "MainWindow"]


class MainWindow(QMainWindow):
    """One vault per window: the views, wired to the window's `VaultSession`.

    Signals:
        vault_loaded(): a vault finished loading and is shown.
        note_shown(str): the path of the note now displayed.
        load_failed(str): the vault could not be opened, or live reload lost it; the reason.
        vault_updated(object): a live update was applied and shown (the VaultEvent).
    """

    vault_loaded = Signal()
    load_failed = Signal(str)
    vault_updated = Signal(object)
    note_shown = Signal(str)

    # set by menus.build_menus
    recent_menu: QMenu
    history_menu: QMenu
    reveal_action: QAction
    editor_action: QAction
    obsidian_action: QAction
    back_action: QAction
    forward_action: QAction
    theme_actions: dict[str, QAction]
    search_box: SearchBox
    note_tools: NoteTools

    def __init__(self) -> None:
        super().__init__()
        self.session = VaultSession(self)
        self.search = self.session.search
        self.renderer: NoteRenderer | None = None
        self.current: str | None = None
        self.history = History()
        self._open_when_loaded: str | None = None  # a note we created, shown once parsed
        self.exports = ExportLauncher(self.session, self, self._say)
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.settings = Settings()
        self.note_actions = NoteActions(self.session, lambda: self.current, self._say)
        self._build_widgets()
        self.note_menus = NoteMenus(self.note_actions, self, self._open_in_tab, self.show_export)
        self._context_menus()
        menus.build_menus(self)
        self._update_nav()
        self._subscribe()
        self._restore_window()
        self.drops = DropOpener(self)
        self.theme: str = "light"
        self.set_theme(self.settings.theme(), remember=False)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    @property
    def vault(self) -> Vault | None:
        return self.session.vault

    # -- construction ------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.navigator = Navigator(background=self.session.in_background)
        self.navigator.note_activated.connect(self._nav_activated)
        self.search_panel = SearchPanel()
        self.search_panel.hit_chosen.connect(self._search_hit_chosen)
        self.search_panel.suggestion_chosen.connect(self._search_suggestion)
        self.left = QStackedWidget()
        self.left.addWidget(self.navigator)
        self.left.addWidget(self.search_panel)

        self.tabs = CentreTabs(self.session)
        self.note_view = self.tabs.note_view
        self.perspectives_view = self.tabs.perspectives_view
        self.matrix_view = self.tabs.matrix_view
        self.graph = self.tabs.graph
        self.note_view.note_requested.connect(self.open_note)
        self.note_view.ghost_requested.connect(self._ghost_clicked)
        self.perspectives_view.note_requested.connect(self.open_note)
        self.tabs.compare_view.note_requested.connect(self.open_note)
        self.matrix_view.concept_requested.connect(
            lambda path: self._open_in_tab(path, "perspectives")
        )
        self.matrix_view.book_requested.connect(lambda path: self._open_in_tab(path, "note"))
        self.graph.note_activated.connect(self._open_in_note_tab)  # as the README says
        self.graph.ghost_activated.connect(self._ghost_clicked)
        self.graph.set_query_filter(self._graph_query)

        self.side = SidePanels(self.session)
        self.side.note_requested.connect(self.open_note)
        self.side.line_requested.connect(lambda line: self.note_view.scrollToAnchor(f"L{line}"))
        self.backlinks = self.side.backlinks
        self.outline = self.side.outline
        self.properties = self.side.properties

        # the navigator, the centre tabs and the note's panels; either side folds away
        self.panes = PanelSplitter(self.left, self.tabs, self.side)
        self.setCentralWidget(self.panes)

        self.counts = QLabel("")
        self.progress = SessionProgress(self.session)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.progress)

        buttons = MouseHistoryButtons(self.go_back, self.go_forward, self)
        views: list[QAbstractItemView] = [*self.navigator.views.values(), self.search_panel.list]
        views += [self.outline, self.matrix_view.table, self.properties]
        for item_view in views:
            buttons.watch(item_view)

    def _context_menus(self) -> None:
        custom = Qt.ContextMenuPolicy.CustomContextMenu
        note_menus = self.note_menus
        self.graph.canvas.setContextMenuPolicy(custom)
        self.graph.canvas.customContextMenuRequested.connect(
            lambda pos: note_menus.on_graph(self.graph, pos)
        )
        self.note_view.setContextMenuPolicy(custom)
        self.note_view.customContextMenuRequested.connect(
            lambda pos: note_menus.on_note(self.note_view, pos)
        )
        books = self.navigator.views["Books"]
        books.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        note_menus.compare = self.compare_books
        for view in self.navigator.views.values():
            view.setContextMenuPolicy(custom)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: note_menus.on_navigator(v, pos)
            )

    def _subscribe(self) -> None:
        """The window's part in the session's news; the order of connections is the order
        the views hear of a change, and ``vault_updated`` comes last, once all is shown."""
        s = self.session
        s.progress.connect(lambda phase, _done, _total: self._say(f"{phase}…"))
        s.opened.connect(self._on_opened)
        s.loaded.connect(self._on_loaded)
        s.load_failed.connect(self._on_failed)
        s.sync_failed.connect(self._sync_failed)
        s.notice.connect(lambda message: self._say(message, 8000))
        s.changed.connect(self._open_created)
        s.changed.connect(lambda event: self.navigator.follow(self._vault(), event))
        s.changed.connect(self._follow_change)
        s.changed.connect(self.vault_updated)
        s.search.ready.connect(self._index_ready)
        s.search.failed.connect(lambda message: self._say(message, 8000))

    def _vault(self) -> Vault:
        assert self.session.vault is not None
        return self.session.vault

    def _say(self, message: str, ms: int = 0) -> None:
        self.statusBar().showMessage(message, ms)

    # -- loading -------------------------------------------------------------------
    def load_vault(self, root: str) -> None:
        """Show the window at once; parse in a worker and fill in when done."""
        if not self.session.load(root):
            return
        self.setWindowTitle(f"{os.path.basename(os.path.abspath(root))} — {APP_NAME}")
        self._say(f"Opening {root}…")
        self.progress.busy()

    def _on_opened(self, vault: Vault, summary: Overview) -> None:
        """Show the first note now; the rest follows on ``loaded``, a turn of the event
        loop later, so no single step holds the window (each is ~0.1-0.3 s at 6,500 notes)."""
        self.settings.remember_vault(vault.root)
        self.renderer = NoteRenderer(vault)
        self.note_view.vault_root = vault.root
        self._say(vault.cache_message or "Ready", 4000)
        self.history = History()
        self.counts.setText(summary.counts.text())
        self._summary = summary
        if summary.start is not None:
            self.open_note(summary.start)

    def _on_loaded(self) -> None:
        vault, summary = self._vault(), self._summary
        self.navigator.set_vault(vault, summary.groups, summary.shapes)
        if self.current is not None:
            self.navigator.select(self.current)
        self.vault_loaded.emit()

    def _on_failed(self, message: str) -> None:
        self._say(message)
        self.load_failed.emit(message)
        if self.isVisible() and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            dialogs.warn(self, APP_NAME, message)

    def _sync_failed(self, message: str) -> None:
        self._say(message)
        self.load_failed.emit(message)

    # -- live edits ------------------------------------------------------------------
    def _open_created(self, _event: VaultEvent) -> None:
        waiting = self._open_when_loaded
        if waiting is not None and waiting in self._vault().notes:
            self._open_when_loaded = None
            self.open_note(waiting)

    def _follow_change(self, event: VaultEvent) -> None:
        """Counts, and the open note: re-rendered in place, followed when renamed."""
        self.counts.setText(counts(self._vault()).text())
        current = self.current
        if current is not None and current in event.removed:
            # a rename shows up as one note gone and one new: follow it
            moved = moved_to(current, event.added)
            if moved is not None:
                self.open_note(moved, record=False)
                self._say("The open note was renamed; following it", 5000)
            else:
                self.current = None
                self.tabs.current = None
                self.note_view.setHtml(
                    "<h2>This note was deleted or moved.</h2><p>Pick another note on the left.</p>"
                )
                self._say(f"{current} was deleted", 8000)
        elif current is not None and (
            event.relinked | event.modified | event.added | event.removed
        ):
            self._rerender_current()

    def _rerender_current(self) -> None:
        assert self.current is not None and self.renderer is not None
        bar = self.note_view.verticalScrollBar()
        position = bar.value()
        path, renderer = self.current, self.renderer
        self.note_view.show_page(
            renderer.pages(path),
            heavy=renderer.heavy(path),
            then=lambda: bar.setValue(position),
            keep_state=True,
        )
        self.side.show_note(self.current)
        self.tabs.note_rerendered()

    def compare_books(self, paths: list[str]) -> None:
        """The Compare tab with these books (the first four) ticked."""
        self.tabs.compare_view.choose(paths)
        self.show_view("compare")

    def show_view(self, view: str) -> bool:
        """Bring a centre tab forward by its name (note, perspectives, ...)."""
        return self.tabs.show_view(view)

    # -- themes ---------------------------------------------------------------------
    def set_theme(self, choice: str, *, remember: bool = True) -> None:
        """Light, dark, or whatever the desktop uses ("system")."""
        if choice not in ("system", "light", "dark"):
            choice = "system"
        self.theme_choice = choice
        self.theme = theme.resolve(choice)  # type: ignore[arg-type]
        dark = self.theme == "dark"
        theme.apply_palette(dark)
        css = self.note_tools.css(theme.note_css(dark))
        self.note_view.document().setDefaultStyleSheet(css)
        self.backlinks.set_dark(dark)
        self.perspectives_view.set_dark(dark)
        self.tabs.compare_view.set_dark(dark)
        self.matrix_view.set_dark(dark)
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
        menus.fill_history(self.history_menu, self.history, self.vault, self.open_note)

    def _fill_recent(self) -> None:
        menus.fill_recent(self.recent_menu, self.settings.recent_vaults(), self.load_vault)

    def _restore_window(self) -> None:
        geometry, state = self.settings.window()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self._panes = self.settings.panes()  # restored once shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._panes is not None:  # only now has the splitter its width to share out
            self.panes.restoreState(self._panes)
            self._panes = None

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
                self._say(f"No note '{path}'", 5000)
                return False
            path = found
        self.note_view.show_page(
            self.renderer.pages(path),
            heavy=self.renderer.heavy(path),
            then=(lambda: self._scroll_to_heading(path, heading)) if heading else None,
        )
        if record:
            self.history.push(path)
        self.current = path
        self.side.show_note(path)
        self.tabs.show_note(path)
        self.navigator.select(path)
        self._update_nav()
        self.note_shown.emit(path)
        return True

    def _scroll_to_heading(self, path: str, heading: str) -> None:
        assert self.vault is not None
        found = find_heading(self.vault.notes[path].headings, heading)  # chains, anchors
        if found is not None:
            self.note_view.scrollToAnchor(f"L{found.line}")
        elif heading.startswith("^"):
            self.note_view.scrollToAnchor(heading)

    def _nav_activated(self, path: str) -> None:
        if path != self.current:
            self.open_note(path)

    def open_when_created(self, path: str) -> None:
        """A note we just wrote: shown as soon as the watch has parsed it."""
        self._open_when_loaded = path
        if self.vault is not None and path in self.vault.notes:
            self._open_created(VaultEvent())

    def _ghost_clicked(self, target: str) -> None:
        """An unwritten link: offer to write it; it opens once the watch has seen it."""
        created = self.note_actions.write_unwritten(target, self)
        if created is not None:
            self._open_when_loaded = created

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
        self.panes.set_shown(LEFT, True)
        self.navigator.filter_edit.setFocus()
        self.navigator.filter_edit.selectAll()

    def _update_nav(self) -> None:
        self.back_action.setEnabled(self.history.can_back())
        self.forward_action.setEnabled(self.history.can_forward())

    def _open_in_tab(self, path: str, view: str) -> None:
        if self.open_note(path):
            self.show_view(view)

    # -- search ---------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self, text: str) -> None:
        """Show the hits of ``text`` in place of the navigator; nothing typed: back to it."""
        if not text.strip():
            self.left.setCurrentWidget(self.navigator)
            return
        result = self.search.search(text, as_you_type=True)
        if result is None:
            return
        if self.search.building and not result.hits and result.notice is None:
            result.notice = "Still indexing: results so far."
        self.search_panel.show_result(result)
        self.left.setCurrentWidget(self.search_panel)
        self.panes.set_shown(LEFT, True)  # the results are there

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

    def _index_ready(self, message: str) -> None:
        self._say(message, 5000)
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
        return self.exports.show(path or self.current, nodes=nodes)

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

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return menus.shortcut_rows(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.save_panes(self.panes.saveState())
        self.hide()  # gone at once, while the background work below winds down
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """End every worker the window started, waiting for each (closing, or the app
        quitting without a close); safe to call again."""
        self.exports.shutdown()
        for switcher in self.findChildren(QuickSwitcher):
            switcher.stop()
        self.graph.shutdown()
        self.session.close()
