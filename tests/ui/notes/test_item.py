"""The note editor's fields reach the model as they are typed, whatever the learner does next.

The tags field used to keep what was typed to itself until it lost focus: tags typed
just before Ctrl+N, a tab switch, choosing another note or Ctrl+Q were lost while the
status bar said "saved".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QToolButton
from pytestqt.qtbot import QtBot

from companion.ui.kit.panels import reveal
from companion.ui.shell.window import MainWindow
from tests.notes.support import notes_file, on_disk
from tests.ui.notes.support import model_of, press

ITEM = "ways-of-relating"
CTRL = Qt.KeyboardModifier.ControlModifier


def new_note(qtbot: QtBot, window: MainWindow, text: str) -> str:
    press(qtbot, window, "Ctrl+N")
    panel = window.notes.item_panel
    qtbot.keyClicks(panel.editor, text)
    assert panel.note_id is not None
    return panel.note_id


@pytest.mark.parametrize("move_on", ["Ctrl+N", "Ctrl+2", "another note", "Ctrl+Q"])
def test_tags_typed_just_before_moving_on_are_saved(
    qtbot: QtBot, win: MainWindow, folder: Path, move_on: str
) -> None:
    win.navigate(ITEM)  # ``win``: tests/ui/conftest.py
    model, panel, path = model_of(win), win.notes.item_panel, notes_file(folder)
    other = new_note(qtbot, win, "another note")
    note_id = new_note(qtbot, win, "tagged")
    panel.tags.setFocus()
    qtbot.keyClicks(panel.tags, "week 3, draft")  # no Enter, and the field keeps the focus
    assert panel.tags.hasFocus()
    # In the model as typed: nothing waits in the field for it to lose focus.
    assert model.note(note_id).tags == ["week 3", "draft"]  # type: ignore[union-attr]
    if move_on == "another note":
        row = next(
            panel.list.item(i)
            for i in range(panel.list.count())
            if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == other
        )
        # Chosen with the keyboard from the list: the tags field never had Enter pressed.
        panel.list.setCurrentItem(row)
    else:
        combination = move_on.split("+")[1]
        qtbot.keyClick(panel.tags, getattr(Qt.Key, f"Key_{combination}"), CTRL)
    if move_on == "Ctrl+Q":
        assert not win.isVisible()  # quit: closing saved at once
    else:
        qtbot.waitUntil(lambda: win.notes.status.text() == "✓ Saved")
    saved = {n.id: n for n in on_disk(path).notes}
    assert saved[note_id].tags == ["week 3", "draft"]
    assert saved[other].tags == []


def test_highlight_tags_reach_the_model_as_they_are_typed(qtbot: QtBot, win: MainWindow) -> None:
    from companion.notes.anchoring import Anchor

    win.navigate(ITEM)
    model = model_of(win)
    highlight = model.add_highlight(ITEM, Anchor("relating", "", "", 0, 8))
    reveal(win.highlights.dock)
    panel = win.highlights.panel
    qtbot.waitUntil(lambda: panel.rows.rows != [])
    panel.select(highlight.id)
    editor = panel.editor
    qtbot.waitUntil(lambda: editor.highlight is not None)
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "to revisit")
    assert editor.tags.hasFocus()
    assert model.highlight(highlight.id).tags == ["to revisit"]  # type: ignore[union-attr]
    # Typed tags are one undo step, like typed text.
    press(qtbot, editor.tags, "Ctrl+Z")
    assert model.highlight(highlight.id).tags == []  # type: ignore[union-attr]
    assert editor.tags.text() == ""


def _choose_completion(qtbot: QtBot, field: QLineEdit, typed: str, expected: str) -> None:
    """Type ``typed`` and take ``expected`` from the completer's popup, as by the keyboard."""
    completer = field.completer()
    assert completer is not None
    field.setFocus()
    qtbot.keyClicks(field, typed)
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    shown = completer.completionModel()
    offered = [shown.index(r, 0).data() for r in range(shown.rowCount())]
    assert expected in offered, offered
    for _ in range(offered.index(expected) + 1):  # down the list to it
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert field.text() == expected
    qtbot.keyClick(popup, Qt.Key.Key_Return)


# The completer's popup on the offscreen platform:
@pytest.mark.qt_log_ignore("does not support (raise|grabbing the keyboard)")
def test_tags_are_chips_completed_from_the_learners_own_tags(qtbot: QtBot, win: MainWindow) -> None:
    model = model_of(win)
    panel = win.notes.item_panel
    first = new_note(qtbot, win, "first")
    panel.tags.setFocus()
    qtbot.keyClicks(panel.tags, "week 3, reflection")
    qtbot.keyClick(panel.tags, Qt.Key.Key_Return)
    assert panel.tags.chip_texts() == ["week 3", "reflection"] and panel.tags.text() == ""
    chips = panel.tags.chip_row.findChildren(QToolButton, "tagChip")
    assert [c.text() for c in chips] == ["week 3  ✕", "reflection  ✕"]
    assert model.note(first).tags == ["week 3", "reflection"]  # type: ignore[union-attr]
    second = new_note(qtbot, win, "second")
    assert panel.tags.chip_texts() == [] and not panel.tags.chip_row.isVisible()
    _choose_completion(qtbot, panel.tags, "FLEC", "reflection")  # any part, any case
    qtbot.waitUntil(lambda: panel.tags.text() == "")
    assert panel.tags.chip_texts() == ["reflection"]
    assert model.note(second).tags == ["reflection"]  # type: ignore[union-attr]
    # A chip's ✕ removes its tag, and Undo brings it back.
    win.activateWindow()  # the popup had the keyboard: shortcuts reach the active window
    qtbot.waitUntil(win.isActiveWindow)
    [chip] = panel.tags.chip_row.findChildren(QToolButton, "tagChip")
    chip.click()
    assert model.note(second).tags == []  # type: ignore[union-attr]
    press(qtbot, panel.tags, "Ctrl+Z")  # Undo from the tags field reaches the stack
    assert model.note(second).tags == ["reflection"]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: panel.tags.chip_texts() == ["reflection"])


@pytest.mark.qt_log_ignore("does not support (raise|grabbing the keyboard)")
def test_an_item_is_linked_by_its_title_without_typing_ids(qtbot: QtBot, win: MainWindow) -> None:
    model = model_of(win)
    panel = win.notes.item_panel
    note_id = new_note(qtbot, win, "Compare with ")
    panel.link_button.click()
    assert panel.link_field.isVisible() and panel.link_field.hasFocus()
    _choose_completion(qtbot, panel.link_field, "of bei", "Ways of being")
    expected = "Compare with [Ways of being](item:ways-of-being)"
    assert panel.editor.toPlainText() == expected
    assert model.note(note_id).body == expected  # type: ignore[union-attr]
    assert not panel.link_field.isVisible() and panel.editor.hasFocus()


def test_edit_and_preview_share_one_box(qtbot: QtBot, win: MainWindow) -> None:
    panel = win.notes.item_panel
    new_note(qtbot, win, "**Bold** idea")
    assert panel.editor.isVisible() and not panel.preview.isVisible()
    panel.preview_button.click()
    assert panel.preview.isVisible() and not panel.editor.isVisible()
    assert panel.preview.toPlainText().strip() == "Bold idea"
    panel.edit_button.click()
    assert panel.editor.isVisible() and not panel.preview.isVisible()


def test_the_list_shows_several_notes_at_a_small_window(qtbot: QtBot, win: MainWindow) -> None:
    win.resize(1024, 640)
    panel = win.notes.item_panel
    for n in range(5):
        new_note(qtbot, win, f"note {n}")
    qtbot.waitUntil(lambda: panel.list.count() == 5)
    viewport = panel.list.viewport().rect()
    shown = [
        r for r in range(5) if viewport.contains(panel.list.visualItemRect(panel.list.item(r)))
    ]
    assert len(shown) >= 4, shown


def test_no_empty_boxes_without_a_note(qtbot: QtBot, win: MainWindow) -> None:
    panel = win.notes.item_panel
    assert win.notes.item is not None and panel.note_id is None
    assert panel.empty.isVisible() and "No notes on this item yet" in panel.empty.text()
    assert not panel.editor.isVisible() and not panel.tags.isVisible()
    press(qtbot, win, "Ctrl+N")  # a page to write on, and nothing else
    assert panel.editor.isVisible() and panel.editor.hasFocus()


def test_on_this_item_lists_notes_and_highlights_together(qtbot: QtBot, win: MainWindow) -> None:
    from companion.notes.anchoring import Anchor
    from companion.ui.notes.item import HIGHLIGHT_ROLE

    win.navigate(ITEM)
    model = model_of(win)
    panel = win.notes.item_panel
    note_id = new_note(qtbot, win, "my note")
    highlight = model.add_highlight(ITEM, Anchor("relating", "", "", 0, 8), note="said so")
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    rows = [panel.list.item(r) for r in range(2)]
    assert rows[0].data(Qt.ItemDataRole.UserRole) == note_id
    assert rows[1].data(HIGHLIGHT_ROLE) == highlight.id
    assert rows[1].text() == "“relating”\nhighlight · said so"
    # Choosing the highlight's row opens no note; activating it shows it in the text.
    panel.list.setCurrentItem(rows[1])
    assert panel.note_id is None and not panel.editor.isVisible()
    win.navigate("ways-of-being")
    qtbot.waitUntil(lambda: panel.list.count() == 0)
    win.navigate(ITEM)
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    panel.list.setFocus()
    with qtbot.waitSignal(panel.sig_highlight_activated):
        panel.list.itemActivated.emit(panel.list.item(1))
    tab = win.current_tab()
    assert tab is not None and win.current_location() == ITEM
    qtbot.waitUntil(tab.pane.browser.hasFocus)  # the text, at the highlight
