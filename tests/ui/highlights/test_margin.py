"""A highlight with a note: a mark in the margin beside it, and its note on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from companion.notes.anchoring import describe
from companion.notes.model import highlight_of
from companion.ui.shell.window import MainWindow
from tests.ui.highlights.support import model_of, point_at, span_of, view_of

ITEM = "ways-of-relating"


def _hover(view_port: QPoint, widget: object) -> bool:
    assert hasattr(widget, "mapToGlobal")
    event = QHelpEvent(QEvent.Type.ToolTip, view_port, widget.mapToGlobal(view_port))
    return QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


@pytest.mark.qt_log_ignore("does not support raise")  # the tooltip, offscreen
def test_a_noted_highlight_has_a_mark_and_its_note_on_hover(qtbot: QtBot, win: MainWindow) -> None:
    view = view_of(win, ITEM)
    model = model_of(win)
    qtbot.waitUntil(lambda: view.text != "")
    start, end = span_of(view, "the conditions")
    plain_start, plain_end = span_of(view, "enable")
    model.put_highlight(
        highlight_of(ITEM, describe(view.text, start, end), note="Ask **who** sets them")
    )
    model.put_highlight(highlight_of(ITEM, describe(view.text, plain_start, plain_end)))
    qtbot.waitUntil(lambda: len(view.drawn) == 2)
    qtbot.waitUntil(lambda: len(view.marks.marks) == 1)
    [(noted, rect)] = view.marks.rects()
    assert view.marks.isVisible() and view.marks.rect().contains(rect)
    assert noted.note == "Ask **who** sets them"
    # In the margin (left of the text), on the highlight's line.
    first = point_at(view, start)
    assert rect.right() < first.x() and rect.top() <= first.y() <= rect.bottom()
    # Its note on hover; a highlight without a note shows none.
    viewport = view.browser.viewport()
    QToolTip.hideText()
    _hover(point_at(view, start + 2), viewport)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Ask who sets them" in QToolTip.text()  # the note as read, not its Markdown
    _hover(point_at(view, plain_start + 2), viewport)  # a highlight without a note
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # the note's tip goes
