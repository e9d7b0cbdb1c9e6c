"""Search as you type: the toolbar box and the list of hits with highlighted snippets."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from syntopic.search.results import SearchResult, Snippet

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
WORD_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 3
THROTTLE_MS = 180  # a query per pause in typing, not per key


def snippet_html(snippet: Snippet) -> str:
    """A snippet with its matched words marked (``b.hit``; `hit_css` colours them)."""
    return "".join(
        f'<b class="hit">{html.escape(s.text)}</b>' if s.hit else html.escape(s.text)
        for s in snippet.spans
    )


def hit_css(palette: QPalette, mark: str, selected: bool) -> str:
    """Colours of a hit's marked words and path, readable on the row's background.

    A selected row is drawn in the palette's Highlight; its words then take
    HighlightedText, the marked ones underlined on a deeper shade, so nothing
    is white on pale yellow or grey on blue in either theme.
    """
    if selected:
        text = palette.color(QPalette.ColorRole.HighlightedText).name()
        deeper = palette.color(QPalette.ColorRole.Highlight).darker(135).name()
        return (
            f"b.hit {{ color: {text}; background-color: {deeper}; text-decoration: underline; }}"
            f" .path {{ color: {text}; }}"
        )
    text = palette.color(QPalette.ColorRole.Text).name()
    path = palette.color(QPalette.ColorRole.PlaceholderText).name()
    return f"b.hit {{ color: {text}; background-color: {mark}; }} .path {{ color: {path}; }}"


class SearchBox(QLineEdit):
    """The toolbar search field; waits for a pause in typing before it asks.

    Signals:
        query_changed(str): the text after the user stopped typing (empty: cleared).
        down_pressed(): the user wants to move into the results.
        submitted(): Enter: open the first hit (or, with none, take the "Did you mean").
    """

    query_changed = Signal(str)
    down_pressed = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search notes…  (Ctrl+K)")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.setToolTip(
            'Words must all match. "a phrase", a OR b, -word, prefix*, fuzzy~, and '
            "tag:, book:, author:, path:, type:, section:, title: filters."
        )
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(THROTTLE_MS)
        self.timer.timeout.connect(self._fire)
        self.textEdited.connect(lambda _text: self.timer.start())
        self.textChanged.connect(self._maybe_cleared)
        self.returnPressed.connect(self._submit)

    def _fire(self) -> None:
        # a trailing space is kept: it says the last word is finished (no prefix match)
        self.query_changed.emit(self.text().lstrip())

    def _maybe_cleared(self, text: str) -> None:
        if not text:  # the clear button or Escape: no need to wait
            self.timer.stop()
            self.query_changed.emit("")

    def _submit(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self._fire()
        self.submitted.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
        elif event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        else:
            super().keyPressEvent(event)


class _HitDelegate(QStyledItemDelegate):
    """Draws a hit's HTML (title, path, snippets) wrapped to the list's width."""

    def __init__(self, panel: SearchPanel) -> None:
        super().__init__(panel.list)
        self.panel = panel

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc.setDefaultStyleSheet(hit_css(option.palette, self.panel.mark, selected))
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(120, option.rect.width()))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        rect = option.rect
        painter.save()
        painter.translate(rect.topLeft())
        ctx.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


Index = QModelIndex | QPersistentModelIndex


class SearchPanel(QWidget):
    """The hits of the last query, best first.

    Signals:
        hit_chosen(str, str): a hit's note path and the first word it matched (may be "").
    """

    hit_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(self._suggestion_clicked)
        self.list = QListWidget()
        self.list.setItemDelegate(_HitDelegate(self))
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.suggestion: str | None = None
        self.mark = "#fff3b0"

    def set_dark(self, dark: bool) -> None:
        self.mark = "#5c4813" if dark else "#fff3b0"

    def show_result(self, result: SearchResult) -> None:
        self.list.clear()
        lines: list[str] = []
        if result.notice:
            lines.append(html.escape(result.notice))
        self.suggestion = result.suggestion
        if result.suggestion:
            lines.append(f'Did you mean <a href="suggest">{html.escape(result.suggestion)}</a>?')
        if result.hits:
            shown = len(result.hits)
            lines.append(
                f"{result.total} notes match"
                + (f" (best {shown} shown)" if result.total > shown else "")
                if result.total != 1
                else "1 note matches"
            )
        else:
            lines.append(f"No notes match <b>{html.escape(result.query)}</b>.")
        self.summary.setText("<br>".join(lines))
        for hit in result.hits:
            parts = [
                f"<b>{html.escape(hit.title)}</b>"
                f' <span class="path" style="font-size:small">{html.escape(hit.path)}</span>'
            ]
            parts += [f"<br>{snippet_html(s)}" for s in hit.snippets[:2]]
            item = QListWidgetItem()
            item.setData(HTML_ROLE, "".join(parts))
            item.setData(PATH_ROLE, hit.path)
            words = [w for s in hit.snippets for w in s.hits]
            item.setData(WORD_ROLE, words[0] if words else "")
            item.setToolTip(hit.path)
            self.list.addItem(item)

    def first_hit(self) -> QListWidgetItem | None:
        return self.list.item(0)

    def focus_results(self) -> None:
        if self.list.count():
            self.list.setFocus()
            self.list.setCurrentRow(max(0, self.list.currentRow()))

    def choose_first(self) -> None:
        item = self.first_hit()
        if item is not None:
            self._chosen(item)
        elif self.suggestion:
            self.suggestion_chosen.emit(self.suggestion)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.hit_chosen.emit(item.data(PATH_ROLE), item.data(WORD_ROLE) or "")

    def _suggestion_clicked(self, _link: str) -> None:
        if self.suggestion:
            self.suggestion_chosen.emit(self.suggestion)

    suggestion_chosen = Signal(str)
