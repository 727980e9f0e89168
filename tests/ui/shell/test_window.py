"""The study window as a learner uses it: tabs, links, history, zoom, theme, remembered state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QTextBrowser
from pytestqt.qtbot import QtBot

from companion.bundle.model import Bundle
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.kit.theme import DARK, LIGHT, ThemeChoice
from companion.ui.reading.dimensions import DimensionsTab
from companion.ui.reading.stacey import StaceyTab
from companion.ui.reading.tabs import ListTab
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow


def tab_names(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    sequence = QKeySequence(keys)[0]  # type: ignore[index]
    qtbot.keyClick(window, sequence.key(), sequence.keyboardModifiers())


def test_window_is_titled_with_the_bundle(window: MainWindow, shipped: Bundle) -> None:
    assert window.windowTitle() == f"{shipped.title} — Companion"


def test_every_tab_shows_the_shipped_content(window: MainWindow, shipped: Bundle) -> None:
    assert tab_names(window) == [
        "Definitions",
        "Six Dimensions",
        "Stacey Model",
        "Readings",
        "Voices",
    ]
    definitions, dimensions, stacey, readings, voices = window.study_tabs
    assert isinstance(definitions, ListTab) and isinstance(readings, ListTab)
    assert isinstance(voices, ListTab)
    assert definitions.navigator.model().rowCount() == len(shipped.definitions)
    assert readings.navigator.model().rowCount() == 6
    assert voices.navigator.model().rowCount() == len(shipped.voices)
    assert isinstance(dimensions, DimensionsTab)
    assert [c.text().split("\n")[0] for c in dimensions.cards.values()] == [
        "1. Ways of feeling",
        "2. Ways of perceiving",
        "3. Ways of thinking",
        "4. Ways of relating",
        "5. Ways of doing",
        "6. Ways of being",
    ]
    assert isinstance(stacey, StaceyTab)
    first_definition = shipped.definitions[0]
    assert definitions.pane.title.text() == first_definition.term
    assert "Systems Leadership is a way of working" in definitions.pane.plain_text()
    assert "The revolution will be improvised" in definitions.pane.attribution.text()
    readings.show_item("dawn-of-system-leadership")
    text = readings.pane.plain_text()
    for part in ("Summary", "Key points", "Study text", "Nelson Mandela"):
        assert part in text
    assert readings.pane.attribution.text().startswith("Peter Senge, Hal Hamilton and John Kania.")


def test_keyboard_switches_tabs(qtbot: QtBot, window: MainWindow) -> None:
    for index in (4, 1, 3, 0, 2):
        press(qtbot, window, f"Ctrl+{index + 1}")
        assert window.tabs.currentIndex() == index


def test_dimension_card_shows_study_text_and_prompts(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.study_tabs[1]
    assert isinstance(tab, DimensionsTab)
    window.go_to_tab(1)
    qtbot.mouseClick(tab.cards["ways-of-relating"], Qt.MouseButton.LeftButton)
    assert tab.pane.title.text() == "Ways of relating"
    assert "Reflection prompts" in tab.pane.plain_text()
    # Keyboard: the cards are buttons in the tab order, Space activates.
    tab.cards["ways-of-being"].setFocus()
    qtbot.keyClick(tab.cards["ways-of-being"], Qt.Key.Key_Space)
    assert tab.pane.title.text() == "Ways of being"


def test_stacey_region_by_mouse_and_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.study_tabs[2]
    assert isinstance(tab, StaceyTab)
    window.go_to_tab(2)
    diagram = tab.diagram
    point = diagram.region_center("zone-of-complexity").toPoint()
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=point)
    assert tab.pane.title.text() == "Zone of complexity"
    assert "orange circle" in tab.pane.plain_text().lower()
    seen = {tab.pane.title.text()}
    diagram.setFocus()
    for key in (
        Qt.Key.Key_Right,
        Qt.Key.Key_Right,
        Qt.Key.Key_Right,
        Qt.Key.Key_Right,
        Qt.Key.Key_Left,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
    ):
        qtbot.keyClick(diagram, key)
        seen.add(tab.pane.title.text())
    assert len(seen) >= 3
    assert window.current_location() in {r.id for r in tab.stacey.regions}


def test_back_and_forward(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate("ways-of-feeling")
    window.navigate("zone-of-complexity")
    window.navigate("dawn-of-system-leadership")
    press(qtbot, window, "Alt+Left")
    assert window.current_location() == "zone-of-complexity"
    assert window.tabs.currentIndex() == 2
    press(qtbot, window, "Alt+Left")
    assert window.current_location() == "ways-of-feeling"
    press(qtbot, window, "Alt+Right")
    assert window.current_location() == "zone-of-complexity"
    assert window.act.forward.isEnabled()
    window.navigate("ways-of-doing")
    assert not window.act.forward.isEnabled()


def test_choosing_an_item_in_a_list_is_recorded(qtbot: QtBot, window: MainWindow) -> None:
    window.go_to_tab(3)
    tab = window.study_tabs[3]
    assert isinstance(tab, ListTab)
    tab.navigator.setFocus()
    qtbot.keyClick(tab.navigator, Qt.Key.Key_Down)
    second = window.bundle.readings[1].id
    assert window.current_location() == second
    window.go_back()
    assert window.current_location() == window.bundle.readings[0].id


def _link_point(browser: QTextBrowser, href: str) -> QPoint:
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                return browser.cursorRect(cursor).center()
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_clicking_an_internal_link_navigates(
    qtbot: QtBot, window: MainWindow, opened_urls: list[str]
) -> None:
    window.navigate("systems-leadership-definition")
    pane = window.study_tabs[0].pane
    point = _link_point(pane.browser, "item:revolution-will-be-improvised")
    qtbot.mouseClick(pane.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.tabs.currentIndex() == 3
    assert window.current_location() == "revolution-will-be-improvised"
    assert opened_urls == []


def test_external_links_open_only_when_clicked(
    qtbot: QtBot, window: MainWindow, opened_urls: list[str]
) -> None:
    window.navigate("dawn-of-system-leadership")
    pane = window.study_tabs[3].pane
    assert opened_urls == []  # showing a reading fetches and opens nothing
    assert pane.online.isVisible()
    qtbot.mouseClick(pane.online, Qt.MouseButton.LeftButton)
    assert opened_urls == ["http://ssir.org/articles/entry/the_dawn_of_system_leadership"]


def test_file_and_javascript_links_are_refused(window: MainWindow, opened_urls: list[str]) -> None:
    for url in (
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://example.org/x",
        "item:no-such-item",
    ):
        assert window.open_link(QUrl(url)) is False
    assert opened_urls == []
    assert "Refused" in window.statusBar().currentMessage() or "No item" in (
        window.statusBar().currentMessage()
    )


def test_images_in_bundle_text_are_never_loaded(window: MainWindow) -> None:
    browser = window.study_tabs[0].pane.browser
    for url in ("http://example.org/x.png", "file:///etc/passwd", "../../../etc/hosts"):
        # A blank image from memory: given nothing, Qt would read the name as a path itself.
        image = browser.loadResource(2, QUrl(url))
        assert isinstance(image, QImage) and image.size() == QSize(1, 1)


def test_zoom_applies_to_every_pane_and_is_remembered(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    before = [t.pane.browser.document().defaultFont().pointSizeF() for t in window.study_tabs]
    press(qtbot, window, "Ctrl+=")
    press(qtbot, window, "Ctrl+=")
    after = [t.pane.browser.document().defaultFont().pointSizeF() for t in window.study_tabs]
    assert all(a > b for a, b in zip(after, before, strict=True))
    window.close()
    again = make_window()
    assert again.zoom == 2
    assert again.study_tabs[0].pane.browser.document().defaultFont().pointSizeF() == after[0]
    press(qtbot, again, "Ctrl+0")
    assert again.study_tabs[0].pane.browser.document().defaultFont().pointSizeF() == before[0]
    press(qtbot, again, "Ctrl+-")
    assert again.study_tabs[0].pane.browser.document().defaultFont().pointSizeF() < before[0]


def test_theme_switch_changes_palette_and_is_remembered(
    make_window: Callable[[], MainWindow],
) -> None:
    window = make_window()
    window.choose_theme(ThemeChoice.DARK)
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == DARK.window
    assert palette.color(QPalette.ColorRole.Text).name() == DARK.text
    window.close()
    again = make_window()
    assert again.settings.theme() is ThemeChoice.DARK
    checked = [a.text() for a in again.theme_group.actions() if a.isChecked()]
    assert checked == ["Dark"]
    again.choose_theme(ThemeChoice.LIGHT)
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window
    again.choose_theme(ThemeChoice.SYSTEM)
    system_dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    expected = DARK if system_dark else LIGHT
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == expected.window


def test_state_is_restored_after_reopening(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.resize(700, 500)
    window.move(40, 30)
    window.navigate("ways-of-thinking")
    window.close()
    again = make_window()
    assert again.tabs.currentIndex() == 1
    assert again.current_location() == "ways-of-thinking"
    assert again.study_tabs[1].pane.title.text() == "Ways of thinking"
    assert (again.width(), again.height()) == (700, 500)


def test_every_action_has_a_tooltip_and_shortcuts_are_listed(window: MainWindow) -> None:
    from companion.ui.shell.actions import shortcut_rows

    for action in window.actions():
        assert action.toolTip(), action.text()
    rows = dict(shortcut_rows(window.shortcut_actions()))
    assert rows["Back"] and rows["Forward"] and rows["Quit"] == "Ctrl+Q"
    assert rows["Definitions"] == "Ctrl+1" and rows["Voices"] == "Ctrl+5"


def test_controls_have_accessible_names(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTextEdit

    for cls in (QAbstractButton, QAbstractItemView, QTextEdit):
        for widget in window.findChildren(cls):
            if widget.isVisibleTo(window) and widget.objectName() != "qt_toolbar_ext_button":
                assert widget.accessibleName() or widget.text(), widget  # type: ignore[attr-defined]


def _read_and_close_dialog(seen: list[str]) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, close)


def test_about_names_versions_and_bundle(window: MainWindow, shipped: Bundle) -> None:
    from PySide6.QtCore import qVersion

    seen: list[str] = []
    _read_and_close_dialog(seen)
    window.act.about.trigger()
    [text] = seen
    assert shipped.title in text and shipped.version in text and f"Qt {qVersion()}" in text


def test_keyboard_shortcuts_are_listed_in_help(window: MainWindow) -> None:
    seen: list[str] = []
    _read_and_close_dialog(seen)
    window.act.shortcuts.trigger()
    [text] = seen
    assert "Ctrl+1" in text and "Alt+Left" in text and "Ctrl+Q" in text


def not_yet_shown(qtbot: QtBot, shipped: Bundle, settings_file: Path) -> MainWindow:
    """A window as start-up makes it, before it is shown (so before its first paint)."""
    make_app()
    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(shipped, shipped_bundle_dir(), Settings(store))
    qtbot.addWidget(window)
    return window


def test_panels_left_open_together_show_their_tabs_on_top_from_the_first_paint(
    qtbot: QtBot, shipped: Bundle, settings_file: Path
) -> None:
    before = not_yet_shown(qtbot, shipped, settings_file)
    before.docks.bookmarks.show()  # beside "Notes", in its tab group
    before.close()  # remembers them open
    window = not_yet_shown(qtbot, shipped, settings_file)
    assert window.docks.bookmarks.isVisibleTo(window) and window.docks.item.isVisibleTo(window)
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert window.tabPosition(right) is QTabWidget.TabPosition.North  # before it is shown


def test_reading_text_is_selectable_and_its_links_reachable_by_mouse_and_keyboard(
    window: MainWindow,
) -> None:
    flag = Qt.TextInteractionFlag
    every = [
        flag.TextSelectableByMouse,
        flag.TextSelectableByKeyboard,
        flag.LinksAccessibleByMouse,
        flag.LinksAccessibleByKeyboard,
    ]
    tab = window.current_tab()
    assert tab is not None
    browser = tab.pane.browser
    assert all(browser.textInteractionFlags() & f for f in every)
    assert not browser.textInteractionFlags() & flag.TextEditable


def test_text_paints_first_and_the_notes_and_search_follow_unasked(
    qtbot: QtBot, shipped: Bundle, settings_file: Path
) -> None:
    """Start-up shows the reading first; the notes and search are added just after."""
    window = not_yet_shown(qtbot, shipped, settings_file)
    assert not window.started
    assert [m.title() for m in window.menuBar().findChildren(QMenu)][:6] == [
        "&File",
        "Open &Recent",
        "&Edit",
        "&View",
        "&Theme",
        "&Notes",
    ]
    assert window.docks.item.isVisibleTo(window)  # its place is taken before the first paint
    window.show()
    qtbot.waitUntil(lambda: window.started)  # nobody asked for the notes: the paint did
    assert window.docks.item.widget() is window.notes.item_panel
    qtbot.waitUntil(window.search.field.isVisible)  # in the toolbar, where Ctrl+K finds it
    # Panels tabbed together will show their tabs on top (set once the paint is done).
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert window.tabPosition(right) is QTabWidget.TabPosition.North
    assert "Ctrl+D" in [s.toString() for a in window.notes_menu.actions() for s in a.shortcuts()]


def link_colors(browser: QTextBrowser) -> set[str]:
    """The colours the links of the text are drawn in."""
    colors = set()
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                colors.add(fmt.foreground().color().name())
            it += 1
        block = block.next()
    return colors


def test_links_take_the_new_theme_colour_at_once(qtbot: QtBot, window: MainWindow) -> None:
    assert window.navigate("systems-leadership-definition")
    tab = window.current_tab()
    assert tab is not None
    window.choose_theme(ThemeChoice.LIGHT)
    assert link_colors(tab.pane.browser) == {LIGHT.link}
    window.choose_theme(ThemeChoice.DARK)
    assert link_colors(tab.pane.browser) == {DARK.link}  # the page shown, not only the next


def test_a_damaged_remembered_layout_leaves_the_panels_where_they_start(
    qtbot: QtBot, shipped: Bundle, settings_file: Path
) -> None:
    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    Settings(store).set_window_state(QByteArray(b"\x00\x00\x00\xff not a saved layout"))
    store.sync()
    window = not_yet_shown(qtbot, shipped, settings_file)
    right = Qt.DockWidgetArea.RightDockWidgetArea
    docks = window.docks.in_order()
    assert [window.dockWidgetArea(dock) for dock in docks] == [right] * 4
    assert [dock.isVisibleTo(window) for dock in docks] == [True, False, False, False]
