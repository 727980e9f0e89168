"""Zoom: the whole window grows with the text, the text keeps a readable column, and the
side panels make room for it in a small window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.ui.shell.room import MIN_CHARS, column_chars
from companion.ui.shell.window import MainWindow
from tests.ui.notes.support import press

#: The most lines a title above the text takes.
TITLE_LINES = 2
#: Seven steps of 10 %: 195 %, the nearest the zoom comes to 200 %.
TWICE = 7


def zoomed(qtbot: QtBot, window: MainWindow, steps: int) -> None:
    for _ in range(steps):
        press(qtbot, window.tabs, "Ctrl+=")
    assert round(1.1**window.zoom, 2) >= 1.9 if steps == TWICE else True


def test_at_1024_by_640_and_200_percent_every_text_keeps_a_readable_column(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.resize(1024, 640)
    window.finish_start()
    assert window.docks.item.isVisible()
    navigator = window.study_tabs[0].navigator  # type: ignore[attr-defined]
    usual = navigator.font().pointSizeF()
    zoomed(qtbot, window, TWICE)
    # Lists, cards, panels and headers grow with the text.
    qtbot.waitUntil(lambda: navigator.font().pointSizeF() > 1.8 * usual)
    qtbot.waitUntil(lambda: window.notes.item_panel.font().pointSizeF() > 1.8 * usual)
    for index in range(len(window.study_tabs)):  # (My Profile, after them, has no pane)
        window.go_to_tab(index)
        pane = window.study_tabs[index].pane
        qtbot.waitUntil(lambda p=pane: column_chars(p) >= MIN_CHARS)  # type: ignore[misc]
        # The title and citation above the text stay a few lines: the text has the room.
        assert pane.title.height() <= (TITLE_LINES + 0.5) * pane.title.fontMetrics().lineSpacing()
        tab = window.study_tabs[index]
        qtbot.waitUntil(lambda p=pane, t=tab: p.browser.height() > 0.4 * t.height())  # type: ignore[misc]
    assert not window.docks.item.isVisible()  # the notes panel made room for the text
    press(qtbot, window.tabs, "Ctrl+0")
    qtbot.waitUntil(window.docks.item.isVisible)  # room again: it is back
    assert QApplication.font().pointSizeF() == usual


def test_a_large_window_keeps_its_panels_at_200_percent(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.resize(1400, 900)  # (offscreen, the screen is 800 wide: the window keeps its size)
    window.finish_start()
    zoomed(qtbot, window, 2)
    window.go_to_tab(3)
    pane = window.study_tabs[3].pane
    qtbot.waitUntil(lambda: column_chars(pane) >= MIN_CHARS)
    assert window.docks.item.isVisible()
