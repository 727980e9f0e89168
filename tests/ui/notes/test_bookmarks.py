"""Bookmarking with the keyboard: markers on the item and in navigators, the Bookmarks panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.ui.kit.theme import LIGHT, ThemeChoice, apply_theme
from companion.ui.reading.dimensions import DimensionsTab
from companion.ui.reading.stacey import StaceyTab
from companion.ui.reading.tabs import ListTab
from companion.ui.shell.window import MainWindow
from tests.notes.support import notes_file, on_disk, saved_text
from tests.ui.notes.support import open_window, press

READING = "dawn-of-system-leadership"


def readings(window: MainWindow) -> ListTab:
    tab = window.tab_for(READING)
    assert isinstance(tab, ListTab)
    return tab


def row_text(tab: ListTab, item_id: str) -> str:
    """What the navigator's row of ``item_id`` shows."""
    model = tab.navigator.model()
    for number in range(model.rowCount()):
        index = model.index(number, 0)
        if index.data(Qt.ItemDataRole.UserRole) == item_id:
            return str(index.data())
    raise AssertionError(item_id)


def test_ctrl_d_marks_the_item_in_the_navigator_and_the_pane(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    win.navigate(READING)
    tab = readings(win)
    title = row_text(tab, READING)
    assert not title.startswith("★") and tab.pane.star.text() == "☆"
    press(qtbot, tab.navigator, "Ctrl+D")
    model = win.notes.session.model  # type: ignore[union-attr]
    assert model.is_bookmarked(READING)
    assert row_text(tab, READING) == f"★ {title}"
    assert tab.pane.is_bookmarked() and tab.pane.star.text() == "★"
    assert tab.pane.star.accessibleName() == "Bookmarked"
    assert win.notes.act.toggle_bookmark.isChecked()
    qtbot.waitUntil(lambda: READING in saved_text(notes_file(folder)))
    press(qtbot, tab.navigator, "Ctrl+D")
    assert not model.is_bookmarked(READING)
    assert row_text(tab, READING) == title and not tab.pane.is_bookmarked()
    qtbot.waitUntil(lambda: on_disk(notes_file(folder)).bookmarks == [])


def test_the_star_turns_gold_when_bookmarked_and_back(qtbot: QtBot, win: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeChoice.LIGHT)
    win.navigate(READING)
    star = readings(win).pane.star

    def color() -> str:
        return star.palette().color(QPalette.ColorRole.ButtonText).name()

    qtbot.waitUntil(star.isVisible)
    assert color() == LIGHT.muted
    press(qtbot, readings(win).navigator, "Ctrl+D")
    assert color() == LIGHT.star
    press(qtbot, readings(win).navigator, "Ctrl+D")
    assert color() == LIGHT.muted


def test_the_star_beside_the_title_toggles_too(qtbot: QtBot, win: MainWindow) -> None:
    win.navigate(READING)
    pane = readings(win).pane
    qtbot.mouseClick(pane.star, Qt.MouseButton.LeftButton)
    assert pane.is_bookmarked()
    qtbot.mouseClick(pane.star, Qt.MouseButton.LeftButton)
    assert not pane.is_bookmarked()


def test_cards_and_stacey_regions_carry_the_marker(qtbot: QtBot, win: MainWindow) -> None:
    win.navigate("ways-of-relating")
    press(qtbot, win, "Ctrl+D")
    dimensions = win.tab_for("ways-of-relating")
    assert isinstance(dimensions, DimensionsTab)
    card = dimensions.cards["ways-of-relating"]
    assert card.bookmarked and card.shown_heading().endswith("★")
    assert card.accessibleDescription() == "Bookmarked"
    assert not dimensions.cards["ways-of-being"].bookmarked
    win.navigate("zone-of-complexity")
    press(qtbot, win, "Ctrl+D")
    stacey = win.tab_for("zone-of-complexity")
    assert isinstance(stacey, StaceyTab)
    region = next(r for r in stacey.stacey.regions if r.id == "zone-of-complexity")
    assert stacey.diagram.label_of(region) == f"★ {region.name}"
    assert "Bookmarked: Zone of complexity" in stacey.diagram.accessibleDescription()
    assert stacey.pane.is_bookmarked()


def test_markers_are_there_when_a_tab_is_first_built(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    first = open_window(qtbot, folder, settings_file)
    first.notes.toggle_bookmark(READING)
    first.close()
    again = open_window(qtbot, folder, settings_file)
    assert not again.slots[3].is_built()
    assert row_text(readings(again), READING).startswith("★")


def test_undo_and_redo_a_bookmark_with_the_keyboard(qtbot: QtBot, win: MainWindow) -> None:
    win.navigate(READING)
    model = win.notes.session.model  # type: ignore[union-attr]
    press(qtbot, win, "Ctrl+D")
    created = model.bookmark(READING).created  # type: ignore[union-attr]
    press(qtbot, win, "Ctrl+Z")
    assert not model.is_bookmarked(READING) and not readings(win).pane.is_bookmarked()
    press(qtbot, win, "Ctrl+Shift+Z")
    assert model.bookmark(READING).created == created  # type: ignore[union-attr]
    assert readings(win).pane.is_bookmarked()


def test_bookmarks_panel_groups_by_tab_and_jumps(qtbot: QtBot, win: MainWindow) -> None:
    for item in (READING, "ways-of-relating", "zone-of-complexity"):
        win.notes.toggle_bookmark(item)
    press(qtbot, win, "Ctrl+Shift+B")
    panel = win.notes.bookmarks_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.rows() == [
        ("Six Dimensions", "Ways of relating"),
        ("Stacey Model", "Zone of complexity"),
        ("Readings", "The Dawn of System Leadership"),
    ]
    assert panel.tree.hasFocus()
    win.navigate("systems-leadership-definition")
    # Keyboard: arrows to the reading, Enter goes there.
    tree = panel.tree
    first_group = tree.topLevelItem(0)
    assert first_group is not None
    tree.setCurrentItem(first_group)
    for _ in range(5):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert panel.current_item() == READING
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert win.current_location() == READING
    assert win.tabs.currentIndex() == 3
    # Mouse: a double-click on a row goes there too.
    row = first_group.child(0)
    assert row is not None
    point = tree.visualItemRect(row).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert win.current_location() == "ways-of-relating"


def test_bookmarks_panel_follows_changes(win: MainWindow) -> None:
    win.notes.act.bookmarks.trigger()
    panel = win.notes.bookmarks_panel
    assert panel.empty.isVisible() and panel.rows() == []
    win.notes.toggle_bookmark("ways-of-being")
    assert panel.rows() == [("Six Dimensions", "Ways of being")]
    assert not panel.empty.isVisible()
    win.notes.toggle_bookmark("ways-of-being")
    assert panel.rows() == []


def test_a_hidden_panel_catches_up_when_shown(qtbot: QtBot, win: MainWindow) -> None:
    panel = win.notes.bookmarks_panel
    assert not panel.isVisible()
    win.notes.toggle_bookmark("ways-of-being")  # while hidden: not laid out yet
    assert panel.tree.topLevelItemCount() == 0
    win.notes.act.bookmarks.trigger()
    qtbot.waitUntil(panel.isVisible)
    assert panel.tree.topLevelItemCount() == 1
    assert panel.rows() == [("Six Dimensions", "Ways of being")]
    assert not panel.empty.isVisible()
