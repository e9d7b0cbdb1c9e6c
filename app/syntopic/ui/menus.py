"""The window's menu bar and toolbar, and the menus filled as they open (history, recent vaults)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QWidget

from syntopic.core.vault import Vault
from syntopic.ui import dialogs
from syntopic.ui.centre_tabs import VIEWS
from syntopic.ui.dialogs import APP_NAME
from syntopic.ui.history import History
from syntopic.ui.note_tools import NoteTools
from syntopic.ui.panel_split import LEFT, RIGHT
from syntopic.ui.search_panel import SearchBox

if TYPE_CHECKING:
    from syntopic.ui.window import MainWindow

HISTORY_SHOWN = 20  # notes listed in Go > History
VIEW_LABELS = {
    "note": "&Note",
    "perspectives": "&Perspectives",
    "matrix": "&Matrix",
    "graph": "&Graph",
    "compare": "&Compare Books",
}
THEMES = (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark"))


def add_action(
    owner: QWidget, menu: QMenu, text: str, shortcut: object, slot: Callable[..., object]
) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> None:
    """Menus, shortcuts and the toolbar, each action calling a method of the window."""
    w.note_tools = tools = NoteTools(w)
    file_menu = w.menuBar().addMenu("&File")
    tools.add_file_actions(file_menu)
    file_menu.addSeparator()
    add_action(w, file_menu, "&Open Vault…", "Ctrl+Shift+O", w.choose_vault)
    w.recent_menu = file_menu.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(w._fill_recent)
    file_menu.addSeparator()
    add_action(w, file_menu, "&Export…", "Ctrl+Shift+E", lambda: w.show_export())
    file_menu.addSeparator()
    tools.add_close_action(file_menu)
    add_action(w, file_menu, "&Quit", QKeySequence.StandardKey.Quit, w.close)
    edit_menu = w.menuBar().addMenu("&Edit")
    tools.add_find_actions(edit_menu)
    note_menu = w.menuBar().addMenu("&Note")
    actions = w.note_actions
    w.reveal_action = add_action(
        w, note_menu, "&Reveal in File Manager", "Ctrl+Shift+R", actions.reveal
    )
    w.editor_action = add_action(w, note_menu, "Open in External &Editor", "Ctrl+E", actions.edit)
    w.obsidian_action = add_action(
        w, note_menu, "Open in &Obsidian", None, actions.open_in_obsidian
    )
    note_menu.aboutToShow.connect(lambda: w.obsidian_action.setEnabled(actions.in_obsidian_vault()))
    add_action(w, note_menu, "Copy &Wiki Link", "Ctrl+Shift+C", actions.copy_link)
    go_menu = w.menuBar().addMenu("&Go")
    w.back_action = add_action(w, go_menu, "&Back", "Alt+Left", w.go_back)
    w.forward_action = add_action(w, go_menu, "&Forward", "Alt+Right", w.go_forward)
    add_action(w, go_menu, "&Quick Switcher…", "Ctrl+O", w.show_switcher)
    add_action(w, go_menu, "&Random Note", "Ctrl+R", w.open_random)
    w.history_menu = go_menu.addMenu("&History")
    w.history_menu.aboutToShow.connect(w._fill_history)
    add_action(w, go_menu, "&Filter Notes", "Ctrl+L", w._focus_filter)
    add_action(w, go_menu, "&Search…", "Ctrl+K", w.focus_search)
    view_menu = w.menuBar().addMenu("&View")
    for number, name in enumerate(VIEWS, 1):
        add_action(
            w,
            view_menu,
            VIEW_LABELS[name],
            f"Ctrl+{number}",
            lambda _c=False, v=name: w.show_view(v),
        )
    view_menu.addSeparator()
    add_panel_actions(w, view_menu)
    view_menu.addSeparator()
    tools.add_zoom_actions(view_menu)
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    w.theme_actions = {}
    for choice, label in THEMES:
        action = QAction(label, w, checkable=True)
        action.triggered.connect(lambda _checked=False, c=choice: w.set_theme(c))
        theme_menu.addAction(action)
        w.theme_actions[choice] = action
    add_action(w, view_menu, "Toggle &Dark Theme", "Ctrl+Shift+D", w.toggle_theme)
    help_menu = w.menuBar().addMenu("&Help")
    add_action(w, help_menu, "&Keyboard Shortcuts", "F1", lambda: show_shortcuts(w))
    add_action(w, help_menu, f"&About {APP_NAME}", None, lambda: show_about(w))
    toolbar = w.addToolBar("Navigation")
    toolbar.setObjectName("navigation")
    toolbar.setMovable(False)
    toolbar.addAction(w.back_action)
    toolbar.addAction(w.forward_action)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    w.search_box = SearchBox()
    w.search_box.query_changed.connect(w.run_search)
    w.search_box.down_pressed.connect(w.search_panel.focus_results)
    w.search_box.submitted.connect(w.search_panel.choose_first)
    toolbar.addWidget(w.search_box)


PANELS = ((LEFT, "&Left Panel (Notes, Search)", "Ctrl+Shift+L"),
          (RIGHT, "&Right Panel (Links, Outline, Properties)", "Ctrl+Shift+I"))  # fmt: skip


def add_panel_actions(w: MainWindow, menu: QMenu) -> None:
    """A ticked action for each side panel, in step with the splitter (dragging one
    away unticks it)."""
    columns = w.panes
    actions: list[tuple[int, QAction]] = []
    for index, text, keys in PANELS:
        action = add_action(w, menu, text, keys, lambda _c=False, i=index: columns.toggle(i))
        action.setCheckable(True)
        action.setChecked(True)
        actions.append((index, action))

    def follow() -> None:
        for index, action in actions:
            action.setChecked(columns.is_shown(index))

    columns.panels_changed.connect(follow)


def fill_history(
    menu: QMenu, history: History, vault: Vault | None, open_note: Callable[[str], object]
) -> None:
    """The notes visited, newest first, the open one checked; choosing one goes there."""
    menu.clear()
    seen: set[str] = set()
    for index in range(len(history.items) - 1, -1, -1):
        path = history.items[index]
        if vault is None or path in seen or path not in vault.notes:
            continue
        seen.add(path)
        action = menu.addAction(vault.notes[path].title)
        action.setCheckable(True)
        action.setChecked(index == history.index)
        action.triggered.connect(lambda _checked=False, p=path: open_note(p))
        if len(seen) == HISTORY_SHOWN:
            break
    if menu.isEmpty():
        menu.addAction("No notes visited yet").setEnabled(False)


def fill_recent(menu: QMenu, roots: list[str], load: Callable[[str], object]) -> None:
    menu.clear()
    for root in roots:
        action = menu.addAction(root)
        action.setEnabled(os.path.isdir(root))
        action.triggered.connect(lambda _checked=False, r=root: load(r))
    if menu.isEmpty():
        menu.addAction("No recent vaults").setEnabled(False)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    return sorted(
        {(text, keys) for rows in shortcut_groups(window).values() for text, keys in rows}
    )


GROUPS = ("Navigate", "Search", "View", "Note", "Graph", "Window")
_MENU_GROUPS = {
    "File": "Window",
    "Note": "Note",
    "Go": "Navigate",
    "View": "View",
    "Help": "Window",
}
_ACTION_GROUPS = {"Search…": "Search", "Filter Notes": "Search", "Export…": "Note"}
# keys the graph canvas reads itself (not menu actions)
GRAPH_KEYS = [
    ("Fit the graph to the view", "F"),
    ("Zoom in / out", "+ / -"),
    ("Open a note in the Note tab", "Click"),
    ("Move a note", "Drag"),
]


def _menu_bar_menus(window: QWidget) -> list[QMenu]:
    """The menu bar's menus and their submenus, in order (not context menus that come
    and go: one being deleted while listed broke the walk)."""
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    todo = [a.menu() for a in bar.actions()] if bar is not None else window.findChildren(QMenu)
    found: list[QMenu] = []
    while todo:
        menu = todo.pop(0)
        if isinstance(menu, QMenu) and menu not in found:
            found.append(menu)
            todo += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def shortcut_groups(window: QWidget) -> dict[str, list[tuple[str, str]]]:
    """Each action with a shortcut, by group (its own, else its menu's), in menu order."""
    groups: dict[str, list[tuple[str, str]]] = {name: [] for name in GROUPS}
    for menu in _menu_bar_menus(window):
        title = menu.title().replace("&", "")
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if not keys:
                continue
            text = action.text().replace("&", "")
            group = action.property("group") or _ACTION_GROUPS.get(text)
            group = group or _MENU_GROUPS.get(title, "Window")
            if (text, keys) not in groups.setdefault(group, []):
                groups[group].append((text, keys))
    groups["Graph"] += GRAPH_KEYS
    return {name: rows for name, rows in groups.items() if rows}


def show_shortcuts(window: QWidget) -> None:
    parts = []
    for group, rows in shortcut_groups(window).items():
        parts.append(f'<tr><td colspan="2"><br><b>{group}</b></td></tr>')
        parts += [f"<tr><td>{t}&nbsp;&nbsp;</td><td><b>{s}</b></td></tr>" for t, s in rows]
    dialogs.inform(window, "Keyboard Shortcuts", f"<table>{''.join(parts)}</table>")


def show_about(window: QWidget) -> None:
    from syntopic import __version__

    dialogs.about(
        window,
        f"About {APP_NAME}",
        f"<b>{APP_NAME} {__version__}</b><p>Read a library of linked concept notes, "
        "and each book's perspective side by side.</p>",
    )
