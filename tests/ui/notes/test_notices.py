"""What the window tells the learner when notes would otherwise be lost or hidden.

Each test is an attack found on the real window: an older copy of the file put back,
a read-only folder beside the bundle, edits rescued at a failed quit, a save cut short,
a lock left by another computer.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from companion.notes import model as notes_model
from companion.notes import store
from companion.notes.anchoring import Anchor
from companion.notes.fileformat import serialize
from companion.notes.kept import keep_aside
from companion.notes.read_only import Why
from companion.notes.records import Rating
from companion.paths import user_data_dir
from companion.ui.kit.widgets import MessageBar
from tests.conftest import read_only_folder
from tests.notes.support import BUNDLE_ID, note, notes_file, on_disk, saved_text, with_records
from tests.ui.notes.support import open_window, session_of


def click(qtbot: QtBot, bar: MessageBar, text: str) -> None:
    button: QPushButton = next(b for b in bar.buttons if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- 2: an outside change that removes records ---------------------------------------
def test_an_older_copy_put_back_sends_notes_to_the_trash_and_says_so(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    model = session.model
    model.add_note("ways-of-being", "written first")
    qtbot.waitUntil(lambda: "written first" in saved_text(path))
    older = path.read_bytes()
    later = model.add_note("ways-of-doing", "written later")
    model.set_bookmark("ways-of-doing", True)
    mark = model.add_highlight("ways-of-doing", Anchor("doing", "", "", 0, 5))
    qtbot.waitUntil(lambda: "written later" in saved_text(path) and mark.id in saved_text(path))
    # A backup restore (or a sync tool, or git checkout) puts the older copy back.
    (path.parent / "restored.tmp").write_bytes(older)
    os.replace(path.parent / "restored.tmp", path)
    qtbot.waitUntil(lambda: model.note(later.id) is None)
    [moved] = model.trash()  # not gone: in the trash, marked
    assert (moved.id, moved.body) == (later.id, "written later")
    assert notes_model.REMOVED_TAG in moved.tags
    bar = window.notes.notices.removed_bar
    assert bar.isVisible()
    assert (
        "1 note, 1 highlight and 1 bookmark were removed from your notes file by another "
        "program or an older copy of the file" in bar.label.text()
    )
    assert "in Notes → Trash and can be restored" in bar.label.text()
    # What the merge kept is written back at once.
    qtbot.waitUntil(lambda: [n.id for n in on_disk(path).trash] == [later.id])
    # The trash says what happened, and restoring puts the note back as it was.
    click(qtbot, bar, "Show Trash")
    trash = window.notes.trash
    assert trash is not None and trash.isVisible()
    assert "removed by another program or an older copy" in trash.list.item(0).text()
    trash.list.setCurrentRow(0)
    qtbot.mouseClick(trash.restore, Qt.MouseButton.LeftButton)
    assert model.note(later.id).tags == []  # type: ignore[union-attr]
    # The highlight and the bookmark were kept aside: Put Back restores them.
    assert not model.is_bookmarked("ways-of-doing") and model.highlight(mark.id) is None
    click(qtbot, bar, "Put Back")
    assert model.is_bookmarked("ways-of-doing") and model.highlight(mark.id) == mark
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: mark.id in saved_text(path))


def test_challenges_and_assessments_removed_elsewhere_go_to_the_trash_and_are_named(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    window = open_window(qtbot, folder, settings_file)
    model = session_of(window).model
    model.add_note("ways-of-being", "written first")
    qtbot.waitUntil(lambda: "written first" in saved_text(path))
    older = path.read_bytes()
    challenge = model.add_challenge("Merging two teams", position=(0.7, 0.8))
    assessment = model.add_assessment([Rating(dimension="ways-of-being", evidence="I listened")])
    qtbot.waitUntil(lambda: challenge.id in saved_text(path) and assessment.id in saved_text(path))
    (path.parent / "restored.tmp").write_bytes(older)
    os.replace(path.parent / "restored.tmp", path)
    qtbot.waitUntil(lambda: model.challenges() == [] and model.assessments() == [])
    bar = window.notes.notices.removed_bar
    assert bar.isVisible()
    assert "1 challenge and 1 self-assessment were removed from your notes file" in bar.label.text()
    assert "They are in Notes → Trash and can be restored" in bar.label.text()
    click(qtbot, bar, "Show Trash")
    trash = window.notes.trash
    assert trash is not None and trash.isVisible()
    rows = [trash.list.item(i).text() for i in range(trash.list.count())]
    assert any(r.startswith("Challenge: Merging two teams") for r in rows)
    assert any(r.startswith("Self-assessment") for r in rows)
    assert all("removed by another program" in r for r in rows)
    row = next(i for i, r in enumerate(rows) if r.startswith("Challenge"))
    trash.list.setCurrentRow(row)
    qtbot.mouseClick(trash.restore, Qt.MouseButton.LeftButton)
    back = model.challenge(challenge.id)
    assert back is not None and back.deleted is None and back.tags == []
    assert back.moves == challenge.moves
    # Empty Trash takes the assessment too, and Undo brings it back.
    assert trash.list.count() == 1
    qtbot.mouseClick(trash.empty, Qt.MouseButton.LeftButton)
    assert model.assessment(assessment.id) is None and trash.list.count() == 0
    window.notes.act.undo.trigger()
    gone_back = model.assessment(assessment.id)
    assert gone_back is not None and gone_back.deleted is not None
    assert trash.list.count() == 1


# -- 3: a read-only folder beside the bundle -----------------------------------------
def test_notes_beside_a_bundle_in_a_read_only_folder_are_shown_and_can_go_on_elsewhere(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "written on the course")))
    before = path.read_bytes()
    data_copy = user_data_dir() / "notes" / path.name
    kept_for_beside = keep_aside(
        path, with_records(note("n-9", "ways-of-being", "kept")), "unsaved"
    )
    # The learner's own copy of a reading, attached beside the notes, goes along too.
    own_copy = path.with_name(f"{BUNDLE_ID}.copies") / "dawn-of-system-leadership.md"
    own_copy.parent.mkdir()
    own_copy.write_text("My copy of the reading.")
    with read_only_folder(folder.parent):
        window = open_window(qtbot, folder, settings_file, writable=False)
        session = session_of(window)
        # The notes beside the bundle are the ones shown, read-only, and the banner says why.
        assert session.path == path
        assert session.model.note("n-1") is not None
        assert session.read_only is not None and session.read_only.why is Why.FOLDER_READ_ONLY
        banner = window.notes.banner
        assert banner.isVisible()
        assert f"the folder {folder.parent} cannot be written" in banner.label.text()
        status = window.notes.status
        assert "read-only" in status.text() and str(path) in status.toolTip()
        assert not data_copy.exists()  # no second, empty file started behind the learner's back
        click(qtbot, banner, "Continue in Data Folder")
        qtbot.waitUntil(lambda: session.writable)
        assert session.path == data_copy and not banner.isVisible()
        session.model.add_note("ways-of-doing", "written at home")
        qtbot.waitUntil(lambda: "written at home" in saved_text(data_copy))
        assert path.read_bytes() == before  # beside the bundle: left as it was
        assert session.side.kept_files() == [kept_for_beside]  # still offered, now mergeable
        moved_copy = data_copy.with_name(own_copy.parent.name) / own_copy.name
        assert moved_copy.read_text() == "My copy of the reading." and own_copy.exists()
        found = window.copies.find("dawn-of-system-leadership")
        assert found is not None and found.path == moved_copy
        window.close()
        # Next time, the copy in the data folder is where the notes are.
        again = open_window(qtbot, folder, settings_file)
        assert session_of(again).path == data_copy
        assert {n.body for n in session_of(again).model.notes()} == {
            "written on the course",
            "written at home",
        }
        again.close()


# -- 8: safety nets the learner never saw --------------------------------------------
def test_edits_rescued_at_a_failed_save_are_offered_at_the_next_start(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "saved")))
    good = path.read_bytes()
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    session.set_autosave_delay(3_600_000, 3_600_000)
    session.model.add_note("ways-of-doing", "never reached the file")
    with qtbot.waitSignal(session.sig_read_only_changed, timeout=5000):
        path.write_bytes(b"schema_version: 2\nbundle: [unclosed\n")  # broken under it
    [rescued] = session.rescued
    window.close()
    path.write_bytes(good)  # the learner puts the file right, and starts again
    again = open_window(qtbot, folder, settings_file)
    bar = again.notes.notices.kept_bar
    qtbot.waitUntil(bar.isVisible)
    assert "Companion kept notes that did not reach your notes file" in bar.label.text()
    assert "changes that could not be saved" in bar.label.text()
    click(qtbot, bar, "Merge")
    model = session_of(again).model
    assert {n.body for n in model.notes()} == {"saved", "never reached the file"}
    assert not rescued.exists() and rescued.with_name(rescued.name + ".merged").exists()
    qtbot.waitUntil(lambda: "never reached the file" in saved_text(path))
    again.close()
    third = open_window(qtbot, folder, settings_file)
    qtbot.waitUntil(lambda: session_of(third).loaded)
    assert not third.notes.notices.kept_bar.isVisible()  # offered until dealt with, not after


def test_a_save_cut_short_is_kept_and_offered_never_swept_away(
    qtbot: QtBot, folder: Path, settings_file: Path, opened_urls: list[str]
) -> None:
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "saved")))
    # A crash mid-save left its temporary file: it holds the newest edit.
    newest = with_records(note("n-1", "ways-of-being", "saved, then edited just before a crash"))
    leftover = path.with_name(f".{path.name}.k2x9_q7w.tmp")
    leftover.write_bytes(serialize(newest))
    two_hours_ago = time.time() - 7200  # older than the hour after which saves swept it
    os.utime(leftover, (two_hours_ago, two_hours_ago))
    window = open_window(qtbot, folder, settings_file)
    session = session_of(window)
    bar = window.notes.notices.kept_bar
    qtbot.waitUntil(bar.isVisible)
    assert "a save that was cut short" in bar.label.text()
    [kept] = session.side.kept_files()
    assert not leftover.exists() and kept.read_bytes() == serialize(newest)
    session.model.add_note("ways-of-doing", "a save goes on")  # saves no longer touch it
    qtbot.waitUntil(lambda: "a save goes on" in saved_text(path))
    assert kept.exists()
    click(qtbot, bar, "Show Files")
    assert opened_urls == [kept.parent.as_uri()]
    click(qtbot, bar, "Put Aside")
    assert not bar.isVisible() and not kept.exists()
    [aside] = (kept.parent / "set-aside").iterdir()
    assert aside.read_bytes() == serialize(newest)  # never deleted
    window.close()
    again = open_window(qtbot, folder, settings_file)
    qtbot.waitUntil(lambda: session_of(again).loaded)
    assert not again.notes.notices.kept_bar.isVisible()


# -- 9: a lock from another computer -------------------------------------------------
def test_a_lock_from_another_computer_can_be_opened_anyway(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "here")))
    lock = path.with_name(path.name + ".lock")
    lock.write_text(f"4242\ncompanion\nlibrary-{socket.gethostname()}\n")
    window = open_window(qtbot, folder, settings_file, writable=False)
    session = session_of(window)
    banner = window.notes.banner
    assert session.read_only is not None and session.read_only.why is Why.LOCKED
    assert banner.isVisible() and f"library-{socket.gethostname()}" in banner.label.text()
    assert "Open Anyway" in banner.label.text()
    click(qtbot, banner, "Open Anyway")
    qtbot.waitUntil(lambda: session.writable)
    assert lock.read_text().splitlines()[0] == str(os.getpid())
    session.model.add_note("ways-of-doing", "written here")
    qtbot.waitUntil(lambda: "written here" in saved_text(path))


def laid_out(bars: QWidget) -> bool:
    """Every bar shown has its text beside its buttons, not under them (the layout settled)."""
    for bar in bars.findChildren(MessageBar):
        if bar.isVisible() and bar.buttons:
            first = min(b.geometry().left() for b in bar.buttons)
            if bar.label.geometry().right() >= first or not all(
                b.width() >= b.sizeHint().width() for b in bar.buttons
            ):
                return False
    return True


def test_screenshots_of_the_new_bars(
    qtbot: QtBot, folder: Path, settings_file: Path, tmp_path: Path
) -> None:
    """Pictures to look at (in tmp_path), light and dark: every bar added for these attacks."""
    from PySide6.QtWidgets import QApplication

    from companion.ui.kit.theme import ThemeChoice, apply_theme
    from companion.ui.notes.side import Removed

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    path = notes_file(folder)
    store.save_notes(path, with_records(note("n-1", "ways-of-being", "here")))
    keep_aside(path, with_records(note("n-2", "ways-of-being", "kept")), "unsaved")
    keep_aside(path, with_records(note("n-3", "ways-of-being", "cut short")), "interrupted")
    lock = path.with_name(path.name + ".lock")
    lock.write_text("4242\ncompanion\nlibrary-pc\n")
    window = open_window(qtbot, folder, settings_file, writable=False)
    notices = window.notes.notices
    qtbot.waitUntil(notices.kept_bar.isVisible)
    shots = []
    for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
        apply_theme(app, theme)
        # Made again under this theme, as a learner's would be (sizes follow the style).
        notices.update_banner()
        notices.offer_kept(session_of(window).side.kept_files())
        notices.show_removed(Removed(2, 1, 1, path))
        window.resize(1100, 720)
        qtbot.waitUntil(lambda: window.width() == 1100 and laid_out(notices.bars))
        shot = tmp_path / f"bars-{theme.value}.png"
        assert window.grab().save(str(shot))
        shots.append(shot)
    window.close()
    lock.unlink()
    with read_only_folder(folder.parent):
        again = open_window(qtbot, folder, settings_file, writable=False)
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            apply_theme(app, theme)
            again.notes.notices.update_banner()
            again.resize(1100, 720)
            qtbot.waitUntil(lambda: again.width() == 1100 and laid_out(again.notes.notices.bars))
            shot = tmp_path / f"read-only-folder-{theme.value}.png"
            assert again.grab().save(str(shot))
            shots.append(shot)
        again.close()
    apply_theme(app, ThemeChoice.LIGHT)
    assert all(shot.stat().st_size > 5_000 for shot in shots)
