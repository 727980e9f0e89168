"""Shared by the highlight tests: select text as a learner does, and find what is drawn."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from companion.notes.model import NotesModel
from companion.ui.highlights.view import HighlightView
from companion.ui.shell.window import MainWindow


def view_of(window: MainWindow, item: str) -> HighlightView:
    """The highlight view of the pane showing ``item`` (navigating there)."""
    assert window.navigate(item)
    view = window.highlights.current_view()
    assert view is not None and view.pane.item == item
    return view


def model_of(window: MainWindow) -> NotesModel:
    assert window.notes.session is not None
    return window.notes.session.model


def span_of(view: HighlightView, words: str, after: str = "") -> tuple[int, int]:
    """Where ``words`` are in the pane's plain text (code points), after ``after``."""
    start = view.text.index(words, view.text.index(after) if after else 0)
    return start, start + len(words)


def point_at(view: HighlightView, position: int) -> QPoint:
    """The viewport point of the gap before code point ``position`` (scrolled into view)."""
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(view.units.to_qt(position))
    rect = view.browser.cursorRect(cursor)
    if not view.browser.viewport().rect().contains(rect.center()):
        view.browser.setTextCursor(cursor)
        view.browser.ensureCursorVisible()
        rect = view.browser.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def select_with_mouse(qtbot: QtBot, view: HighlightView, start: int, end: int) -> None:
    """Press at ``start``, drag to ``end`` and let go, on the browser's viewport."""
    first = point_at(view, start)
    last = point_at(view, end)
    first = point_at(view, start)  # scrolling to ``end`` may have moved it
    viewport = view.browser.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=first)  # no old selection
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=first)
    middle = QPoint((first.x() + last.x()) // 2, (first.y() + last.y()) // 2)
    qtbot.mouseMove(viewport, middle)
    qtbot.mouseMove(viewport, last)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=last)


def select_with_keys(qtbot: QtBot, view: HighlightView, start: int, end: int) -> None:
    """Put the caret at ``start`` with a click, then Shift+Right up to ``end``."""
    qtbot.mouseClick(view.browser.viewport(), Qt.MouseButton.LeftButton, pos=point_at(view, start))
    assert view.units.from_qt(view.browser.textCursor().position()) == start
    view.browser.setFocus()
    position = start
    while position < end:
        qtbot.keyClick(view.browser, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        moved = view.units.from_qt(view.browser.textCursor().position())
        assert moved > position, "the caret did not move"
        position = moved


def click_at(qtbot: QtBot, view: HighlightView, position: int) -> None:
    point = point_at(view, position)
    qtbot.mouseClick(view.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def context_menu(
    qtbot: QtBot, view: HighlightView, position: int, choose: Callable[[QMenu], None]
) -> None:
    """Open the text's context menu at ``position``; ``choose`` acts on it while it is open."""
    point = point_at(view, position)
    seen: list[QMenu] = []

    def act() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append(menu)
        choose(menu)
        menu.close()

    QTimer.singleShot(0, act)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.browser.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(view.browser.viewport(), event)
    assert seen, "no context menu opened"
    window = view.browser.window()
    window.activateWindow()  # as a desktop does when a menu closes
    qtbot.waitUntil(window.isActiveWindow)


def action_named(menu: QMenu, text: str) -> Callable[[], None]:
    """Trigger for the menu entry (or submenu entry, as "Submenu/Entry") called ``text``."""
    *path, last = text.split("/")
    for part in path:
        sub = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == part)
        assert isinstance(sub, QMenu)
        menu = sub
    action = next(a for a in menu.actions() if a.text().replace("&", "") == last)
    return action.trigger


def drawn(view: HighlightView) -> list[tuple[str, int, int]]:
    """(id, start, end) in code points of every highlight the browser paints (in pieces)."""
    found: set[tuple[str, int, int]] = set()
    for selection in view.browser.extraSelections():
        cursor = selection.cursor
        start = view.units.from_qt(cursor.selectionStart())
        end = view.units.from_qt(cursor.selectionEnd())
        over = [(h, p) for h, p in view.drawn if p.start <= start and end <= p.end]
        assert over, f"painted {start}…{end} is no highlight"
        highlight, placement = min(over, key=lambda d: d[1].end - d[1].start)
        found.add((highlight.id, placement.start, placement.end))
    return sorted(found, key=lambda d: d[1])
