"""`companion check`: the bundle, the notes file's place and counts; it never writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from companion.cli import main
from companion.notes.kept import keep_aside
from companion.notes.lock import NotesLock
from companion.notes.model import NotesModel, empty_file
from companion.notes.store import kept_dir, locate, save_notes
from companion.paths import shipped_bundle_dir, user_data_dir
from tests.conftest import read_only_folder


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "touchpoint-7"
    shutil.copytree(shipped_bundle_dir(), folder)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_check_reports_location_and_counts(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = NotesModel(empty_file("touchpoint-7"))
    model.add_note("ways-of-feeling", "my values")
    model.add_note("zone-of-complexity", "experiment")
    model.set_bookmark("ways-of-being", True)
    notes = locate(bundle_copy, "touchpoint-7").path
    save_notes(notes, model.snapshot())
    before = tree(bundle_copy.parent)
    assert main(["check", str(bundle_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == f"notes: {notes} (beside the bundle)"
    assert out[2] == "2 notes, 1 bookmarks, 0 in the trash"
    assert tree(bundle_copy.parent) == before


def test_check_shipped_bundle_points_at_the_data_folder(
    user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert line.startswith(f"notes: {user_dirs}/.local/share/Companion/notes/touchpoint-7.notes")
    assert line.endswith("(in your data folder: the bundle ships with Companion)")


def test_check_broken_notes_gives_file_and_line_and_changes_nothing(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    notes.write_text("schema_version: 1\nbundle: touchpoint-7\nnotes:\n  - id: [unclosed\n")
    before = tree(bundle_copy.parent)
    assert main(["check", str(bundle_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{notes}:4: invalid YAML")  # the line of the unclosed bracket
    assert tree(bundle_copy.parent) == before


def test_check_newer_notes_is_an_error(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    notes.write_text("schema_version: 7\nbundle: touchpoint-7\n")
    assert main(["check", str(bundle_copy)]) == 1
    assert "written by a newer Companion" in capsys.readouterr().err


# -- what check says about notes that would otherwise be lost or hidden ---------------
def test_check_says_notes_beside_a_read_only_folder_are_the_ones_shown(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    model = NotesModel(empty_file("touchpoint-7"))
    model.add_note("ways-of-being", "on the course")
    save_notes(notes, model.snapshot())
    with read_only_folder(bundle_copy.parent):
        assert main(["check", str(bundle_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    why = f"the folder {bundle_copy.parent} cannot be written"
    assert out[1] == f"notes: {notes} (beside the bundle, read-only: {why})"
    assert out[2] == (
        f"{notes}: read-only here ({why}); Companion shows these notes read-only and offers "
        f"to continue in your data folder from a copy ({user_data_dir()}/notes/{notes.name})"
    )
    assert "1 notes, 0 bookmarks, 0 in the trash" in out


def test_check_reports_records_sharing_an_id_and_dates_that_cannot_be_shown(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    stamp = "'2024-01-01T00:00:00.000Z'"
    notes.write_text(
        "schema_version: 2\nbundle: touchpoint-7\nnotes:\n"
        f"- id: n-1\n  item: ways-of-being\n  created: {stamp}\n  modified: {stamp}\n"
        "- id: n-1\n  item: ways-of-doing\n  created: '0001-01-01T00:00:00+14:00'\n"
        f"  modified: {stamp}\n"
    )
    before = tree(bundle_copy.parent)
    assert main(["check", str(bundle_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{notes}:8: two records have the id 'n-1' (this one and line 4)")
    assert err[1].startswith(f"{notes}:10: note 'n-1': created '0001-01-01T00:00:00+14:00' is not")
    assert tree(bundle_copy.parent) == before


def test_check_says_who_holds_the_lock_and_whether_it_is_stale(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    save_notes(notes, empty_file("touchpoint-7"))
    lock = NotesLock(notes)
    lock.path.write_text("4242\ncompanion\nlibrary-pc\n")
    assert main(["check", str(bundle_copy)]) == 0
    assert f"{lock.path}: the lock names another computer, library-pc" in capsys.readouterr().out
    assert lock.try_acquire() is False
    lock.path.unlink()
    assert lock.try_acquire()
    assert main(["check", str(bundle_copy)]) == 0
    assert f"{lock.path}: the lock is held by companion (process {os.getpid()}" in (
        capsys.readouterr().out
    )
    lock.release()


def test_check_lists_notes_waiting_to_be_offered(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    save_notes(notes, empty_file("touchpoint-7"))
    leftover = notes.with_name(f".{notes.name}.abcd1234.tmp")
    leftover.write_bytes(b"schema_version: 2\nbundle: touchpoint-7\n")
    keep_aside(notes, empty_file("touchpoint-7"), "unsaved")
    assert main(["check", str(bundle_copy)]) == 0
    out = capsys.readouterr().out
    assert f"1 file of notes that did not reach the notes file waits in {kept_dir(notes)}" in out
    assert f"{leftover}: left by a save that was cut short" in out
    assert leftover.exists()  # check only looks


@pytest.mark.timeout(20)  # it waited for a writer forever
def test_check_with_a_fifo_for_notes_says_so_at_once(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    os.mkfifo(notes)
    assert main(["check", str(bundle_copy)]) == 1
    assert capsys.readouterr().err == (
        f"{notes}: cannot read: it is a named pipe (FIFO), not a regular file "
        "(Companion reads and writes only regular files)\n"
    )
