"""The results under the search field: a list of kind, title and snippet, or a short message.

It floats over the window (a child widget raised above the rest, not a window
of its own), so the search field keeps the keyboard focus while the learner
moves through the results with the arrow keys; the list never takes focus.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from companion.qt.safe_text import SafeDocument, plain_label, tip
from companion.search.results import ResultRow
from companion.ui.kit.widgets import RowsModel

Index = QModelIndex | QPersistentModelIndex
#: Padding inside a row, and the most rows shown before the list scrolls.
ROW_PADDING = 6
VISIBLE_ROWS = 7
POPUP_WIDTH = 560


class ResultsModel(RowsModel[ResultRow]):
    def row_data(self, row: ResultRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(row.text)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class ResultDelegate(QStyledItemDelegate):
    """Draws a row as rich text: a small kind label and the title, the snippet below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._documents: dict[tuple[str, int, bool, int], QTextDocument] = {}

    def clear(self) -> None:
        self._documents.clear()

    def _document(
        self, row: ResultRow, width: int, selected: bool, palette: QPalette
    ) -> QTextDocument:
        key = (row.key, width, selected, palette.cacheKey())
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) > 200:
                self._documents.clear()
            role = QPalette.ColorRole
            text = palette.color(role.HighlightedText if selected else role.Text).name()
            muted = palette.color(role.HighlightedText if selected else role.PlaceholderText)
            snippet = (
                f"<div style='color:{muted.name()}'>{row.snippet_html}</div>"
                if row.snippet_html
                else ""
            )
            document = SafeDocument()  # the row's HTML is escaped; this is the second guard
            document.setDocumentMargin(0)
            document.setDefaultStyleSheet(f"body {{ color: {text}; }}")
            document.setHtml(
                f"<body><div><span style='color:{muted.name()}; font-size:small'>"
                f"{row.label.upper()}</span>&nbsp;&nbsp;{row.title_html}</div>{snippet}</body>"
            )
            document.setTextWidth(max(width - 2 * ROW_PADDING, 50))
            self._documents[key] = document
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if not isinstance(row, ResultRow):
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        painter.save()
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(
                rect.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.AlternateBase)
            )
        document = self._document(row, rect.width(), selected, palette)
        painter.translate(rect.topLeft() + QPoint(ROW_PADDING, ROW_PADDING))
        room = whole_lines(document, rect.height() - 2 * ROW_PADDING)
        painter.setClipRect(QRect(0, 0, rect.width() - ROW_PADDING, room))
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # Every row is as tall (a title line, two of snippet): the list lays out without
        # rendering a row it does not show, so a keystroke costs only the rows in view.
        return QSize(option.rect.width() or POPUP_WIDTH, row_height(option.fontMetrics))


def whole_lines(document: QTextDocument, height: int) -> int:
    """The height of the lines of ``document`` that fit in ``height`` (none cut in half)."""
    fits = 0
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        top = layout.position().y()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            bottom = int(top + line.y() + line.height())
            if bottom > height:
                return fits
            fits = bottom
        block = block.next()
    return max(fits, height)


def row_height(metrics: QFontMetrics) -> int:
    return 3 * metrics.lineSpacing() + 2 * ROW_PADDING


class ResultsPopup(QFrame):
    """The results list (or a message such as "Indexing…") floating under the search field."""

    sig_activated = Signal(int)
    """A result was clicked (its row)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("searchPopup")
        self.setAccessibleName("Search results")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(
            "QFrame#searchPopup { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
            " QFrame#searchPopup QListView { border: none; padding: 2px; }"
            " QLabel#searchMessage { color: palette(placeholder-text); padding: 8px 10px; }"
        )
        self.model = ResultsModel()
        self.delegate = ResultDelegate(self)
        self.list = QListView()
        self.list.setObjectName("searchResults")
        self.list.setAccessibleName("Search results")
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
        self.list.setMouseTracking(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.list.clicked.connect(lambda index: self.sig_activated.emit(index.row()))
        self.message = plain_label()  # it may repeat what the learner typed
        self.message.setObjectName("searchMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        self.hide()

    @property
    def rows(self) -> list[ResultRow]:
        return self.model.rows

    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def show_rows(self, rows: list[ResultRow], note: str = "") -> None:
        """Results (the first one current), with an optional line above them."""
        self.delegate.clear()
        self.model.set_rows(rows)
        self.message.setText(note)
        self.message.setVisible(bool(note))
        self.list.setVisible(bool(rows))
        if rows:
            self.set_current(0)
        self._fit()

    def show_message(self, text: str) -> None:
        self.show_rows([], text)

    def place(self, anchor: QWidget) -> None:
        """Under ``anchor`` (the search field), right edges aligned, inside the window."""
        parent = self.parentWidget()
        if parent is None:
            return
        below = anchor.mapTo(parent, QPoint(anchor.width(), anchor.height() + 2))
        width = min(POPUP_WIDTH, parent.width() - 16)
        left = max(8, min(below.x() - width, parent.width() - width - 8))
        self.setGeometry(left, below.y(), width, self.height())
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        parent = self.parentWidget()
        room = (parent.height() - self.y() - 16) if parent is not None else 400
        height = 2
        if self.message.isVisible():
            height += self.message.sizeHint().height()
        if self.list.isVisible():
            shown = min(len(self.rows), VISIBLE_ROWS)
            height += shown * row_height(self.list.fontMetrics()) + 8
        self.resize(self.width(), max(24, min(height, room)))
