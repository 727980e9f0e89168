"""Notes that did not reach their file wait aside, are offered, and are never deleted."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import pytest

from companion.notes.fileformat import NotesProblem, serialize
from companion.notes.kept import (
    adopt_leftovers,
    keep_aside,
    kept_files,
    leftovers,
    merge_kept,
    put_aside,
)
from companion.notes.model import Note, NotesFile, empty_file
from companion.notes.store import kept_dir, save_notes
from companion.paths import user_data_dir

STAMP = "2024-01-01T00:00:00.000Z"


def with_note(body: str, note_id: str = "n-1", bundle: str = "tp") -> NotesFile:
    note = Note(id=note_id, item="i", body=body, created=STAMP, modified=STAMP)
    return msgspec.structs.replace(empty_file(bundle), notes=[note])


@pytest.fixture
def notes_path(tmp_path: Path) -> Path:
    return tmp_path / "tp.notes.yaml"


def test_kept_files_are_per_notes_file_and_listed_oldest_first(
    notes_path: Path, tmp_path: Path
) -> None:
    first = keep_aside(notes_path, with_note("one"), "unsaved")
    second = keep_aside(notes_path, with_note("two"), "removed")
    other = keep_aside(tmp_path / "elsewhere" / "tp.notes.yaml", with_note("x"), "unsaved")
    assert kept_files(notes_path, "tp") == [first, second]
    assert other not in kept_files(notes_path, "tp")
    assert first.parent == kept_dir(notes_path) and first.is_relative_to(user_data_dir())


def test_rescues_of_older_companions_are_offered_too(notes_path: Path) -> None:
    """They wrote ``rescued/<bundle>-<stamp>.notes.yaml`` and never offered it again."""
    legacy = user_data_dir() / "rescued" / "tp-20260101T120000123456Z.notes.yaml"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(serialize(with_note("rescued long ago")))
    (legacy.parent / "other-20260101T120000123456Z.notes.yaml").write_bytes(b"x")
    assert kept_files(notes_path, "tp") == [legacy]


def test_leftovers_that_add_nothing_go_and_the_others_are_kept(notes_path: Path) -> None:
    current = save_notes(notes_path, with_note("saved"))
    same = notes_path.with_name(f".{notes_path.name}.aaaaaaaa.tmp")
    empty = notes_path.with_name(f".{notes_path.name}.bbbbbbbb.tmp")
    newer = notes_path.with_name(f".{notes_path.name}.cccccccc.tmp")
    half = notes_path.with_name(f".{notes_path.name}.dddddddd.tmp")
    unrelated = notes_path.with_name(".other.notes.yaml.eeeeeeee.tmp")
    same.write_bytes(current)
    empty.write_bytes(b"")
    newer.write_bytes(serialize(with_note("the newest edit")))
    half.write_bytes(serialize(with_note("cut short"))[:40])
    unrelated.write_bytes(b"not ours")
    assert leftovers(notes_path) == [same, empty, newer, half]
    adopted = adopt_leftovers(notes_path, current)
    assert [p.read_bytes() for p in adopted] == [
        serialize(with_note("the newest edit")),
        serialize(with_note("cut short"))[:40],  # unreadable, but never thrown away
    ]
    assert leftovers(notes_path) == [] and unrelated.exists()
    assert kept_files(notes_path, "tp") == adopted


def test_leftovers_of_a_linked_notes_file_are_found_beside_its_target(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "tp.notes.yaml"
    real.parent.mkdir()
    save_notes(real, with_note("saved"))
    link = tmp_path / "tp.notes.yaml"
    link.symlink_to(real)
    leftover = real.with_name(f".{real.name}.abcd_123.tmp")
    leftover.write_bytes(serialize(with_note("newer")))
    assert leftovers(link) == [leftover]


def test_merging_a_kept_file_adds_what_it_holds_and_renames_it(notes_path: Path) -> None:
    kept = keep_aside(notes_path, with_note("kept", note_id="n-kept"), "unsaved")
    result, retired = merge_kept(with_note("mine"), kept)
    assert {n.body for n in result.data.notes} == {"mine", "kept"}
    assert not kept.exists() and retired.name == kept.name + ".merged"
    assert kept_files(notes_path, "tp") == []


def test_a_kept_file_of_another_bundle_is_refused(notes_path: Path) -> None:
    kept = keep_aside(notes_path, with_note("x", bundle="other"), "unsaved")
    with pytest.raises(NotesProblem, match="names bundle 'other'"):
        merge_kept(with_note("mine"), kept)
    assert kept.exists()


def test_putting_aside_moves_and_never_overwrites(notes_path: Path) -> None:
    first = keep_aside(notes_path, with_note("one"), "unsaved")
    moved = put_aside(notes_path, first)
    again = keep_aside(notes_path, with_note("two"), "unsaved")
    again = again.rename(again.with_name(first.name))  # the same name as the first
    moved_again = put_aside(notes_path, again)
    assert moved != moved_again and moved.exists() and moved_again.exists()
    assert kept_files(notes_path, "tp") == []


def test_only_plain_files_are_taken_for_leftovers(notes_path: Path, tmp_path: Path) -> None:
    """A FIFO named like a leftover would hang the open; a link could point anywhere."""
    save_notes(notes_path, with_note("saved"))
    fifo = notes_path.with_name(f".{notes_path.name}.fifo0000.tmp")
    os.mkfifo(fifo)
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("not the learner's notes")
    link = notes_path.with_name(f".{notes_path.name}.link0000.tmp")
    link.symlink_to(secret)
    assert leftovers(notes_path) == []
    assert adopt_leftovers(notes_path, notes_path.read_bytes()) == []
    assert fifo.exists() and link.is_symlink() and secret.exists()
