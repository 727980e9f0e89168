"""Side files: every name Companion gives a file it keeps beside another comes from one place."""

from __future__ import annotations

from pathlib import Path

from companion import side_files
from companion.atomic import atomic_write, backup_path
from companion.notes.lock import NotesLock
from companion.notes.store import copies_dir, locate


def test_every_side_file_of_the_notes_is_named_beside_them(tmp_path: Path) -> None:
    notes = tmp_path / side_files.notes_name("touchpoint-7")
    assert notes.name == "touchpoint-7.notes.yaml"
    assert backup_path(notes).name == "touchpoint-7.notes.yaml.bak"
    assert NotesLock(notes).path.name == "touchpoint-7.notes.yaml.lock"
    tag = side_files.migration_backup(2)
    assert side_files.beside(notes, tag).name == "touchpoint-7.notes.yaml.v2.bak"
    aside = side_files.beside(notes, side_files.set_aside("20260102T030405Z"))
    assert aside.name == "touchpoint-7.notes.yaml.broken-20260102T030405Z"
    assert copies_dir(notes, "touchpoint-7").name == "touchpoint-7.copies"
    bundle = tmp_path / "touchpoint-7"
    bundle.mkdir()
    assert locate(bundle, "touchpoint-7").path == notes


def test_a_taken_name_gets_a_number_and_nothing_is_written_over(tmp_path: Path) -> None:
    first = side_files.beside(tmp_path / "x.notes.yaml", side_files.MERGED)
    assert side_files.free(first) == first
    atomic_write(first, b"kept")
    second = side_files.free(first)
    assert second.name == "x.notes.yaml.merged-2"
    atomic_write(second, b"kept too")
    assert side_files.free(first).name == "x.notes.yaml.merged-3"
    kept = tmp_path / "20260102T030405Z-unsaved.notes.yaml"
    atomic_write(kept, b"kept")
    assert side_files.free(kept, side_files.NOTES_SUFFIX).name == (
        "20260102T030405Z-unsaved-2.notes.yaml"
    )
