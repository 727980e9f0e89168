"""A label of plain text that shows at most a few lines, the last one cut with "…".

Above a text, a title or a citation that wrapped without limit pushed the text
itself out of the window at large sizes; the whole of it is the tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from companion.qt.safe_text import tip

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QResizeEvent

#: Qt.TextFormat.PlainText by value (naming Qt's namespace at run time costs start-up:
#: see ``pane``).
PLAIN_TEXT = 0
#: QEvent.Type.FontChange.
FONT_CHANGE = 97


class LinesLabel(QLabel):
    """Plain text wrapped over at most ``lines`` lines (the full text is the tooltip)."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("textFormat", PLAIN_TEXT)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.lines = lines
        self._full = ""

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == FONT_CHANGE:
            self._fit()  # a new font (a zoom) wraps the text anew

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def _fit(self) -> None:
        from PySide6.QtGui import QTextLayout  # once there is text to fit

        text, width = self._full, max(self.contentsRect().width(), 40)
        metrics = self.fontMetrics()
        layout = QTextLayout(text, self.font())
        layout.beginLayout()
        starts: list[int] = []
        while len(starts) <= self.lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        shown = text
        if len(starts) > self.lines:  # more than fits: the last line shown ends in "…"
            from PySide6.QtCore import Qt  # only when a text does not fit

            last = starts[self.lines - 1]
            rest = text[last:].replace("\n", " ")
            elided = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
            shown = text[:last] + elided
        if super().text() != shown:
            super().setText(shown)
        self.setToolTip(tip(text) if shown != text else "")
