"""Small widgets shared by the notes views: a message bar and a label that elides."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from companion.qt.safe_text import tip

RowT = TypeVar("RowT")
ModelIndex = QModelIndex | QPersistentModelIndex


class MessageBar(QFrame):
    """A bar across the top of the window: a message and a few buttons.

    ``kind`` "warning" (read-only notes) or "info" (conflict copies found) picks
    the style sheet's colours, both at WCAG AA contrast.
    """

    def __init__(self, name: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setProperty("kind", kind)
        self.setAccessibleName(name)
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(name)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 8, 6)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_message(self, html: str, buttons: list[tuple[str, str, Callable[[], None]]]) -> None:
        """Show ``html`` with buttons given as (label, tooltip, action).

        ``html`` is rich text (a bold lead-in): whatever it quotes from a file, a path or
        a note must be escaped (``safe_text.escape``).
        """
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.label.setText(html)
        self.label.setToolTip(html)
        for label, hint, action in buttons:
            button = QPushButton(label)
            button.setToolTip(hint)
            button.setAccessibleName(label.replace("&", ""))
            button.clicked.connect(action)
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
        self.show()


class ElidedLabel(QWidget):
    """One line of text, shortened in the middle when space is short (the full text is the tip).

    A plain QLabel would make a long path widen the status bar and so the window.
    """

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        max_width: int = 640,
        whole_up_to: int = 80,
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._max_width = max_width
        #: A text this wide or narrower is never cut (measured in the font it is shown in).
        self._whole_up_to = whole_up_to
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        self.setToolTip(tip(text))
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self.update()

    def _whole_width(self) -> int:
        """The width that shows the text uncut (its advance in fractions of a pixel, rounded
        up: the whole pixels of ``QFontMetrics`` can fall short, and the text is cut)."""
        return math.ceil(QFontMetricsF(self.font()).horizontalAdvance(self._text)) + 1 + 8

    def sizeHint(self) -> QSize:
        return QSize(min(self._whole_width(), self._max_width), self.fontMetrics().height() + 4)

    def minimumSizeHint(self) -> QSize:
        whole = min(self._whole_width(), self._whole_up_to)
        return QSize(whole, self.fontMetrics().height() + 4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.rect().adjusted(4, 0, -4, 0)
        elide = Qt.TextElideMode.ElideMiddle
        shown = QFontMetricsF(self.font()).elidedText(self._text, elide, rect.width())
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(rect, int(align), shown)


class RowsModel(QAbstractListModel, Generic[RowT]):
    """A read-only list model over plain Python rows; subclasses say what each role shows."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RowT] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.row_data(self.rows[index.row()], role)

    def row_data(self, row: RowT, role: int) -> Any:
        raise NotImplementedError

    def set_rows(self, rows: list[RowT]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def replace(self, number: int, row: RowT) -> None:
        self.rows[number] = row
        index = self.index(number)
        self.dataChanged.emit(index, index)
