"""The note editor's fields reach the model as they are typed, whatever the learner does next.

The tags field used to keep what was typed to itself until it lost focus: tags typed
just before Ctrl+N, a tab switch, choosing another note or Ctrl+Q were lost while the
status bar said "saved".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
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
