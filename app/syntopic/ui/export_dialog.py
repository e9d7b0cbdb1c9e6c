"""File > Export…: study maps, study guides, flashcards and graph data, off the UI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from syntopic.core.vault import Vault
from syntopic.export import cards, draw, graph, guide
from syntopic.export.files import ExportError, Progress, safe_filename
from syntopic.export.mapbuild import build_map
from syntopic.ui import dialogs
from syntopic.ui.session import VaultSession
from syntopic.ui.workers import Worker

KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "map": ("Study map", draw.MAP_FORMATS),
    "guide": ("Study guide", guide.GUIDE_FORMATS),
    "cards": ("Flashcards", cards.CARD_FORMATS),
    "graph": ("Graph data", graph.GRAPH_FORMATS),
}
FORMAT_NAMES = {
    "svg": "SVG (vector)",
    "pdf": "PDF (print)",
    "png": "PNG (image)",
    "md": "Markdown",
    "html": "HTML (one file)",
    "csv": "CSV for Anki",
    "apkg": "Anki deck (.apkg)",
    "json": "JSON node-link (D3)",
    "graphml": "GraphML (Cytoscape, Gephi)",
    "gexf": "GEXF (Gephi)",
}


def export_job(fn: Callable[[Progress], Path]) -> Worker:
    """A worker (not yet started) running one export: ``yielded`` (done, total, what),
    ``returned`` the path written, ``errored``, or ``aborted`` when cancelled."""

    def report(done: int, total: int, what: str) -> bool:
        worker.report((done, total, what))
        return not worker.cancel.is_set()  # False: the export raises Cancelled

    worker = Worker(lambda: fn(report), name="syntopic-export")
    return worker


def export_failure(exc: BaseException) -> str:
    """The one line an export that wrote nothing is reported with."""
    if isinstance(exc, FileExistsError):
        return f"{exc}; choose another name"
    return str(exc) or type(exc).__name__


class ExportDialog(QDialog):
    """Choose what to export and where; the export runs in a worker with a progress bar.

    ``concept``/``book`` are vault paths the export starts from; ``nodes`` is
    the graph view's current filter (a map of those notes, or guide/cards of
    the concepts among them).

    Signals:
        exported(str): a file was written (its path).
        failed(str): the export stopped with this message.
        cancelled(): the user cancelled a running export.
    """

    exported = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        vault: Vault,
        parent: QWidget | None = None,
        *,
        concept: str | None = None,
        book: str | None = None,
        nodes: Sequence[str] | None = None,
        kind: str = "map",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.vault = vault
        self.nodes = list(nodes) if nodes is not None else None
        self._worker: Worker | None = None
        self._suggested = ""
        self._last_dir = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        if concept is not None and concept in vault.books:
            book, concept = concept, None
        self.concept = concept
        self.book = book

        self.kind = QComboBox()
        for key, (label, _) in KINDS.items():
            self.kind.addItem(label, key)
        self.scope = QComboBox()
        self.format = QComboBox()
        self.depth_box = QSpinBox()
        self.depth_box.setRange(1, 3)
        self.page = QComboBox()
        self.page.addItem("A4", "a4")
        self.page.addItem("Letter", "letter")
        self.orientation = QComboBox()
        self.orientation.addItem("Landscape", "landscape")
        self.orientation.addItem("Portrait", "portrait")
        self.width_px = QSpinBox()
        self.width_px.setRange(0, draw.MAX_PIXELS)
        self.width_px.setSpecialValueText("page at DPI")
        self.width_px.setSuffix(" px")
        self.dpi = QSpinBox()
        self.dpi.setRange(draw.MIN_DPI, draw.MAX_DPI)
        self.dpi.setValue(300)
        self.with_map = QCheckBox("Embed the map of each concept")
        self.destination = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.destination, 1)
        dest_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Export", self.kind)
        form.addRow("Of", self.scope)
        form.addRow("Format", self.format)
        form.addRow("Depth", self.depth_box)
        form.addRow("Page", self.page)
        form.addRow("Orientation", self.orientation)
        form.addRow("Width", self.width_px)
        form.addRow("Resolution (DPI)", self.dpi)
        form.addRow("", self.with_map)
        form.addRow("Save to", dest_row)
        self._form = form

        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.scope.currentIndexChanged.connect(self._suggest_name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._kind_changed()

    # -- choices --------------------------------------------------------------------
    def _title(self, path: str | None) -> str:
        if path is None:
            return ""
        note = self.vault.notes.get(path)
        return note.title if note is not None else path

    def _scopes(self, kind: str) -> list[tuple[str, tuple[str, Any]]]:
        out: list[tuple[str, tuple[str, Any]]] = []
        if kind == "graph":
            return [("The whole vault", ("vault", None))]
        if self.concept is not None:
            out.append((f"Concept: {self._title(self.concept)}", ("concept", self.concept)))
        if self.book is not None:
            label = "Book" if kind == "map" else "Every concept of the book"
            out.append((f"{label}: {self._title(self.book)}", ("book", self.book)))
        if self.nodes:
            out.append((f"The current filter ({len(self.nodes)} notes)", ("nodes", self.nodes)))
        return out

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in KINDS[kind][1]:
            self.format.addItem(FORMAT_NAMES[fmt], fmt)
        self.format.blockSignals(False)
        self.scope.blockSignals(True)
        self.scope.clear()
        for label, data in self._scopes(kind):
            self.scope.addItem(label, data)
        self.scope.blockSignals(False)
        self._format_changed()

    def _format_changed(self) -> None:
        kind, fmt = self.current_kind(), self.current_format()
        is_map = kind == "map"
        for widget, visible in (
            (self.depth_box, is_map and self._scope()[0] != "nodes"),
            (self.page, is_map),
            (self.orientation, is_map),
            (self.width_px, is_map and fmt == "png"),
            (self.dpi, is_map and fmt == "png"),
            (self.with_map, kind == "guide" and fmt == "html"),
        ):
            self._form.setRowVisible(widget, visible)
        self.export_button.setEnabled(self.scope.count() > 0 and not self.is_running())
        if self.scope.count() == 0:
            self.status.setText("Open a note (or filter the graph) to export from it.")
        self._suggest_name()

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def current_format(self) -> str:
        return str(self.format.currentData() or "")

    def _scope(self) -> tuple[str, Any]:
        data = self.scope.currentData()
        return data if data is not None else ("", None)

    def _suggest_name(self) -> None:
        kind, fmt = self.current_kind(), self.current_format()
        scope, value = self._scope()
        if kind == "graph":
            base = Path(self.vault.root).name + " graph"
        elif scope == "nodes":
            base = f"Selection – {KINDS[kind][0].lower()}"
        else:
            base = f"{self._title(value)} – {KINDS[kind][0].lower()}"
        current = self.destination.text().strip()
        if current and current != self._suggested:
            # a name the user chose: keep it, only the suffix follows the format
            chosen = Path(current)
            if fmt and chosen.suffix.lower() != "." + fmt:
                self.destination.setText(str(chosen.with_suffix("." + fmt)))
            return
        folder = Path(current).parent if current else self._last_dir
        self._suggested = str(folder / safe_filename(base, "." + fmt))
        self.destination.setText(self._suggested)

    def browse(self) -> None:
        fmt = self.current_format()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Export to",
            self.destination.text(),
            f"{FORMAT_NAMES[fmt]} (*.{fmt})",
            options=QFileDialog.Option.DontConfirmOverwrite,  # we ask ourselves
        )
        if chosen:
            if not chosen.lower().endswith("." + fmt):
                chosen += "." + fmt
            self.destination.setText(chosen)

    # -- running ----------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._worker is not None

    def _concepts(self) -> list[str]:
        scope, value = self._scope()
        if scope == "concept":
            return [value]
        if scope == "book":
            return guide.concepts_of_book(self.vault, value)
        if scope == "nodes":
            return [n for n in value if n in self.vault.notes and n not in self.vault.books]
        return []

    def _job(self, path: Path) -> Callable[[Progress], Path]:
        kind, fmt = self.current_kind(), self.current_format()
        scope, value = self._scope()
        vault = self.vault
        if kind == "map":
            options = draw.PageOptions(
                page=self.page.currentData(),
                orientation=self.orientation.currentData(),
                width=self.width_px.value() or None,
                dpi=self.dpi.value(),
            )
            draw.check_options(fmt, options)
            where: dict[str, Any] = {scope: value}
            depth = self.depth_box.value()
            # the model is read here, on the UI thread, so live edits cannot race it
            smap = build_map(vault, depth=depth, fit=draw.page_fit(options), **where)
            return lambda report: draw.write_map(
                smap, path, options, overwrite=True, progress=report
            )
        if kind == "graph":
            return lambda report: graph.write_graph(vault, path, overwrite=True, progress=report)
        concepts = self._concepts()
        if not concepts:
            raise ExportError("no concept notes to export")
        if kind == "cards":
            deck = Path(vault.root).name

            def write_cards(report: Progress) -> Path:
                cards.write_cards(
                    vault, concepts, path, deck_name=deck, overwrite=True, progress=report
                )
                return path

            return write_cards
        maps: guide.MapProvider | None = None
        if fmt == "html" and self.with_map.isChecked():

            def maps(concept: str) -> str:
                return draw.map_svg(build_map(vault, concept=concept, fit=draw.page_fit()))

        title = f"{self._title(value)}: study guide" if scope == "book" else None
        return lambda report: guide.write_guide(
            vault, concepts, path, title=title, maps=maps, overwrite=True, progress=report
        )

    def start(self) -> bool:
        """Check the destination, ask before replacing a file, start the worker."""
        if self.is_running():
            return False
        text = self.destination.text().strip()
        if not text:
            self.status.setText("Choose where to save the export.")
            return False
        path = Path(text).expanduser()
        fmt = self.current_format()
        if path.suffix.lower() != "." + fmt:
            path = path.with_name(path.name + "." + fmt)
            self.destination.setText(str(path))
        if not path.parent.is_dir():
            self.status.setText(f"No such folder: {path.parent}")
            return False
        if path.is_dir():
            self.status.setText(f"{path} is a folder; give a file name.")
            return False
        if path.exists() and not dialogs.ask(
            self, "Replace file?", f"{path.name} already exists in {path.parent}. Replace it?"
        ):
            self.status.setText("Not exported: the file is kept as it was.")
            return False
        try:
            job = self._job(path)
        except (ExportError, KeyError, ValueError) as exc:
            self._failed(str(exc))
            return False
        self._last_dir = path.parent
        worker = export_job(job)
        worker.yielded.connect(lambda step: self._progress(*step))
        worker.returned.connect(lambda out: self._done(str(out)))
        worker.errored.connect(lambda exc: self._failed(export_failure(exc)))
        worker.aborted.connect(self._cancelled)
        worker.finished.connect(self._finished)
        self._worker = worker
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)
        self.status.setText("Exporting…")
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        worker.start()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.quit()
            self.status.setText("Cancelling…")

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        self.status.setText(what)

    @Slot(str)
    def _done(self, path: str) -> None:
        self.status.setText(f"Saved {path}")
        self.exported.emit(path)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status.setText(f"Not exported: {message}")
        self.failed.emit(message)

    @Slot()
    def _cancelled(self) -> None:
        self.status.setText("Cancelled; nothing was written.")
        self.cancelled.emit()

    def _finished(self) -> None:
        self._worker = None
        self.progress_bar.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.export_button.setEnabled(self.scope.count() > 0)

    def shutdown(self) -> None:
        """Cancel a running export and wait for its thread (dialog or window closing)."""
        if self._worker is not None and self._worker.stop():
            self._finished()

    def reject(self) -> None:
        self.shutdown()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


class ExportLauncher:
    """A window's export dialog: one at a time, for the session's vault."""

    def __init__(
        self, session: VaultSession, parent: QWidget, say: Callable[[str, int], None]
    ) -> None:
        self.session = session
        self.parent = parent
        self.say = say
        self.dialog: ExportDialog | None = None

    def show(self, target: str | None, *, nodes: list[str] | None = None) -> ExportDialog | None:
        """The dialog for ``target`` (a concept, or a book) or for ``nodes`` (the map's filter)."""
        vault = self.session.vault
        if vault is None:
            return None
        self.shutdown()
        book = target if target is not None and vault.books.get(target) else None
        dialog = ExportDialog(
            vault, self.parent, concept=None if book or nodes else target, book=book, nodes=nodes
        )
        dialog.exported.connect(lambda out: self.say(f"Exported {out}", 6000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self) -> None:
        self.dialog = None

    def shutdown(self) -> None:
        """Stop an export under way (another dialog opens, or the window closes)."""
        if self.dialog is not None:
            self.dialog.shutdown()
