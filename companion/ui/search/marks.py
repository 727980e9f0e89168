"""The words a search matched, marked in a reading pane's text and scrolled into view.

Marks are extra selections in their own colour (an orange no highlight colour
uses), drawn above whatever else the browser draws as extra selections (the
learner's highlights): ours carry a property that tells them apart, and
others' are kept when ours are set. Another view may replace the browser's
extra selections at any time (a highlight is placed, the text scrolls, the
theme changes); the marks are put back after a scroll and before any paint.
They last until the browser shows another text, or ``clear``.
"""

from __future__ import annotations

from bisect import bisect_left

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from companion.search.results import Terms, find_spans

#: Set on the format of every search mark (and on nothing else).
MARK_PROPERTY = int(QTextFormat.Property.UserProperty) + 0x5EA
#: Background, text and underline of a mark: light theme, dark theme. Text on the
#: background keeps WCAG AA contrast (4.5:1); neither is one of the highlight colours.
LIGHT_MARK = ("#ffb25b", "#1f2328", "#a34e00")
DARK_MARK = ("#b34a00", "#ffffff", "#ffb25b")


_RECOLOR = (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)


def mark_colors(palette: QPalette) -> tuple[str, str, str]:
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return DARK_MARK if dark else LIGHT_MARK


def is_mark(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.boolProperty(MARK_PROPERTY))


class SearchMarks(QObject):
    """The search marks of one browser."""

    sig_changed = Signal()
    """The marks, or the one the learner is at (``current``), changed."""

    def __init__(self, browser: QTextEdit) -> None:
        super().__init__(browser)
        self.browser = browser
        #: (start, end) of each mark in Qt's positions (UTF-16 units).
        self.spans: list[tuple[int, int]] = []
        #: The mark the learner is at (F3 and Shift+F3 move it); -1: none yet.
        self.current = -1
        self._marks: list[QTextEdit.ExtraSelection] = []
        self._viewport = browser.viewport()
        browser.textChanged.connect(self.clear)
        # Views that draw only what is in view set their selections again on scrolling.
        browser.verticalScrollBar().valueChanged.connect(self._restore)
        self._viewport.installEventFilter(self)
        browser.installEventFilter(self)

    def show(self, terms: Terms, *, scroll: bool = True) -> int:
        """Mark every word ``terms`` match (case- and accent-insensitive); how many were."""
        text = self.browser.toPlainText()
        self.spans = _to_utf16(text, find_spans(text, terms))
        self.current = -1
        self._build()
        self._merge()
        if scroll and self.spans:
            self.scroll_to(0)
            self.current = 0
        self.sig_changed.emit()
        return len(self.spans)

    def clear(self) -> None:
        if not self._marks and not self.spans:
            return
        self.spans, self._marks, self.current = [], [], -1
        if shiboken6.isValid(self.browser):
            self._merge()
        self.sig_changed.emit()

    def step(self, step: int) -> int:
        """Go to the next (1) or previous (-1) mark, round the text; which it is now."""
        if not self.spans:
            return -1
        return self.go((self.current + step) % len(self.spans))

    def go(self, number: int) -> int:
        """Go to mark ``number``: it is selected, as if the learner had selected it, so
        it stands out from the others and Ctrl+H highlights it."""
        self.current = number
        start, end = self.spans[number]
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.scroll_to(number)
        self.sig_changed.emit()
        return number

    def scroll_to(self, number: int) -> None:
        """Bring mark ``number`` into view, a third of the way down the pane."""
        start, _ = self.spans[number]
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        rect = self.browser.cursorRect(cursor)
        bar = self.browser.verticalScrollBar()
        viewport = self.browser.viewport().height()
        if rect.top() < 0 or rect.bottom() > viewport:
            bar.setValue(bar.value() + rect.top() - viewport // 3)

    def _build(self) -> None:
        background, text, underline = mark_colors(self.browser.palette())
        look = QTextCharFormat()
        look.setBackground(QColor(background))
        look.setForeground(QColor(text))
        look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        look.setUnderlineColor(QColor(underline))
        look.setProperty(MARK_PROPERTY, True)
        document = self.browser.document()
        self._marks = []
        for start, end in self.spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = look
            self._marks.append(selection)

    def _merge(self) -> None:
        """Others' extra selections, then ours on top."""
        others = [s for s in self.browser.extraSelections() if not is_mark(s)]
        self.browser.setExtraSelections(others + self._marks)

    def _restore(self) -> None:
        if self._marks and self._missing():
            self._merge()

    def _missing(self) -> bool:
        selections = self.browser.extraSelections()
        return not selections or not is_mark(selections[-1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._marks:
            return False
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self._viewport:
            self._restore()  # someone else set the extra selections: ours go back on top
        elif kind in _RECOLOR and watched is self.browser:
            self._build()
            self._merge()
        return False


def _to_utf16(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code point positions to Qt's (a character past U+FFFF is two UTF-16 units)."""
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return spans
    astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
    return [(s + bisect_left(astral, s), e + bisect_left(astral, e)) for s, e in spans]
