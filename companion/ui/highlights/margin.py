"""Marks in the reading pane's left margin by highlights that carry a note.

The mark is drawn on a see-through layer over the text's viewport (the document is
never edited); resting the pointer on a noted highlight shows its note as a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from companion.notes.model import Highlight
from companion.notes.text import excerpt
from companion.qt.safe_text import tip
from companion.ui.kit.theme import current_colors

#: The mark's width, inside the document's 16 px margin (a 3:1 accent bar in both themes).
MARK_WIDTH = 4
NOTE_TIP_LIMIT = 400


class NoteMarks(QWidget):
    """A bar in the margin beside each noted highlight's first line."""

    def __init__(self, browser: QTextBrowser) -> None:
        super().__init__(browser.viewport())
        self.browser = browser
        #: (the highlight, its start in Qt's positions) of the noted highlights drawn.
        self.marks: list[tuple[Highlight, int]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Notes beside highlights")
        browser.viewport().installEventFilter(self)
        self.resize(browser.viewport().size())
        self.show()  # a child made after its parent was shown stays hidden until asked

    def set_marks(self, marks: list[tuple[Highlight, int]]) -> None:
        self.marks = [(h, start) for h, start in marks if h.note.strip()]
        self.raise_()
        self.update()

    def rects(self) -> list[tuple[Highlight, QRect]]:
        """Where each mark is drawn, in viewport coordinates."""
        found = []
        margin = self.browser.document().documentMargin()
        for highlight, start in self.marks:
            cursor = self.browser.textCursor()
            cursor.setPosition(start)
            line = self.browser.cursorRect(cursor)
            left = max(2, int(margin) - MARK_WIDTH - 6)  # in the text's margin
            found.append((highlight, QRect(left, line.top(), MARK_WIDTH, max(line.height(), 8))))
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.marks:
            return
        colors = current_colors()
        painter = QPainter(self)
        for _highlight, rect in self.rects():
            if rect.intersects(event.rect()):
                painter.fillRect(rect, QColor(colors.accent))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resize(self.browser.viewport().size())
        return False


def note_tip(
    event: QHelpEvent, widget: QWidget, highlight_at: Callable[[int], Highlight | None]
) -> bool:
    """Show the note of the highlight under the pointer (``highlight_at`` takes a Qt
    position in the browser's document); True when a note was shown."""
    browser = widget.parent()
    if not isinstance(browser, QTextBrowser):
        return False
    point = browser.cursorForPosition(event.pos()).position()
    found = highlight_at(point)
    if found is None or not found.note.strip():
        QToolTip.hideText()
        return False
    QToolTip.showText(event.globalPos(), tip(excerpt(found.note, NOTE_TIP_LIMIT)), widget)
    return True
