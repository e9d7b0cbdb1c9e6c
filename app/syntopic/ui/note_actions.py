"""What can be done to a note from anywhere: reveal, edit elsewhere, copy a link, context menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QTextBrowser, QTreeView, QWidget

from syntopic.core.newnote import create_note
from syntopic.core.obsidian import obsidian_vault, open_url
from syntopic.ui import desktop, dialogs
from syntopic.ui.graph_view import GraphPanel
from syntopic.ui.navigator import PATH_ROLE
from syntopic.ui.session import VaultSession

Say = Callable[[str, int], None]  # a status-bar message and how long it stays (ms)


class NoteActions:
    """The Note menu's actions on the open note (``current()``), reported through ``say``."""

    def __init__(self, session: VaultSession, current: Callable[[], str | None], say: Say) -> None:
        self.session = session
        self.current = current
        self.say = say

    def _file(self) -> Path | None:
        vault, path = self.session.vault, self.current()
        if vault is None or path is None:
            self.say("No note is open", 4000)
            return None
        return Path(vault.root) / path

    def reveal(self) -> None:
        path = self._file()
        if path is not None and not desktop.reveal(path):
            self.say("Could not open the file manager", 6000)

    def edit(self) -> None:
        path = self._file()
        if path is not None and not desktop.open_in_editor(path):
            self.say("Could not open an editor; set SYNTOPIC_EDITOR to the command of yours", 8000)

    def in_obsidian_vault(self) -> bool:
        """True when Obsidian knows the open vault (it, or a folder above it, has `.obsidian/`)."""
        vault = self.session.vault
        return vault is not None and obsidian_vault(vault.root) is not None

    def open_in_obsidian(self) -> None:
        vault, path = self.session.vault, self.current()
        if vault is None or path is None:
            self.say("No note is open", 4000)
            return
        url = open_url(vault.root, path)
        if url is None:
            self.say("Obsidian does not know this vault (it has no .obsidian folder)", 6000)
        elif not desktop.open_link(url):
            self.say("Could not open Obsidian; is it installed?", 6000)

    def write_unwritten(self, target: str, parent: QWidget) -> str | None:
        """Offer to write the note an unresolved link names, from the concept template,
        beside the open note; the new note's vault path if it was written."""
        self.say(f"'{target}' is not written yet", 5000)
        vault, current = self.session.vault, self.current()
        if vault is None or current is None:
            return None
        name = target.rsplit("/", 1)[-1]
        question = f"“{name}” is not written yet. Create it from the concept template?"
        if not dialogs.ask(parent, "Create Note", question):
            return None
        folder = vault.notes[current].folder
        try:
            created = create_note(vault.root, name, "concept", folder=folder, known=vault.notes)
        except (OSError, ValueError) as exc:
            dialogs.warn(parent, dialogs.APP_NAME, f"Cannot create the note: {exc}")
            return None
        rel = created.relative_to(vault.root).as_posix()
        self.say(f"Created {rel}", 5000)
        return rel

    def copy_link(self) -> None:
        vault, path = self.session.vault, self.current()
        if vault is None or path is None:
            return
        link = f"[[{vault.notes[path].name}]]"
        QGuiApplication.clipboard().setText(link)
        self.say(f"Copied {link}", 3000)


class NoteMenus:
    """Context menus of a note wherever it shows: the navigator, the note, the graph."""

    def __init__(
        self,
        actions: NoteActions,
        parent: QWidget,
        open_in: Callable[[str, str], None],
        export: Callable[..., object],
    ) -> None:
        self.actions = actions
        self.parent = parent
        self.open_in = open_in  # (path, centre tab name)
        self.export = export  # (path=None, *, nodes=None)
        self.compare: Callable[[list[str]], object] | None = None  # (book paths)

    def for_note(self, path: str) -> QMenu:
        menu = QMenu(self.parent)
        menu.addAction("Open", lambda: self.open_in(path, "note"))
        vault = self.actions.session.vault
        if vault is not None and vault.notes.get(path) is not None:
            menu.addAction("Perspectives", lambda: self.open_in(path, "perspectives"))
            menu.addAction("Export…", lambda: self.export(path))
        return menu

    def on_navigator(self, view: QTreeView, pos: QPoint) -> None:
        path = view.indexAt(pos).data(PATH_ROLE)
        if isinstance(path, str):
            menu = self.for_note(path)
            vault, compare = self.actions.session.vault, self.compare
            picked = [i.data(PATH_ROLE) for i in view.selectionModel().selectedRows()]
            books = [p for p in picked if vault is not None and p in vault.books]
            if compare is not None and len(books) >= 2:
                menu.addAction(f"Compare {len(books)} Books", lambda: compare(books))
            menu.exec(view.viewport().mapToGlobal(pos))

    def on_note(self, note_view: QTextBrowser, pos: QPoint) -> None:
        menu = note_view.createStandardContextMenu(pos)
        current = self.actions.current()
        if current is not None:
            menu.addSeparator()
            menu.addAction("Export…", lambda: self.export(current))
            menu.addAction("Reveal in File Manager", self.actions.reveal)
            menu.addAction("Open in External Editor", self.actions.edit)
            if self.actions.in_obsidian_vault():
                menu.addAction("Open in Obsidian", self.actions.open_in_obsidian)
        menu.exec(note_view.viewport().mapToGlobal(pos))

    def on_graph(self, graph: GraphPanel, pos: QPoint) -> None:
        path = graph.path_at(QPointF(pos))
        vault = self.actions.session.vault
        if path is not None and vault is not None and path in vault.notes:
            menu = self.for_note(path)
        else:
            menu = QMenu(self.parent)
        menu.addAction("Export visible notes…", lambda: self.export(nodes=graph.visible_paths()))
        menu.exec(graph.canvas.mapToGlobal(pos))
