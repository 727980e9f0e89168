"""Each text opens where the learner left it: on returning to it, after a restart, and
through a zoom (the same words stay at the top)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from companion.ui.reading.pane import ReadingPane
from companion.ui.shell.window import MainWindow
from tests.ui.notes.support import press

READING = "dawn-of-system-leadership"
OTHER = "practice-of-system-leadership"


def pane_of(window: MainWindow, item: str) -> ReadingPane:
    tab = window.tab_for(item)
    assert tab is not None
    return tab.pane


def scroll_into(qtbot: QtBot, pane: ReadingPane, fraction: float) -> int:
    """Scroll as a learner does (the scroll bar) and say where the reading is."""
    bar = pane.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 500)
    bar.setValue(int(bar.maximum() * fraction))
    position = pane.reading_position()
    assert position > 100
    return position


def top_line_holds(pane: ReadingPane, position: int) -> bool:
    """The line at the top of the view holds ``position`` (a reflow moves a line's start)."""
    top = QTextCursor(pane.browser.cursorForPosition(pane.browser.viewport().rect().topLeft()))
    at = QTextCursor(pane.browser.document())
    at.setPosition(position)
    return abs(pane.browser.cursorRect(at).top() - pane.browser.cursorRect(top).top()) < 4


def test_returning_to_a_text_opens_it_where_it_was_left(qtbot: QtBot, window: MainWindow) -> None:
    assert window.navigate(READING)
    pane = pane_of(window, READING)
    position = scroll_into(qtbot, pane, 0.6)
    assert window.navigate(OTHER)  # the same pane shows another reading, from its top
    assert pane.item == OTHER and pane.browser.verticalScrollBar().value() == 0
    assert window.navigate("ways-of-thinking")  # another tab
    window.go_back()
    window.go_back()
    assert window.current_location() == READING
    assert pane.reading_position() == position
    assert top_line_holds(pane, position)


def test_a_restart_opens_the_last_text_where_it_was_left(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.navigate(OTHER)
    elsewhere = scroll_into(qtbot, pane_of(window, OTHER), 0.3)
    window.navigate(READING)
    position = scroll_into(qtbot, pane_of(window, READING), 0.7)
    window.close()
    again = make_window()
    assert again.current_location() == READING
    pane = pane_of(again, READING)
    qtbot.waitUntil(lambda: top_line_holds(pane, position))
    again.navigate(OTHER)  # and the one before it, too
    qtbot.waitUntil(lambda: top_line_holds(pane, elsewhere))


def test_zoom_keeps_the_same_words_at_the_top(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate(READING)
    pane = pane_of(window, READING)
    position = scroll_into(qtbot, pane, 0.5)
    press(qtbot, pane.browser, "Ctrl+=")
    press(qtbot, pane.browser, "Ctrl+=")
    qtbot.waitUntil(lambda: top_line_holds(pane, position))
    press(qtbot, pane.browser, "Ctrl+0")
    qtbot.waitUntil(lambda: top_line_holds(pane, position))
    window.resize(window.width() - 200, window.height())
    qtbot.waitUntil(lambda: top_line_holds(pane, position))
