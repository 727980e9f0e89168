"""The notes file under the window: one writer, bad files, changes from outside, conflict copies."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from companion.notes import disk, store
from companion.notes.fileformat import serialize
from companion.notes.model import Bookmark
from companion.notes.read_only import Why
from companion.ui.kit.background import Background
from companion.ui.notes import session as notes_session
from companion.ui.shell.window import MainWindow
from tests.notes.support import (
    BUNDLE_ID,
    STAMP,
    note,
    notes_file,
    on_disk,
    saved_text,
    with_records,
)
from tests.ui.notes.support import open_window, press, session_of


# -- one writer --------------------------------------------------------------
def test_a_second_window_on_the_same_notes_is_read_only_with_a_banner(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    first = open_window(qtbot, folder, settings_file)
    first.notes.toggle_bookmark("ways-of-being")
    qtbot.waitUntil(lambda: "ways-of-being" in saved_text(notes_file(folder)))
    second = open_window(qtbot, folder, settings_file, writable=False)
    session = session_of(second)
    assert session.read_only is not None and session.read_only.why is Why.LOCKED
    banner = second.notes.banner
    assert banner.isVisible()
    assert "read-only" in banner.label.text() and f"process {os.getpid()}" in banner.label.text()
    assert second.notes.status.text().startswith("Notes: read-only")
    # It shows the notes, and refuses to change them.
    assert session.model.is_bookmarked("ways-of-being")
    second.navigate("ways-of-doing")
    press(qtbot, second, "Ctrl+D")
    assert not session.model.is_bookmarked("ways-of-doing")
    assert not second.notes.act.new_note.isEnabled()
    assert second.notes.item_panel.editor.isReadOnly()
    # What the writer saves, the reader sees.
    first.notes.toggle_bookmark("ways-of-doing")
    qtbot.waitUntil(lambda: session.model.is_bookmarked("ways-of-doing"))
    # Once the writer closes, "Try Again" makes this window the writer.
    first.close()
    [try_again] = banner.buttons
    qtbot.mouseClick(try_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.writable)
    assert not banner.isVisible() and second.notes.act.new_note.isEnabled()


# -- files that cannot be used --------------------------------------------------
def _dialog(window: MainWindow) -> QMessageBox:
    box = window.notes.problem_dialog
    assert box is not None
    return box


def _button(box: QMessageBox, text: str) -> QAbstractButton | None:
    return next((b for b in box.buttons() if b.text() == text), None)


def _corrupt_with_a_backup(path: Path) -> bytes:
    """Two saves (the first is the backup), then broken YAML: what was written over them."""
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "from the backup")))
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "newer")))
    broken = b"schema_version: 1\nbundle: touchpoint-7\nnotes: [\n  - {id: n-1, item: x\n"
    path.write_bytes(broken)
    return broken


def test_a_corrupt_file_opens_read_only_untouched_and_offers_the_backup(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    broken = _corrupt_with_a_backup(path)
    window = open_window(qtbot, folder, settings_file, writable=False)
    session = session_of(window)
    assert session.read_only is not None and session.read_only.why is Why.CORRUPT
    assert f"{path}:" in session.read_only.reason  # which file, and the line
    qtbot.waitUntil(lambda: window.notes.problem_dialog is not None)
    box = _dialog(window)
    assert box.isVisible() and str(path) in box.informativeText()
    use, keep = _button(box, "Use the Backup"), _button(box, "Keep Read-Only")
    assert use is not None and keep is not None
    assert window.notes.banner.isVisible()
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert not session.writable and path.read_bytes() == broken
    # The banner offers the backup again; this time take it.
    [offer] = window.notes.banner.buttons
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    use = _button(_dialog(window), "Use the Backup")
    assert use is not None
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.writable)
    assert session.model.note("n-1").body == "from the backup"  # type: ignore[union-attr]
    assert not window.notes.banner.isVisible()
    [aside] = path.parent.glob(f"{path.name}.broken-*")
    assert aside.read_bytes() == broken


def test_a_corrupt_file_without_a_backup_is_never_overwritten(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    path.write_bytes(b"\x00\xff not yaml at all")
    window = open_window(qtbot, folder, settings_file, writable=False)
    qtbot.waitUntil(lambda: window.notes.problem_dialog is not None)
    box = _dialog(window)
    assert _button(box, "Use the Backup") is None and _button(box, "Keep Read-Only") is not None
    box.reject()
    window.notes.toggle_bookmark("ways-of-being")  # refused: read-only
    window.close()
    assert path.read_bytes() == b"\x00\xff not yaml at all"


def test_a_file_from_a_newer_companion_is_read_only_and_kept(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    newer = b"schema_version: 99\nbundle: touchpoint-7\nsomething_new: []\n"
    path.write_bytes(newer)
    window = open_window(qtbot, folder, settings_file, writable=False)
    session = session_of(window)
    assert session.read_only is not None and session.read_only.why is Why.TOO_NEW
    assert "newer Companion" in window.notes.banner.label.text()
    assert window.notes.problem_dialog is None
    window.close()
    assert path.read_bytes() == newer


# -- changes from outside ----------------------------------------------------
def test_an_outside_change_is_merged_with_an_unsaved_edit(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-mine", "ways-of-being", "draft")))
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    session.set_autosave_delay(60_000)  # the local edit stays unsaved until the merge
    window.navigate("ways-of-being")
    panel = window.notes.item_panel
    assert panel.note_id == "n-mine"
    panel.editor.setFocus()
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.editor, " and more")
    assert session.dirty
    # Another device (a sync tool) writes a new note and a bookmark.
    theirs = on_disk(path)
    theirs = msgspec.structs.replace(
        theirs,
        notes=[*theirs.notes, note("n-theirs", "zone-of-complexity", "from the laptop")],
        bookmarks=[Bookmark(item="ways-of-doing", created=STAMP)],
    )
    with qtbot.waitSignal(session.sig_reloaded, timeout=5000):
        store.save_notes(path, theirs)
    model = session.model
    assert model.note("n-mine").body == "draft and more"  # type: ignore[union-attr]
    assert model.note("n-theirs").body == "from the laptop"  # type: ignore[union-attr]
    assert model.is_bookmarked("ways-of-doing")
    assert panel.editor.toPlainText() == "draft and more"
    # The merge is saved at once: both sides are on disk.
    qtbot.waitUntil(
        lambda: {n.body for n in on_disk(path).notes} == {"draft and more", "from the laptop"}
    )
    # Typing goes on in the same note.
    qtbot.keyClicks(panel.editor, "!")
    assert model.note("n-mine").body == "draft and more!"  # type: ignore[union-attr]


def test_our_own_saves_are_not_taken_for_outside_changes(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    reloads: list[str] = []
    session.sig_reloaded.connect(reloads.append)
    for item in ("ways-of-being", "ways-of-doing", "ways-of-feeling"):
        window.notes.toggle_bookmark(item)
        session.save_now()
        qtbot.waitUntil(lambda item=item: item in saved_text(notes_file(folder)))  # type: ignore[misc]
    session.check_disk()
    qtbot.waitUntil(lambda: not session.busy)
    assert reloads == [] and window.notes.undo.count() == 3  # nothing reloaded, undo intact


def test_a_file_broken_on_disk_is_left_alone_and_edits_are_kept_aside(
    qtbot: QtBot, folder: Path, settings_file: Path, user_dirs: Path
) -> None:
    path = notes_file(folder)
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    window.notes.toggle_bookmark("ways-of-being")
    qtbot.waitUntil(lambda: "ways-of-being" in saved_text(path))
    session.set_autosave_delay(60_000)
    window.notes.toggle_bookmark("ways-of-doing")  # not saved yet
    broken = b"schema_version: 1\nbundle: [unclosed\n"
    with qtbot.waitSignal(session.sig_read_only_changed, timeout=5000):
        path.write_bytes(broken)
    assert session.read_only is not None and session.read_only.why is Why.BROKEN_ON_DISK
    assert window.notes.banner.isVisible()
    [rescued] = session.rescued
    assert rescued.is_relative_to(user_dirs) and "ways-of-doing" in rescued.read_text()
    assert str(rescued) in window.notes.banner.label.text()
    window.close()
    assert path.read_bytes() == broken


def test_conflict_copies_are_offered_merged_and_kept(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "here")))
    copy = path.with_name("touchpoint-7.notes (conflicted copy 2026-11-21).yaml")
    phone = with_records(
        note("n-2", "ways-of-doing", "from the phone"), bookmarks=("ways-of-doing",)
    )
    copy.write_bytes(serialize(phone))
    window = open_window(qtbot, folder, settings_file)
    bar = window.notes.copies_bar
    qtbot.waitUntil(bar.isVisible)
    assert copy.name in bar.label.text()
    merge = next(b for b in bar.buttons if b.text() == "&Merge")
    qtbot.mouseClick(merge, Qt.MouseButton.LeftButton)
    session = session_of(window)
    assert session.model.note("n-2").body == "from the phone"  # type: ignore[union-attr]
    assert session.model.is_bookmarked("ways-of-doing")
    assert not bar.isVisible() and not copy.exists()
    assert copy.with_name(copy.name + ".merged").exists()
    qtbot.waitUntil(lambda: {n.id for n in on_disk(path).notes} == {"n-1", "n-2"})


def test_background_jobs_run_off_the_ui_thread(qtbot: QtBot) -> None:
    background = Background()
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(background._sig_finished, timeout=5000):
        background.submit(
            threading.get_ident, lambda f: seen.append((f.result(), threading.get_ident()))
        )
    qtbot.waitUntil(lambda: bool(seen))
    [(worker, ui)] = seen
    assert worker != ui == threading.get_ident()
    background.shutdown()


# -- big saves and reads in a helper process ----------------------------------
def test_a_big_file_is_read_in_the_helper(
    qtbot: QtBot, folder: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk, "WORKER_BYTES", 1)
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "read over there")))
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    assert session._worker.started == 1  # it read the file
    assert session.model.note("n-1").body == "read over there"  # type: ignore[union-attr]
    window.notes.toggle_bookmark("ways-of-being")  # the file read is the one saved over
    qtbot.waitUntil(lambda: "ways-of-being" in saved_text(path))
    assert on_disk(path).notes == [note("n-1", "ways-of-being", "read over there")]


def test_a_big_corrupt_file_read_in_the_helper_is_kept_and_said_where(
    qtbot: QtBot, folder: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk, "WORKER_BYTES", 1)
    path = notes_file(folder)
    broken = _corrupt_with_a_backup(path)
    window = open_window(qtbot, folder, settings_file, writable=False)
    session = session_of(window)
    assert session._worker.started == 1  # the helper read it
    assert session.read_only is not None and session.read_only.why is Why.CORRUPT
    assert f"{path}:4: " in session.read_only.reason  # which file, and the line
    qtbot.waitUntil(lambda: window.notes.problem_dialog is not None)
    assert _button(_dialog(window), "Use the Backup") is not None
    [aside] = path.parent.glob(f"{path.name}.broken-*")
    assert aside.read_bytes() == broken
    window.close()
    assert path.read_bytes() == broken


def test_big_autosaves_go_through_the_helper(
    qtbot: QtBot, folder: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_session, "WORKER_SAVE_RECORDS", 1)
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    window.notes.toggle_bookmark("ways-of-being")
    qtbot.waitUntil(lambda: "ways-of-being" in saved_text(notes_file(folder)))
    assert session._worker._process is not None  # the helper did it
    window.close()
    assert session._worker._process is None


def test_without_a_helper_saves_still_happen(
    qtbot: QtBot, folder: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_session, "WORKER_SAVE_RECORDS", 1)
    monkeypatch.setattr(sys, "executable", str(folder / "no-such-python"))
    window = open_window(qtbot, folder, settings_file)
    window.notes.toggle_bookmark("ways-of-being")
    qtbot.waitUntil(lambda: "ways-of-being" in saved_text(notes_file(folder)))
    assert session_of(window).save_error is None


# -- saving while the learner types on -----------------------------------------
def test_typing_that_never_pauses_is_still_saved_within_the_longest_wait(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    """The autosave waited for a pause: 47 s of typing, then a crash, lost all of it."""
    path = notes_file(folder)
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    # Pauses are never long enough to save (as for a learner who types without stopping);
    # only the longest wait, which typing does not put off, can save.
    session.set_autosave_delay(3_600_000)
    window.navigate("ways-of-being")
    window.notes.new_note()
    editor = window.notes.item_panel.editor
    typist = QTimer()
    typist.setInterval(20)
    typist.timeout.connect(lambda: qtbot.keyClicks(editor, "a"))
    typist.start()
    try:
        qtbot.waitUntil(lambda: "aaa" in saved_text(path), timeout=20_000)
        assert typist.isActive()  # saved while the typing went on
    finally:
        typist.stop()
    assert notes_session.MAX_WAIT_MS <= 5000


# -- records the file holds twice ------------------------------------------------
def test_two_records_with_one_id_are_both_kept_and_saved(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    """A sync tool joined two files: one note id twice. The model kept one, the next
    save wrote one, and the other note was gone."""
    path = notes_file(folder)
    twice = with_records(
        note("n-same", "ways-of-being", "from the laptop"),
        note("n-same", "ways-of-doing", "from the phone"),
    )
    path.write_bytes(serialize(twice))
    messages: list[str] = []
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    session.sig_message.connect(messages.append)
    assert {n.body for n in session.model.notes()} == {"from the laptop", "from the phone"}
    # Both are written back, each with an id of its own, without waiting for an edit.
    qtbot.waitUntil(lambda: len({n.id for n in on_disk(path).notes}) == 2)
    assert {n.body for n in on_disk(path).notes} == {"from the laptop", "from the phone"}
    window.notes.toggle_bookmark("ways-of-feeling")
    qtbot.waitUntil(lambda: "ways-of-feeling" in saved_text(path))
    assert len(on_disk(path).notes) == 2


# -- a file the reader would refuse ----------------------------------------------------
def test_notes_too_big_to_read_back_are_not_written_and_the_learner_is_told(
    qtbot: QtBot, folder: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion import yamlio

    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "small")))
    before = path.read_bytes()
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    # The reader's own limit, made small so that a few notes pass it (the real 64 MiB
    # is tested in tests/notes/test_store.py): writer and reader share the one constant.
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", len(before) + 200)
    messages: list[str] = []
    session.sig_message.connect(messages.append)
    session.model.add_note("ways-of-doing", "x" * 400)
    qtbot.waitUntil(lambda: session.save_error is not None)
    assert path.read_bytes() == before  # never a file the next open would refuse
    error = session.save_error or ""
    assert "more than the" in error and "read back" in error
    assert window.notes.status.text().startswith("Notes: NOT saved (the notes would take")
    assert any("NOT saved" in m for m in messages)
    # Deleting the big note makes the notes fit again: the next save goes through.
    [big] = [n for n in session.model.notes() if n.item == "ways-of-doing"]
    session.model.delete_note(big.id)
    session.model.empty_trash()
    qtbot.waitUntil(lambda: session.save_error is None and not session.dirty)


@pytest.mark.timeout(60)  # reading the pipe, and so the window's Quit, waited forever
def test_a_fifo_for_notes_opens_read_only_and_the_window_still_quits(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    os.mkfifo(path)
    window = open_window(qtbot, folder, settings_file, writable=False)
    session = session_of(window)
    assert session.read_only is not None and session.read_only.why is Why.CORRUPT
    assert "it is a named pipe (FIFO), not a regular file" in session.read_only.reason
    qtbot.waitUntil(lambda: window.notes.problem_dialog is not None)
    assert "named pipe" in _dialog(window).informativeText()
    assert window.close()  # as Quit does: saves what it may, gives up the lock
    assert window.notes.session is None
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert sorted(p.name for p in path.parent.iterdir()) == [BUNDLE_ID, path.name]
