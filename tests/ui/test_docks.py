"""The notes panels' docks: placed at start-up without Qt's namespace, as if by hand."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMainWindow, QTabWidget, QTextEdit
from pytestqt.qtbot import QtBot

from companion.ui.app import make_app
from companion.ui.docks import (
    DEFAULT_LAYOUT,
    DOCK_WIDTH,
    NotesDocks,
    place_by_hand,
    several_open,
    tabs_on_top,
)
from companion.ui.docks import _unplaced as unplaced


def arrangement(window: QMainWindow, docks: NotesDocks) -> list[object]:
    return [
        [window.dockWidgetArea(dock) for dock in docks.all()],
        [sorted(d.objectName() for d in window.tabifiedDockWidgets(dock)) for dock in docks.all()],
        [dock.isVisible() for dock in docks.all()],
        docks.item.width(),
    ]


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
    restored, by_hand = shown(qtbot, "by restoring"), shown(qtbot, "by hand")
    # (Its bytes hold sizes that depend on the style and fonts, so they are not compared.)
    assert arrangement(*restored) == arrangement(*by_hand), "run python -m companion.ui.docks"
    window, docks = restored
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert [window.dockWidgetArea(dock) for dock in docks.all()] == [right] * 4
    assert [dock.isVisible() for dock in docks.all()] == [True, False, False, False]
    assert docks.item.width() == DOCK_WIDTH
    central = window.centralWidget()
    assert central is not None and central.width() > 700  # the reading pane keeps the rest


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
