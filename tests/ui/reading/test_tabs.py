"""The list tabs' navigators: rows from a model, bookmarks, keys, a cost that does not grow."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.bundle.model import Bundle, Definition
from companion.bundle.pages import PageBuilder
from companion.qt.app import make_app
from companion.ui.kit.theme import ThemeChoice, apply_theme
from companion.ui.reading.tabs import WRAP_LIMIT, ListTab

LONG = 2_000

MakeTab = Callable[..., ListTab]


def definitions(count: int) -> list[Definition]:
    """``count`` definitions; every seventh has a title too long for one line of the list."""
    return [
        Definition(
            id=f"term-{n}",
            term=f"Term {n}" + (" with a title that goes on well past the list" if n % 7 else ""),
            text=f"What term {n} means.",
            source="a-reading",
        )
        for n in range(count)
    ]


@pytest.fixture
def make_tab(qtbot: QtBot, shipped: Bundle) -> MakeTab:
    app = make_app()
    apply_theme(app, ThemeChoice.LIGHT)

    def make(count: int, shown: bool = True) -> ListTab:
        tab = ListTab("Definitions", definitions(count), PageBuilder(shipped))
        qtbot.addWidget(tab)
        if shown:
            tab.resize(900, 500)
            tab.show()
            qtbot.waitExposed(tab)
        return tab

    return make


def row(tab: ListTab, item_id: str) -> QModelIndex:
    return tab.rows.index(tab.rows.number[item_id])


def in_view(tab: ListTab, index: QModelIndex) -> bool:
    rect = tab.navigator.visualRect(index)
    return rect.isValid() and tab.navigator.viewport().rect().contains(rect.topLeft())


def test_rows_show_titles_with_the_full_title_as_tooltip(make_tab: MakeTab) -> None:
    tab = make_tab(5)
    assert tab.navigator.model().rowCount() == 5
    first = row(tab, "term-1")
    assert first.data() == "Term 1 with a title that goes on well past the list"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == first.data()
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == first.data()
    assert first.data(Qt.ItemDataRole.UserRole) == "term-1"
    assert tab.navigator.accessibleName() == "Definitions list"
    assert tab.item_ids() == [f"term-{n}" for n in range(5)]


def test_rows_are_chosen_never_edited_or_dragged(qtbot: QtBot, make_tab: MakeTab) -> None:
    from PySide6.QtGui import QAccessible

    tab = make_tab(5)
    navigator = tab.navigator
    first = row(tab, "term-1")
    navigator.setCurrentIndex(first)
    rect = navigator.visualRect(first)
    qtbot.mouseDClick(navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(navigator, Qt.Key.Key_F2)
    assert navigator.state() is not navigator.State.EditingState
    assert navigator.indexWidget(first) is None and not navigator.dragEnabled()
    assert navigator.selectionModel().isSelected(first)
    QAccessible.setActive(True)
    try:
        accessible = QAccessible.queryAccessibleInterface(navigator)
        assert accessible is not None
        cell = accessible.child(1)
        assert cell.text(QAccessible.Text.Name) == first.data()
        assert cell.state().selectable and not cell.state().editable
    finally:
        QAccessible.setActive(False)


def test_the_navigator_is_set_through_qt_values_that_match_qt(make_tab: MakeTab) -> None:
    """Roles and properties given by value (to keep Qt's namespace out of start-up)."""
    from companion.ui.reading import tabs

    assert (
        Qt.ItemDataRole.DisplayRole.value,
        Qt.ItemDataRole.ToolTipRole.value,
        Qt.ItemDataRole.AccessibleTextRole.value,
        Qt.ItemDataRole.UserRole.value,
    ) == (tabs.DISPLAY_ROLE, tabs.TOOLTIP_ROLE, tabs.ACCESSIBLE_TEXT_ROLE, tabs.USER_ROLE)
    for count in (5, LONG):
        tab = make_tab(count)
        navigator = tab.navigator
        policy = navigator.horizontalScrollBarPolicy()
        assert policy is Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        assert navigator.textElideMode() is Qt.TextElideMode.ElideRight


def test_a_bookmark_stars_its_row_and_changes_that_row_alone(make_tab: MakeTab) -> None:
    tab = make_tab(LONG)
    changed: list[tuple[int, int]] = []
    tab.rows.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    tab.set_bookmarked("term-1500", True)
    index = row(tab, "term-1500")
    title = "Term 1500 with a title that goes on well past the list"
    assert index.data() == f"★ {title}"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"{title} (bookmarked)"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == f"{title}, bookmarked"
    assert changed == [(1500, 1500)]
    tab.set_bookmarked("term-1500", True)  # already marked: nothing to repaint
    assert changed == [(1500, 1500)]
    tab.set_bookmarked("term-1500", False)
    assert index.data() == title and changed == [(1500, 1500), (1500, 1500)]


def test_show_item_selects_and_scrolls_without_announcing(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = make_tab(LONG)
    with qtbot.assertNotEmitted(tab.sig_item_shown):
        tab.show_item("term-1500")
    assert tab.current_item() == "term-1500"
    assert tab.navigator.currentIndex() == row(tab, "term-1500")
    assert tab.navigator.selectionModel().isSelected(row(tab, "term-1500"))
    assert in_view(tab, row(tab, "term-1500"))


def test_a_restored_item_is_in_view_once_shown(make_tab: MakeTab) -> None:
    tab = make_tab(LONG, shown=False)
    tab.show_item("term-1800")  # the window restores the last item before it shows
    tab.resize(900, 500)
    tab.show()
    QApplication.processEvents()
    assert in_view(tab, row(tab, "term-1800"))


def test_keys_move_through_the_list_and_announce(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = make_tab(LONG)
    tab.show_item("term-0")
    tab.navigator.setFocus()
    with qtbot.waitSignal(tab.sig_item_shown) as shown:
        qtbot.keyClick(tab.navigator, Qt.Key.Key_Down)
    assert shown.args == ["term-1"] and tab.current_item() == "term-1"
    qtbot.keyClick(tab.navigator, Qt.Key.Key_End)
    assert tab.current_item() == f"term-{LONG - 1}"
    assert in_view(tab, row(tab, f"term-{LONG - 1}"))
    qtbot.keyClick(tab.navigator, Qt.Key.Key_Home)
    assert tab.current_item() == "term-0" and in_view(tab, row(tab, "term-0"))
    qtbot.keyClicks(tab.navigator, "Term 42")  # type-ahead finds a row by its first letters
    assert tab.current_item() == "term-42"


def test_short_lists_wrap_titles_and_long_ones_keep_rows_one_line_high(make_tab: MakeTab) -> None:
    short = make_tab(WRAP_LIMIT)
    long = make_tab(WRAP_LIMIT + 1)
    assert short.navigator.wordWrap() and not short.navigator.uniformItemSizes()
    assert long.navigator.uniformItemSizes() and not long.navigator.wordWrap()
    one_line = short.navigator.visualRect(row(short, "term-0")).height()
    wrapped = short.navigator.visualRect(row(short, "term-1")).height()
    assert wrapped > one_line
    # Every long-list row is as high as a one-line row, item padding included.
    assert {long.navigator.visualRect(row(long, f"term-{n}")).height() for n in range(3)} == {
        one_line
    }


def python_calls(work: Callable[[], object]) -> int:
    """How many Python functions run during ``work`` (Qt calling Python counts too)."""
    calls = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


def test_building_and_showing_a_tab_runs_python_for_a_few_rows_only(
    qtbot: QtBot, make_tab: MakeTab, shipped: Bundle
) -> None:
    """Beyond reading each title once, a tab of 2,000 rows costs what one of 1,000 does."""

    def build(items: list[Definition]) -> Callable[[], object]:
        def work() -> None:
            tab = ListTab("Definitions", items, PageBuilder(shipped))
            qtbot.addWidget(tab)
            tab.resize(900, 500)
            tab.show()
            tab.show_item("term-0")
            tab.grab()

        return work

    make_tab(20)  # the theme
    build(definitions(20))()  # fonts, style sheet rules and imports, once
    half = python_calls(build(definitions(LONG // 2)))
    full = python_calls(build(definitions(LONG)))
    per_row = (full - half) / (LONG - LONG // 2)
    assert per_row < 1.5, (half, full)  # title_of once a row (a Python rowCount: 4 more)
