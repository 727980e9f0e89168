"""Highlighting in the reading pane: select with the mouse or keyboard, highlight, note, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from companion.notes.model import COLORS
from companion.ui.kit.panels import reveal
from companion.ui.kit.theme import (
    DARK,
    HIGHLIGHTS_DARK,
    HIGHLIGHTS_LIGHT,
    LIGHT,
    Colors,
    contrast_ratio,
)
from companion.ui.shell.window import MainWindow
from tests.notes.support import notes_file, on_disk, saved_text
from tests.ui.highlights.support import (
    action_named,
    click_at,
    context_menu,
    drawn,
    model_of,
    select_with_keys,
    select_with_mouse,
    span_of,
    view_of,
)
from tests.ui.notes.support import open_window, press

READING = "dawn-of-system-leadership"
WORDS = "seeing the larger system"  # in the reading's key points


@pytest.mark.parametrize(
    ("colors", "table"), [(LIGHT, HIGHLIGHTS_LIGHT), (DARK, HIGHLIGHTS_DARK)], ids=["light", "dark"]
)
def test_every_highlight_colour_keeps_text_and_links_readable(
    colors: Colors, table: dict[str, str]
) -> None:
    assert list(table) == list(COLORS)
    for name, background in table.items():
        for role in ("text", "link"):
            ratio = contrast_ratio(getattr(colors, role), background)
            assert ratio >= 4.5, f"{role} on {name}: {ratio:.2f}"


def test_select_with_the_mouse_and_highlight_with_the_shortcut(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, WORDS)
    select_with_mouse(qtbot, view, start, end)
    assert view.selection() == (start, end)
    qtbot.waitUntil(view.toolbar.isVisible)  # the small toolbar by the selection
    assert not view.toolbar.delete.isVisible()
    press(qtbot, view.browser, "Ctrl+H")
    [highlight] = model_of(win).highlights(READING)
    assert (highlight.exact, highlight.color, highlight.source) == (WORDS, "yellow", "")
    assert (highlight.start, highlight.end) == (start, end)
    assert drawn(view) == [(highlight.id, start, end)]
    assert view.selection() is None and view.chosen == highlight.id
    qtbot.waitUntil(view.toolbar.delete.isVisible)  # now it is for the chosen highlight
    press(qtbot, view.browser, "Ctrl+Z")
    assert model_of(win).highlights() == [] and drawn(view) == []
    press(qtbot, view.browser, "Ctrl+Shift+Z")
    assert [h.id for h in model_of(win).highlights()] == [highlight.id]
    assert drawn(view) == [(highlight.id, start, end)]


# A popup menu on the offscreen platform says it cannot raise itself or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_select_with_the_keyboard_and_highlight_from_the_context_menu(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, WORDS)
    select_with_keys(qtbot, view, start, end)
    assert view.selection() == (start, end)
    context_menu(qtbot, view, start + 3, lambda menu: action_named(menu, "Highlight/Green")())
    [highlight] = model_of(win).highlights(READING)
    assert (highlight.exact, highlight.color) == (WORDS, "green")
    # On a highlight the menu recolours and deletes it.
    context_menu(
        qtbot, view, start + 3, lambda menu: action_named(menu, "Highlight Colour/Purple")()
    )
    assert model_of(win).highlight(highlight.id).color == "purple"  # type: ignore[union-attr]
    context_menu(qtbot, view, start + 3, lambda menu: action_named(menu, "Delete Highlight")())
    assert model_of(win).highlights() == []
    press(qtbot, view.browser, "Ctrl+Z")
    assert model_of(win).highlight(highlight.id).color == "purple"  # type: ignore[union-attr]
    press(qtbot, view.browser, "Ctrl+Z")
    assert model_of(win).highlight(highlight.id).color == "green"  # type: ignore[union-attr]


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_colours_are_chosen_from_the_keyboard_in_the_context_menu(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, WORDS)
    select_with_keys(qtbot, view, start, end)
    qtbot.waitUntil(view.toolbar.isVisible)
    # The bar is for the mouse (out of the Tab order); the keyboard has the same choices
    # in the text's context menu.
    context_menu(qtbot, view, start + 2, lambda menu: action_named(menu, "Highlight/Blue")())
    [highlight] = model_of(win).highlights(READING)
    assert (highlight.exact, highlight.color) == (WORDS, "blue")
    # The next Ctrl+H uses the colour chosen last.
    other = span_of(view, "fostering reflection")
    select_with_keys(qtbot, view, *other)
    press(qtbot, view.browser, "Ctrl+H")
    assert {h.color for h in model_of(win).highlights(READING)} == {"blue"}


def test_a_note_on_a_highlight_shows_in_the_panel_and_undoes_as_one_step(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    view = view_of(win, READING)
    select_with_mouse(qtbot, view, *span_of(view, WORDS))
    press(qtbot, view.browser, "Ctrl+Shift+H")  # Highlight with Note…
    panel = win.highlights.panel
    editor = panel.editor
    assert win.highlights.dock.isVisible() and editor.note.hasFocus()
    qtbot.keyClicks(editor.note, "Who sees *my* system?")
    [highlight] = model_of(win).highlights()
    assert highlight.note == "Who sees *my* system?"
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "week 3, systems")
    qtbot.keyClick(editor.tags, Qt.Key.Key_Return)
    assert model_of(win).highlight(highlight.id).tags == ["week 3", "systems"]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: [r.highlight.id for r in panel.rows.rows] == [highlight.id])
    qtbot.waitUntil(lambda: "week 3" in panel.rows.rows[0].second)
    [row] = panel.rows.rows
    assert row.first == f"“{WORDS}”"
    assert "Who sees my system?" in row.second and "The Dawn of System Leadership" in row.second
    qtbot.waitUntil(lambda: "Who sees *my* system?" in saved_text(notes_file(folder)))
    press(qtbot, editor.note, "Ctrl+Z")  # the tags
    press(qtbot, editor.note, "Ctrl+Z")  # all the typing at once
    assert model_of(win).highlight(highlight.id).note == ""  # type: ignore[union-attr]
    assert editor.note.toPlainText() == ""
    press(qtbot, editor.note, "Ctrl+Z")  # the highlight itself
    assert model_of(win).highlights() == []


def test_clicking_a_highlight_opens_its_note_and_delete_removes_it(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, WORDS)
    select_with_mouse(qtbot, view, start, end)
    press(qtbot, view.browser, "Ctrl+H")
    [highlight] = model_of(win).highlights()
    click_at(qtbot, view, end + 2)  # elsewhere: nothing is chosen
    qtbot.waitUntil(lambda: view.chosen is None and not view.toolbar.isVisible())
    win.highlights.dock.hide()
    click_at(qtbot, view, start + 4)  # inside the highlight
    qtbot.waitUntil(lambda: view.chosen == highlight.id)
    panel = win.highlights.panel
    assert win.highlights.dock.isVisible()
    assert panel.editor.highlight is not None and panel.editor.highlight.id == highlight.id
    assert panel.editor.quote.text() == f"“{WORDS}”"
    qtbot.keyClicks(panel.editor.note, "noted")
    assert model_of(win).highlight(highlight.id).note == "noted"  # type: ignore[union-attr]
    # Back in the text, Delete removes the chosen highlight; Ctrl+Z brings it back, note and all.
    click_at(qtbot, view, start + 4)
    qtbot.waitUntil(lambda: view.chosen == highlight.id)
    view.browser.setFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_Delete)
    assert model_of(win).highlights() == [] and drawn(view) == []
    assert "Ctrl+Z" in win.statusBar().currentMessage()
    press(qtbot, view.browser, "Ctrl+Z")
    assert model_of(win).highlight(highlight.id).note == "noted"  # type: ignore[union-attr]
    assert drawn(view) == [(highlight.id, start, end)]
    # The toolbar by a chosen highlight deletes it too.
    click_at(qtbot, view, start + 4)
    qtbot.waitUntil(lambda: view.toolbar.isVisible() and view.toolbar.delete.isVisible())
    qtbot.mouseClick(view.toolbar.delete, Qt.MouseButton.LeftButton)
    assert model_of(win).highlights() == [] and not view.toolbar.isVisible()


def test_the_panel_filters_and_jumps_to_a_highlight(qtbot: QtBot, win: MainWindow) -> None:
    highlights = win.highlights
    view = view_of(win, READING)
    select_with_mouse(qtbot, view, *span_of(view, WORDS))
    highlights.highlight(view, "green")
    far = span_of(view, "co-creating the future", after="What to look for")
    select_with_mouse(qtbot, view, *far)
    highlights.highlight(view, "pink")
    other = view_of(win, "ways-of-relating")
    select_with_keys(qtbot, other, *span_of(other, other.text.split()[0]))
    highlights.highlight(other, "pink")
    win.highlights.act.panel.trigger()
    panel = win.highlights.panel
    qtbot.waitUntil(lambda: len(panel.rows.rows) == 3)
    panel.colour.setCurrentIndex(panel.colour.findData("pink"))
    qtbot.waitUntil(lambda: len(panel.rows.rows) == 2)
    qtbot.keyClicks(panel.search, "co-creating")
    qtbot.waitUntil(lambda: len(panel.rows.rows) == 1)
    target = panel.rows.rows[0].highlight
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.list.hasFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert win.highlights.current_view() is view
    assert win.current_location() == READING and view.chosen == target.id
    caret = view.units.from_qt(view.browser.textCursor().position())
    assert caret == far[0] and view.browser.hasFocus()
    assert view.browser.viewport().rect().contains(view.browser.cursorRect().center())
    # Delete in the panel's list deletes the highlight chosen there.
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert model_of(win).highlight(target.id) is None and len(model_of(win).highlights()) == 2


def test_the_same_words_again_recolour_rather_than_double(qtbot: QtBot, win: MainWindow) -> None:
    view = view_of(win, READING)
    span = span_of(view, WORDS)
    select_with_mouse(qtbot, view, *span)
    win.highlights.highlight(view, "yellow")
    select_with_mouse(qtbot, view, *span)
    win.highlights.highlight(view, "blue")
    [highlight] = model_of(win).highlights()
    assert highlight.color == "blue"


def test_a_highlight_survives_saving_and_reopening(
    qtbot: QtBot, win: MainWindow, folder: Path, settings_file: Path
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, WORDS)
    select_with_mouse(qtbot, view, start, end)
    press(qtbot, view.browser, "Ctrl+H")
    win.close()
    saved = notes_file(folder).read_text(encoding="utf-8")
    assert f"exact: {WORDS}" in saved
    [stored] = on_disk(notes_file(folder)).highlights
    assert (stored.exact, stored.start, stored.end) == (WORDS, start, end)
    again = open_window(qtbot, folder, settings_file)
    view = view_of(again, READING)
    assert drawn(view) == [(stored.id, start, end)]


def test_highlight_actions_are_listed_and_do_not_clash(win: MainWindow) -> None:
    from companion.ui.shell.actions import shortcut_rows

    rows = dict(shortcut_rows(win.shortcut_actions()))
    assert rows["Highlight Selection"] == "Ctrl+H"
    assert rows["Highlight with Note…"] == "Ctrl+Shift+H"
    assert rows["Highlights Panel"] == "Ctrl+Shift+L"
    assert rows["Delete Highlight"] == "Del"
    window_wide = [
        s.toString()
        for a in win.actions()
        if a.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
        for s in a.shortcuts()
    ]
    assert len(window_wide) == len(set(window_wide)), sorted(window_wide)
    for action in win.highlights.act.shortcuts():
        assert action.toolTip() and action.statusTip()


def test_highlight_controls_are_named(qtbot: QtBot, win: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit

    view = view_of(win, READING)
    select_with_mouse(qtbot, view, *span_of(view, WORDS))
    press(qtbot, view.browser, "Ctrl+Shift+H")
    click_at(qtbot, view, span_of(view, WORDS)[0] + 3)  # back in the text, on the highlight
    qtbot.waitUntil(view.toolbar.isVisible)
    checked = 0
    for cls in (QAbstractButton, QAbstractItemView, QTextEdit, QLineEdit):
        for widget in win.findChildren(cls):
            if widget.isVisibleTo(win) and widget.objectName() != "qt_toolbar_ext_button":
                assert widget.accessibleName() or widget.text(), widget  # type: ignore[attr-defined]
                checked += 1
    assert view.toolbar.delete.isVisible() and checked > 20


# -- content updates ------------------------------------------------------------

GONE = "describe practices, not traits"
GONE_LINE = "describe practices, not traits. Ask what you would actually do"


def edit_bundle(folder: Path, old: str, new: str) -> None:
    path = folder / "bundle.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_removed_passage_orphans_its_highlight_and_its_return_places_it_again(
    qtbot: QtBot, win: MainWindow, folder: Path, settings_file: Path
) -> None:
    from companion.bundle import load_bundle

    view = view_of(win, READING)
    select_with_mouse(qtbot, view, *span_of(view, GONE))
    press(qtbot, view.browser, "Ctrl+H")
    gone = model_of(win).highlights()[0]
    model_of(win).update_highlight(gone.id, note="practices, not traits")
    kept_span = span_of(view, "The verbs.")
    select_with_mouse(qtbot, view, *kept_span)
    press(qtbot, view.browser, "Ctrl+H")
    win.close()
    edit_bundle(folder, GONE_LINE, "Ask what you would actually do")
    again = open_window(qtbot, folder, settings_file)
    view = view_of(again, READING)
    [kept] = [h for h in model_of(again).highlights() if h.id != gone.id]
    qtbot.waitUntil(lambda: [d[0] for d in drawn(view)] == [kept.id])  # the orphan is not drawn
    again.highlights.act.panel.trigger()
    panel = again.highlights.panel
    qtbot.waitUntil(lambda: [r.highlight.id for r in panel.orphan_rows.rows] == [gone.id])
    assert [r.highlight.id for r in panel.rows.rows] == [kept.id]
    assert panel.orphans.isVisible() and panel.orphans_heading.text() == "Orphans (1)"
    [row] = panel.orphan_rows.rows
    assert row.first == f"“{GONE}”" and "not found" in row.second
    # It is kept: in the model, and in the file.
    assert {h.id for h in on_disk(notes_file(folder)).highlights} == {gone.id, kept.id}
    # Choosing it shows its quote and note; going to it says why it is not in the text.
    panel.orphans.setCurrentIndex(panel.orphan_rows.index(0))
    assert panel.editor.note.toPlainText() == "practices, not traits"
    assert "Orphan" in panel.editor.meta.text()
    panel.orphans.activated.emit(panel.orphan_rows.index(0))
    assert again.current_location() == READING
    assert "not found" in again.statusBar().currentMessage()
    # The facilitator puts the passage back; reopening the bundle places it again.
    edit_bundle(folder, "Ask what you would actually do", GONE_LINE)
    again.set_bundle(load_bundle(folder), folder)
    qtbot.waitUntil(lambda: again.notes.session is not None and again.notes.session.writable)
    view = view_of(again, READING)
    start, end = span_of(view, GONE)
    qtbot.waitUntil(lambda: (gone.id, start, end) in drawn(view))
    reveal(again.docks.highlights)  # (a narrow window may have closed it to make room)
    qtbot.waitUntil(lambda: len(panel.rows.rows) == 2 and panel.orphan_rows.rows == [])
    assert not panel.orphans.isVisible()


def test_a_highlight_follows_its_text_and_the_file_records_where(
    qtbot: QtBot, win: MainWindow, folder: Path, settings_file: Path
) -> None:
    view = view_of(win, READING)
    start, end = span_of(view, GONE)
    select_with_mouse(qtbot, view, start, end)
    press(qtbot, view.browser, "Ctrl+H")
    [made] = model_of(win).highlights()
    win.close()
    # A paragraph added before it, and a word changed inside it.
    edit_bundle(
        folder,
        "      The touch-point puts this article first",
        "      A new first paragraph.\n\n      The touch-point puts this article first",
    )
    edit_bundle(folder, GONE_LINE, GONE_LINE.replace("traits", "trait"))
    again = open_window(qtbot, folder, settings_file)
    view = view_of(again, READING)
    new_start = view.text.index("describe practices, not trait")
    assert new_start > start
    qtbot.waitUntil(lambda: [(d[1], d[2]) for d in drawn(view)] == [(new_start, new_start + 29)])
    qtbot.waitUntil(
        lambda: (
            [(h.start, h.exact) for h in on_disk(notes_file(folder)).highlights]
            == [(new_start, "describe practices, not trait")]
        )
    )
    assert again.notes.undo.count() == 0  # placing is not an edit to undo
    assert model_of(again).highlight(made.id).created == made.created  # type: ignore[union-attr]


def test_an_emoji_before_the_selection_does_not_shift_the_quote(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    from companion.bundle import load_bundle
    from companion.bundle.pages import PageBuilder
    from companion.bundle.plaintext import plain_text

    edit_bundle(
        folder,
        "The touch-point puts this article first",
        "😀🎉 The touch-point puts this 👩🏽‍🏫 article first",
    )
    win = open_window(qtbot, folder, settings_file)
    view = view_of(win, READING)
    words = "Its question is not how one person"
    start, end = span_of(view, words)
    assert view.units.to_qt(start) > start  # surrogate pairs before it in Qt's positions
    select_with_mouse(qtbot, view, start, end)
    assert view.browser.textCursor().selectedText() == words
    press(qtbot, view.browser, "Ctrl+H")
    [highlight] = model_of(win).highlights()
    assert (highlight.exact, highlight.start, highlight.end) == (words, start, end)
    assert highlight.prefix.endswith("article first. ")
    bundle = load_bundle(folder)
    reading = next(r for r in bundle.readings if r.id == READING)
    assert plain_text(PageBuilder(bundle).page(reading).body)[start:end] == words
    assert drawn(view) == [(highlight.id, start, end)]
    # And back: a selection made from the model's positions selects the same words.
    cursor = view.browser.textCursor()
    cursor.setPosition(view.units.to_qt(start))
    cursor.setPosition(view.units.to_qt(end), cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == words


@pytest.mark.parametrize(
    "item",
    [
        "systems-leadership-definition",
        "ways-of-feeling",
        "stacey-model",
        "zone-of-complexity",
        "voice-simple-and-complex",
    ],
)
def test_every_tab_can_be_highlighted_with_the_keyboard(
    qtbot: QtBot, win: MainWindow, item: str
) -> None:
    view = view_of(win, item)
    words = view.text.split("\n")[0].split()[:3]
    start, end = span_of(view, " ".join(words))
    select_with_keys(qtbot, view, start, end)
    press(qtbot, view.browser, "Ctrl+H")
    [highlight] = model_of(win).highlights(item)
    assert highlight.exact == " ".join(words) and drawn(view) == [(highlight.id, start, end)]


def test_a_highlight_on_an_item_no_longer_in_the_bundle_is_an_orphan(
    qtbot: QtBot, win: MainWindow
) -> None:
    from companion.notes.model import Highlight, now

    stamp = now()
    model_of(win).put_highlight(
        Highlight(
            id="h-elsewhere",
            item="a-retired-reading",
            exact="words from a reading that was dropped",
            start=0,
            end=37,
            note="still mine",
            created=stamp,
            modified=stamp,
        )
    )
    win.highlights.act.panel.trigger()
    panel = win.highlights.panel
    qtbot.waitUntil(lambda: [r.highlight.id for r in panel.orphan_rows.rows] == ["h-elsewhere"])
    assert "not in this bundle" in panel.orphan_rows.rows[0].second
    panel.orphans.activated.emit(panel.orphan_rows.index(0))
    assert "not in this bundle" in win.statusBar().currentMessage()
    assert model_of(win).highlight("h-elsewhere") is not None


def test_screenshots_of_highlights(qtbot: QtBot, win: MainWindow, tmp_path: Path) -> None:
    """Pictures to look at (in tmp_path): highlights, the toolbar, the panel with an orphan."""
    from PySide6.QtWidgets import QApplication

    from companion.notes.model import Highlight, now
    from companion.ui.kit.theme import ThemeChoice, apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    highlights = win.highlights
    win.resize(1280, 800)
    view = view_of(win, READING)
    marks = {
        "catalyses* collective leadership": "yellow",
        "Nelson Mandela is their example": "green",
        "The three core capabilities": "blue",
        "fostering reflection and more generative conversations": "pink",
        "co-creating the future": "purple",
    }
    for words, color in marks.items():
        words = words.replace("*", "")
        select_with_mouse(qtbot, view, *span_of(view, words, after="What to look for"))
        highlights.highlight(view, color)
    first = model_of(win).highlights(READING)[0]
    model_of(win).update_highlight(
        first.id, note="Mandela as **catalyst**: who plays that part here?", tags=["week 3"]
    )
    stamp = now()
    model_of(win).put_highlight(
        Highlight(
            id="h-orphan",
            item=READING,
            exact="a passage the facilitators have since taken out of this reading",
            start=5,
            end=66,
            color="pink",
            note="This mattered to me",
            created=stamp,
            modified=stamp,
        )
    )
    highlights.act.panel.trigger()
    for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
        apply_theme(app, theme)
        win.navigate("ways-of-relating")  # the text is drawn again in the theme's colours
        view = view_of(win, READING)
        view.reveal(first.id)
        highlights.panel.select(first.id)
        qtbot.waitUntil(lambda: len(highlights.panel.orphan_rows.rows) == 1)
        view.browser.setFocus()  # the bar shows by the text worked in
        qtbot.waitUntil(view.toolbar.isVisible)
        shot = tmp_path / f"highlights-{theme.value}.png"
        assert win.grab().save(str(shot)) and shot.stat().st_size > 10_000
        select_with_mouse(qtbot, view, *span_of(view, "describe practices, not traits"))
        qtbot.waitUntil(view.toolbar.isVisible)  # pressing the mouse hid it
        assert not view.toolbar.delete.isVisible()
        shot = tmp_path / f"toolbar-{theme.value}.png"
        assert win.grab().save(str(shot)) and shot.stat().st_size > 10_000
    apply_theme(app, ThemeChoice.LIGHT)


def test_switching_theme_recolours_the_highlights_in_view(qtbot: QtBot, win: MainWindow) -> None:
    from companion.ui.kit.theme import ThemeChoice

    view = view_of(win, READING)
    select_with_mouse(qtbot, view, *span_of(view, WORDS))
    win.highlights.highlight(view, "green")

    def painted() -> set[str]:
        return {s.format.background().color().name() for s in view.browser.extraSelections()}

    assert painted() == {HIGHLIGHTS_LIGHT["green"]}
    win.choose_theme(ThemeChoice.DARK)
    qtbot.waitUntil(lambda: painted() == {HIGHLIGHTS_DARK["green"]})
    win.choose_theme(ThemeChoice.LIGHT)
    qtbot.waitUntil(lambda: painted() == {HIGHLIGHTS_LIGHT["green"]})


def test_a_window_taken_down_during_a_theme_switch_leaves_no_redraw_behind(
    qtbot: QtBot, win: MainWindow, folder: Path, settings_file: Path
) -> None:
    from PySide6.QtCore import QSettings

    from companion.bundle.loader import load_bundle
    from companion.ui.kit.theme import DARK, ThemeChoice, current_colors
    from companion.ui.shell.settings import Settings

    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    other = MainWindow(load_bundle(folder), folder, Settings(store))  # a second window
    other.show()
    other.finish_start()
    view_of(other, READING)
    other.close()
    with qtbot.waitSignal(other.destroyed):
        other.deleteLater()  # taken down on the event loop's next turn...
        # ...and a theme switch now has each pane redraw its highlights once Qt is
        # idle: the gone window's panes must not (pytest-qt fails the test on an
        # exception raised in the event loop, as such a redraw's was).
        win.choose_theme(ThemeChoice.DARK)
    qtbot.waitUntil(lambda: current_colors() is DARK)
    win.choose_theme(ThemeChoice.LIGHT)
