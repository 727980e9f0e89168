"""The notes panels' docks: placed at start-up without Qt's namespace, as if by hand."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMainWindow, QTabWidget, QTextEdit
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
