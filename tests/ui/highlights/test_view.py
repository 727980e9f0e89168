"""The bar by a selection or a chosen highlight: no keyboard trap, gone when not wanted,
never over the words it is for."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from companion.ui.highlights.view import HighlightView
from companion.ui.shell.window import MainWindow
from tests.ui.highlights.support import click_at, select_with_keys, span_of, view_of

READING = "dawn-of-system-leadership"
WORDS = "seeing the larger system"


def selected_band(view: HighlightView) -> QRect:
    """The lines the selection covers in the viewport, across its whole width."""
    cursor = view.browser.textCursor()
    first, last = QTextCursor(cursor), QTextCursor(cursor)
    first.setPosition(cursor.selectionStart())
    last.setPosition(cursor.selectionEnd())
    top = view.browser.cursorRect(first).top()
    bottom = view.browser.cursorRect(last).bottom()
    return QRect(0, top, view.browser.viewport().width(), bottom - top)


def test_tab_leaves_the_text_for_the_panels_and_never_enters_the_bar(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = view_of(win, READING)
    select_with_keys(qtbot, view, *span_of(view, WORDS))
    qtbot.waitUntil(view.toolbar.isVisible)
    notes_panel = win.docks.item
    visited: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now.isVisible(), "the focus went where it cannot be seen"
        assert not view.toolbar.isAncestorOf(now), "Tab went into the highlight bar"
        visited.append(now)
        if notes_panel.isAncestorOf(now):
            break
    else:
        names = [f"{type(w).__name__} {w.accessibleName()!r}" for w in visited[:20]]
        raise AssertionError(f"Tab never reached the notes panel: {names}")
    assert not view.toolbar.isVisible()  # the text lost the focus: its bar went


def test_the_bar_goes_on_escape_scroll_focus_out_and_a_collapsed_selection(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, WORDS)

    def select() -> None:
        select_with_keys(qtbot, view, start, end)
        qtbot.waitUntil(view.toolbar.isVisible)

    select()
    qtbot.keyClick(view.browser, Qt.Key.Key_Escape)
    assert not view.toolbar.isVisible() and view.selection() is not None
    qtbot.keyClick(view.browser, Qt.Key.Key_Shift)  # the same selection: it stays away
    qtbot.wait(0)
    qtbot.waitUntil(lambda: not view.toolbar.isVisible())
    qtbot.keyClick(view.browser, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(view.toolbar.isVisible)  # another selection: it comes back

    select()
    bar = view.browser.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.value() + 40)
    assert not view.toolbar.isVisible()

    select()
    win.search.edit.setFocus()
    qtbot.waitUntil(lambda: not view.toolbar.isVisible())
    view.browser.setFocus()
    qtbot.waitUntil(view.toolbar.isVisible)  # back in the text, by the same selection

    click_at(qtbot, view, 0)  # the selection collapses where no highlight is
    qtbot.waitUntil(lambda: not view.toolbar.isVisible())


def test_the_bar_never_covers_the_selected_text(qtbot: QtBot, win: MainWindow) -> None:
    view = view_of(win, READING)
    browser, viewport = view.browser, view.browser.viewport()
    win.resize(1024, 640)
    qtbot.waitUntil(lambda: win.width() == 1024)
    browser.setFocus()
    bar = browser.verticalScrollBar()
    words = QTextCursor(browser.document())
    words.setPosition(view.units.to_qt(span_of(view, WORDS)[0]))
    bar.setValue(bar.value() + browser.cursorRect(words).top())  # a line of words on top

    def select(top_left: QPoint, bottom_right: QPoint) -> None:
        cursor = browser.cursorForPosition(top_left)
        cursor.setPosition(
            browser.cursorForPosition(bottom_right).position(), QTextCursor.MoveMode.KeepAnchor
        )
        browser.setTextCursor(cursor)
        qtbot.keyClick(browser, Qt.Key.Key_Shift)  # as after a key: the bar follows
        qtbot.wait(0)

    line = browser.fontMetrics().lineSpacing()
    cases = [
        (QPoint(8, line // 2), QPoint(viewport.width() // 2, line // 2)),  # the first line
        (QPoint(8, viewport.height() - line), QPoint(200, viewport.height() - line // 2)),
        (QPoint(8, 4), QPoint(viewport.width() - 8, viewport.height() - 4)),  # all in view
    ]
    for first, last in cases:
        select(first, last)
        if view.selection() is None:  # only the space between paragraphs there
            continue
        if view.toolbar.isVisible():
            assert not view.toolbar.geometry().intersects(selected_band(view)), (first, last)
    assert view.selection() is not None
    assert not view.toolbar.isVisible()  # no room above nor below: out of the way
