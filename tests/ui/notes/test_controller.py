"""Writing notes with the keyboard: new, edit, tags, delete, undo, trash, the notes panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.paths import shipped_bundle_dir
from companion.ui.kit.panels import reveal
from companion.ui.kit.theme import DARK, LIGHT, ThemeChoice, apply_theme, contrast_ratio
from companion.ui.notes.panel import Kind
from companion.ui.shell.window import MainWindow
from tests.notes.support import notes_file, on_disk, saved_text
from tests.ui.notes.support import model_of, open_window, press

ITEM = "ways-of-relating"


@pytest.fixture
def win(qtbot: QtBot, folder: Path, settings_file: Path) -> MainWindow:
    window = open_window(qtbot, folder, settings_file)
    window.navigate(ITEM)
    return window


def write_note(qtbot: QtBot, window: MainWindow, text: str) -> str:
    """Ctrl+N, then type: returns the new note's id (the first keystroke makes the note)."""
    press(qtbot, window, "Ctrl+N")
    panel = window.notes.item_panel
    assert panel.editor.hasFocus() and (panel.drafting, panel.note_id) == (True, None)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(panel.editor, Qt.Key.Key_Return)
        qtbot.keyClicks(panel.editor, line)
    assert panel.note_id is not None and not panel.drafting  # made by the first keystroke
    return panel.note_id


def test_a_note_typed_with_the_keyboard_is_autosaved(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    path = notes_file(folder)
    note_id = write_note(qtbot, win, "Who do I lean on?")
    assert model_of(win).note(note_id).body == "Who do I lean on?"  # type: ignore[union-attr]
    assert win.notes.status.text().startswith("Notes: unsaved changes…")
    qtbot.waitUntil(lambda: "Who do I lean on?" in saved_text(path))
    qtbot.waitUntil(lambda: win.notes.status.text() == "✓ Saved")
    assert str(path) in win.notes.status.toolTip()  # the file, on hover
    assert "beside the bundle" in win.notes.status.toolTip()
    [note] = on_disk(path).notes
    assert (note.id, note.item) == (note_id, ITEM)


def test_the_status_says_saved_with_a_tick_only_once_the_file_is_on_disk(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    path = notes_file(folder)
    assert not path.exists()  # a learner who has written nothing yet
    status = win.notes.status
    assert "saved" not in status.text().lower().replace("will be saved", "")
    assert status.text() == "Notes: none yet"
    assert "will be saved in" in status.toolTip() and str(path) in status.toolTip()
    win.notes.toggle_bookmark(ITEM)
    qtbot.waitUntil(lambda: status.text() == "✓ Saved")
    assert path.exists() and ITEM in saved_text(path)
    assert status.toolTip().startswith("Your notes are saved in") and str(path) in status.toolTip()


def test_closing_saves_at_once(qtbot: QtBot, win: MainWindow, folder: Path) -> None:
    assert win.notes.session is not None
    win.notes.session.set_autosave_delay(60_000)  # only the close can save it
    write_note(qtbot, win, "kept on close")
    assert "kept on close" not in saved_text(notes_file(folder))
    win.close()
    assert on_disk(notes_file(folder)).notes[0].body == "kept on close"
    assert not (notes_file(folder).with_name("touchpoint-7.notes.yaml.lock")).exists()


def test_the_rendered_view_follows_the_editor_and_links_stay_safe(
    qtbot: QtBot, win: MainWindow, opened_urls: list[str]
) -> None:
    write_note(
        qtbot, win, "**Bold** idea, see [being](item:ways-of-being) ![x](file:///etc/passwd)"
    )
    preview = win.notes.item_panel.preview
    qtbot.waitUntil(lambda: "Bold idea, see being x" in preview.toPlainText())  # image: words
    image = preview.loadResource(2, QUrl("file:///etc/passwd"))
    assert isinstance(image, QImage) and image.size() == QSize(1, 1)  # blank, from memory
    win.notes.item_panel.sig_link_activated.emit(QUrl("item:ways-of-being"))
    assert win.current_location() == "ways-of-being"
    assert opened_urls == []


def test_undo_and_redo_typing_tags_and_a_new_note(qtbot: QtBot, win: MainWindow) -> None:
    model = model_of(win)
    panel = win.notes.item_panel
    note_id = write_note(qtbot, win, "abc")
    # A new note and the typing that made it are one step; Undo pressed in the editor
    # reaches the window's stack, and takes the note away whole.
    assert win.notes.undo.count() == 1 and win.notes.undo.undoText() == "New Note"
    press(qtbot, panel.editor, "Ctrl+Z")
    assert model.note(note_id) is None and model.notes(ITEM) == []
    press(qtbot, win, "Ctrl+Shift+Z")
    assert model.note(note_id).body == "abc"  # type: ignore[union-attr]
    panel.select_note(note_id)
    assert panel.editor.toPlainText() == "abc"
    # Tags: typed with commas, applied with Enter, one undo step of their own.
    panel.tags.setFocus()
    qtbot.keyClicks(panel.tags, "week 3,  reflection , week 3")
    qtbot.keyClick(panel.tags, Qt.Key.Key_Return)
    assert model.note(note_id).tags == ["week 3", "reflection"]  # type: ignore[union-attr]
    press(qtbot, win, "Ctrl+Z")
    assert model.note(note_id).tags == []  # type: ignore[union-attr]
    assert panel.tags.text() == ""
    assert model.note(note_id).body == "abc"  # type: ignore[union-attr]


def test_typing_after_moving_away_is_a_new_undo_step(qtbot: QtBot, win: MainWindow) -> None:
    model = model_of(win)
    panel = win.notes.item_panel
    note_id = write_note(qtbot, win, "first")
    panel.list.setFocus()  # leaving the editor ends the step
    panel.editor.setFocus()
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.editor, " second")
    press(qtbot, panel.editor, "Ctrl+Z")
    assert model.note(note_id).body == "first"  # type: ignore[union-attr]


def test_delete_with_the_keyboard_and_undo(qtbot: QtBot, win: MainWindow) -> None:
    model = model_of(win)
    panel = win.notes.item_panel
    first = write_note(qtbot, win, "one")
    second = write_note(qtbot, win, "two")
    assert [n.id for n in model.notes(ITEM)] == [first, second]
    press(qtbot, panel.editor, "Ctrl+Shift+Del")
    assert [n.id for n in model.trash()] == [second]
    assert panel.note_id == first and panel.editor.toPlainText() == "one"
    # Delete on the list of notes moves the chosen one to the trash too.
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert model.notes(ITEM) == [] and len(model.trash()) == 2
    assert "No notes on this item yet" in panel.empty.text()
    press(qtbot, win, "Ctrl+Z")
    assert [n.id for n in model.notes(ITEM)] == [first]
    assert model.note(first).body == "one"  # type: ignore[union-attr]
    press(qtbot, win, "Ctrl+Shift+Z")
    assert model.notes(ITEM) == []


def test_trash_restores_and_empties_and_emptying_can_be_undone(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    model = model_of(win)
    keep = write_note(qtbot, win, "keep me")
    drop = write_note(qtbot, win, "drop me")
    win.notes.delete_note()
    win.notes.item_panel.select_note(keep)
    win.notes.delete_note()
    assert {n.id for n in model.trash()} == {keep, drop}
    win.notes.act.show_trash.trigger()
    trash = win.notes.trash
    assert trash is not None and trash.isVisible()
    assert trash.list.count() == 2 and not trash.nothing.isVisible()
    for row in range(trash.list.count()):
        # The trash lists every kind of record: a row holds (kind, id).
        if trash.list.item(row).data(Qt.ItemDataRole.UserRole) == ("note", keep):
            trash.list.setCurrentRow(row)
    qtbot.mouseClick(trash.restore, Qt.MouseButton.LeftButton)
    assert model.note(keep) is not None and trash.list.count() == 1
    qtbot.mouseClick(trash.empty, Qt.MouseButton.LeftButton)
    assert model.trash() == [] and trash.list.count() == 0 and not trash.empty.isEnabled()
    qtbot.waitUntil(lambda: on_disk(notes_file(folder)).trash == [])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    press(qtbot, win, "Ctrl+Z")
    assert [n.id for n in model.trash()] == [drop] and trash.list.count() == 1
    qtbot.waitUntil(lambda: [n.id for n in on_disk(notes_file(folder)).trash] == [drop])
    trash.close()


def test_notes_panel_filters_by_text_tag_and_kind_and_jumps(qtbot: QtBot, win: MainWindow) -> None:
    notes = win.notes
    model = model_of(win)
    relating = model.add_note(ITEM, "Map the relationships I rely on", ["reflection"])
    model.add_note("zone-of-complexity", "Most of my week sits here", ["work"])
    being = model.add_note("ways-of-being", "Quiet authority", ["reflection", "work"])
    notes.toggle_bookmark("dawn-of-system-leadership")
    press(qtbot, win, "Ctrl+Shift+F")
    panel = notes.notes_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.search.hasFocus()

    def shown() -> list[str]:
        return [e.note_id or e.item for e in panel.entries.rows]

    qtbot.waitUntil(lambda: len(shown()) == 4)
    assert "4 of 4 shown" in panel.count.text()
    qtbot.keyClicks(panel.search, "week")
    qtbot.waitUntil(lambda: len(shown()) == 1)
    panel.search.clear()
    panel.tag.setCurrentIndex(panel.tag.findText("reflection"))
    qtbot.waitUntil(lambda: shown() == [relating.id, being.id])
    panel.tag.setCurrentIndex(0)
    panel.kind.setCurrentIndex(list(Kind).index(Kind.BOOKMARKS))
    qtbot.waitUntil(lambda: shown() == ["dawn-of-system-leadership"])
    panel.kind.setCurrentIndex(list(Kind).index(Kind.NOTES))
    qtbot.waitUntil(lambda: len(shown()) == 3)
    # Enter in the filter moves to the list; Enter on a row goes to its item and note.
    qtbot.keyClicks(panel.search, "quiet")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.list.hasFocus() and shown() == [being.id]
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert win.current_location() == "ways-of-being"
    assert notes.item_panel.note_id == being.id
    assert notes.item_panel.editor.toPlainText() == "Quiet authority"
    # Typing in a note updates its row in place.
    notes.item_panel.editor.setFocus()
    qtbot.keyClicks(notes.item_panel.editor, "!")
    assert panel.entries.rows[0].first == "Quiet authority!"


def test_notes_on_the_shipped_bundle_go_to_the_data_folder(
    qtbot: QtBot, settings_file: Path, user_dirs: Path
) -> None:
    win = open_window(qtbot, shipped_bundle_dir(), settings_file)
    session = win.notes.session
    assert session is not None
    assert session.path.is_relative_to(user_dirs)
    text = win.notes.status.toolTip()
    assert not session.location.beside_bundle and "data folder" in session.location.reason
    assert session.location.reason in text
    assert str(Path("~") / session.path.relative_to(Path.home())) in text  # inside home
    win.notes.toggle_bookmark("ways-of-being")
    qtbot.waitUntil(lambda: "ways-of-being" in saved_text(session.path))
    assert not list(shipped_bundle_dir().parent.glob("*.notes.yaml*"))


def test_new_controls_are_named_and_actions_listed(qtbot: QtBot, win: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit

    from companion.ui.shell.actions import shortcut_rows

    win.notes.act.all_notes.trigger()
    win.notes.act.bookmarks.trigger()
    for cls in (QAbstractButton, QAbstractItemView, QTextEdit, QLineEdit):
        for widget in win.findChildren(cls):
            if widget.isVisibleTo(win) and widget.objectName() != "qt_toolbar_ext_button":
                assert widget.accessibleName() or widget.text(), widget  # type: ignore[attr-defined]
    for action in win.actions():
        assert action.toolTip(), action.text()
    rows = dict(shortcut_rows(win.shortcut_actions()))
    assert rows["Toggle Bookmark"] == "Ctrl+D"
    assert rows["New Note"].startswith("Ctrl+N")
    assert rows["Undo"].startswith("Ctrl+Z") and rows["Redo"].startswith("Ctrl+Shift+Z")


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_banner_and_star_colours_keep_their_contrast(colors: object) -> None:
    assert contrast_ratio(colors.warning_text, colors.warning_bg) >= 4.5  # type: ignore[attr-defined]
    for background in ("base", "window", "alt_base"):
        assert contrast_ratio(colors.star, getattr(colors, background)) >= 4.5  # type: ignore[attr-defined]


def test_screenshots_of_the_notes_panels(qtbot: QtBot, win: MainWindow, tmp_path: Path) -> None:
    """Pictures to look at (kept in tmp_path); also proves nothing breaks in either theme."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    write_note(qtbot, win, "## Who do I lean on?\n\nMap the **relationships** I rely on.")
    win.notes.toggle_bookmark(ITEM)
    for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
        apply_theme(app, theme)
        win.resize(1100, 720)
        assert win.grab().save(str(tmp_path / f"notes-{theme.value}.png"))
        assert (tmp_path / f"notes-{theme.value}.png").stat().st_size > 10_000
    apply_theme(app, ThemeChoice.LIGHT)


def test_opening_another_bundle_saves_and_releases_the_notes(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    from companion.bundle import load_bundle

    assert win.notes.session is not None
    old = win.notes.session
    old.set_autosave_delay(60_000)
    write_note(qtbot, win, "before switching")
    win.set_bundle(load_bundle(shipped_bundle_dir()), shipped_bundle_dir())
    assert on_disk(notes_file(folder)).notes[0].body == "before switching"
    assert not old.lock.path.exists() and win.notes.undo.count() == 0
    new = win.notes.session
    assert new is not None and new is not old and new.path != old.path
    qtbot.waitUntil(lambda: new.writable)
    assert model_of(win).notes() == []


def test_the_open_panels_are_remembered(qtbot: QtBot, folder: Path, settings_file: Path) -> None:
    first = open_window(qtbot, folder, settings_file)
    first.notes.act.bookmarks.trigger()
    assert first.notes.bookmarks_dock.isVisible()
    first.close()
    again = open_window(qtbot, folder, settings_file)
    # Offscreen, the screen is 800 wide: the window comes back narrower than it was left,
    # and the panels make room for the text until it is as wide again.
    again.resize(1100, 720)
    qtbot.waitUntil(lambda: not again.notes.bookmarks_dock.visibleRegion().isEmpty())
    assert again.notes.bookmarks_dock.isVisible() and again.notes.act.bookmarks.isChecked()
    # In front of its tab group, as the learner left it (not behind "Notes").
    assert not again.notes.bookmarks_dock.visibleRegion().isEmpty()
    assert again.notes.item_dock.visibleRegion().isEmpty()


def test_a_note_left_empty_is_discarded_and_never_saved(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    model, panel = model_of(win), win.notes.item_panel
    kept = write_note(qtbot, win, "kept")
    # New Note alone makes no record: nothing to save, nothing to undo.
    count = win.notes.undo.count()
    press(qtbot, win, "Ctrl+N")
    assert panel.drafting and [n.id for n in model.notes(ITEM)] == [kept]
    assert win.notes.undo.count() == count
    # Written, erased, left: as if never written (no record, no undo step).
    qtbot.keyClicks(panel.editor, "x")
    gone = panel.note_id
    assert gone is not None and model.note(gone) is not None
    qtbot.keyClick(panel.editor, Qt.Key.Key_Backspace)
    panel.select_note(kept)
    qtbot.waitUntil(lambda: model.note(gone) is None)
    assert win.notes.undo.count() == count and win.notes.undo.undoText() == "New Note"
    assert [n.id for n in model.notes(ITEM)] == [kept] and model.trash() == []
    # An older note emptied and left is discarded too, in an undoable step.
    panel.editor.selectAll()
    qtbot.keyClick(panel.editor, Qt.Key.Key_Delete)
    win.navigate("ways-of-being")
    qtbot.waitUntil(lambda: model.note(kept) is None)
    assert win.notes.undo.undoText() == "Discard Empty Note" and model.trash() == []
    win.notes.undo.undo()
    assert model.note(kept) is not None  # Undo brings it back, as it was left
    win.notes.undo.redo()
    assert model.note(kept) is None
    win.close()
    assert on_disk(notes_file(folder)).notes == []


def test_notes_with_dates_no_clock_can_show_break_no_panel(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    """0001-01-01T00:00:00+14:00 and year 9999 raised OverflowError in every panel: lists
    stayed empty and the editor showed another item's note."""
    from companion.notes.fileformat import serialize
    from companion.notes.model import Bookmark, Note, NotesFile, empty_file
    from companion.notes.store import save_notes

    good = "2026-01-02T03:04:05.000Z"
    early, late = "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"
    data = NotesFile(
        schema_version=2,
        bundle="touchpoint-7",
        notes=[
            Note(id="n-early", item=ITEM, body="from year one", created=early, modified=early),
            Note(id="n-late", item=ITEM, body="from year 9999", created=good, modified=late),
            Note(id="n-other", item="ways-of-being", body="elsewhere", created=good, modified=good),
        ],
        trash=[
            Note(id="n-gone", item=ITEM, body="trashed", created=good, modified=good, deleted=late)
        ],
        bookmarks=[Bookmark(item=ITEM, created=early)],
    )
    assert serialize(data) != serialize(empty_file("touchpoint-7"))
    save_notes(notes_file(folder), data)
    window = open_window(qtbot, folder, settings_file)
    window.navigate(ITEM)
    panel = window.notes.item_panel
    rows = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert len(rows) == 2 and any("from year one" in r for r in rows)
    for note_id, body in (("n-early", "from year one"), ("n-late", "from year 9999")):
        panel.select_note(note_id)
        assert panel.editor.toPlainText() == body  # its own note, never another item's
    assert "9999" not in panel.meta.text() and "0001" not in panel.meta.text()
    reveal(window.notes.all_notes_dock)
    listed = window.notes.notes_panel
    qtbot.waitUntil(lambda: len(listed.entries.rows) == 4)  # 3 notes and the bookmark
    assert all("0001" not in e.second and "9999" not in e.second for e in listed.entries.rows)
    reveal(window.notes.bookmarks_dock)
    window.notes.show_trash()
    trash = window.notes.trash
    assert trash is not None and trash.list.count() == 1
    assert trash.list.item(0).text().endswith("· deleted")  # shown without the date


def test_the_status_is_never_cut_short(qtbot: QtBot, win: MainWindow) -> None:
    """ "Notes: none yet" and "✓ Saved" are shown whole, after one another and zoomed in."""
    status = win.notes.status

    def shown_whole() -> bool:
        room = status.width() - 8  # the label's side padding
        metrics = QFontMetricsF(status.font())
        cut = metrics.elidedText(status.text(), Qt.TextElideMode.ElideMiddle, room)
        return bool(cut == status.text())

    for text in ("✓ Saved", "Notes: none yet", "✓ Saved"):
        win.notes._status_changed(text, "")
        qtbot.waitUntil(shown_whole)
    press(qtbot, win.tabs, "Ctrl+=")
    press(qtbot, win.tabs, "Ctrl+=")
    win.notes._status_changed("Notes: none yet", "")
    qtbot.waitUntil(shown_whole)
