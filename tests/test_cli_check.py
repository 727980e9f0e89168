"""`companion check`: the bundle, the notes file's place and counts; it never writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from companion.cli import main
from companion.notes.model import NotesModel, empty_file
from companion.notes.store import locate, save_notes
from companion.paths import shipped_bundle_dir


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
    assert err.startswith(f"{notes}:5: invalid YAML")
    assert tree(bundle_copy.parent) == before


def test_check_newer_notes_is_an_error(
    bundle_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = locate(bundle_copy, "touchpoint-7").path
    notes.write_text("schema_version: 7\nbundle: touchpoint-7\n")
    assert main(["check", str(bundle_copy)]) == 1
    assert "written by a newer Companion" in capsys.readouterr().err


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
