"""The notes panels' docks: placed at start-up without Qt's namespace, as if by hand;
brought forward by their shortcuts; the same sizes start after start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QTextEdit
from pytestqt.qtbot import QtBot

from companion.qt.app import make_app
from companion.ui.shell.docks import (
    DEFAULT_LAYOUT,
    DOCK_WIDTH,
    NotesDocks,
    place_by_hand,
    several_open,
    tabs_on_top,
)
from companion.ui.shell.docks import _unplaced as unplaced
from companion.ui.shell.window import MainWindow
from tests.ui.notes.support import press


def arrangement(window: QMainWindow, docks: NotesDocks) -> list[object]:
    """Each dock's side, which are open, the front one's width; then, all opened, the groups."""
    every = docks.in_order()
    seen: list[object] = [
        [window.dockWidgetArea(dock) for dock in every],
        [dock.isVisible() for dock in every],
        docks.item.width(),
    ]
    for dock in every:
        dock.show()  # a tab group lists only its open docks
    seen.append([sorted(d.objectName() for d in window.tabifiedDockWidgets(d)) for d in every])
    return seen


def shown(qtbot: QtBot, place: str) -> tuple[QMainWindow, NotesDocks]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QTextEdit("The reading pane"))
    window.resize(1100, 720)
    docks = unplaced(window)
    if place == "by restoring":
        assert window.restoreState(QByteArray(DEFAULT_LAYOUT))  # as make_docks does
    else:
        place_by_hand(window, docks)
    window.show()
    qtbot.waitExposed(window)
    return window, docks


def test_restored_docks_stand_as_docks_placed_by_hand(qtbot: QtBot) -> None:
    make_app()
    window, docks = shown(qtbot, "by restoring")
    central = window.centralWidget()
    assert central is not None and central.width() > 700  # the reading pane keeps the rest
    restored = arrangement(window, docks)
    # (Its bytes hold sizes that depend on the style and fonts, so they are not compared.)
    by_hand = arrangement(*shown(qtbot, "by hand"))
    assert restored == by_hand, "run python -m companion.ui.shell.docks"
    right = Qt.DockWidgetArea.RightDockWidgetArea
    areas, open_docks, width, groups = restored
    assert areas == [right] * 4 and open_docks == [True, False, False, False]
    assert width == DOCK_WIDTH
    names = ["itemNotes", "allNotes", "bookmarks", "highlights"]
    assert groups == [sorted(set(names) - {name}) for name in names]  # one group of four


def test_two_open_panels_show_their_tabs_on_top(qtbot: QtBot) -> None:
    make_app()
    window, docks = shown(qtbot, "by restoring")
    assert not several_open(docks)
    docks.bookmarks.show()
    assert several_open(docks)
    tabs_on_top(window)
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert window.tabPosition(right) is QTabWidget.TabPosition.North
    docks.bookmarks.hide()
    assert not several_open(docks)


def in_front(dock: QDockWidget) -> bool:
    """Open and seen: not closed, and not a tab behind another panel."""
    return not dock.isHidden() and not dock.visibleRegion().isEmpty()


def test_a_panel_shortcut_brings_a_panel_tabbed_behind_to_the_front(
    qtbot: QtBot, win: MainWindow
) -> None:
    docks = win.docks

    def front() -> list[str]:
        return [d.objectName() for d in docks.in_order() if in_front(d)]

    press(qtbot, win.tabs, "Ctrl+Shift+B")
    qtbot.waitUntil(lambda: front() == ["bookmarks"])
    press(qtbot, win.tabs, "Ctrl+Shift+L")
    qtbot.waitUntil(lambda: front() == ["highlights"])
    assert not docks.bookmarks.isHidden()  # open, a tab behind
    assert win.notes.act.bookmarks.isChecked()
    press(qtbot, win.tabs, "Ctrl+Shift+B")  # to the front, not closed unseen
    qtbot.waitUntil(lambda: front() == ["bookmarks"])
    assert not docks.bookmarks.isHidden() and win.notes.act.bookmarks.isChecked()
    press(qtbot, win.tabs, "Ctrl+Shift+B")  # in front: now it closes
    qtbot.waitUntil(docks.bookmarks.isHidden)
    assert not win.notes.act.bookmarks.isChecked()
    docks.highlights.close()  # by its title bar: the menu follows
    assert not win.highlights.act.panel.isChecked()


def sizes(window: MainWindow) -> list[object]:
    return [window.size(), *(d.geometry() for d in window.docks.in_order() if in_front(d))]


def test_the_panels_keep_their_sizes_start_after_start(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    first = make_window()
    first.resize(790, 560)  # inside the offscreen screen (800 by 800)
    first.finish_start()
    started = first.notes.session
    assert started is not None
    qtbot.waitUntil(lambda: started.loaded)  # the panels show the notes: their sizes are known
    docks = first.docks
    docks.bookmarks.show()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks.highlights)
    docks.highlights.show()
    first.resizeDocks([docks.item], [240], Qt.Orientation.Horizontal)
    first.resizeDocks([docks.highlights], [230], Qt.Orientation.Horizontal)
    left = [sizes(first)]  # as the learner leaves them, start after start
    first.close()
    for _ in range(2):
        window = make_window()
        window.finish_start()
        session = window.notes.session
        assert session is not None
        qtbot.waitUntil(lambda s=session: s.loaded)  # type: ignore[misc]
        left.append(sizes(window))
        window.close()
    # (The first panels' sizes are as asked, once laid out: the window's are final.)
    assert left[0][0] == left[1][0] == left[2][0] and left[1] == left[2], left
