"""Notes files for tests: a writable copy of the shipped bundle, records, what is on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec

from companion.notes.fileformat import parse
from companion.notes.model import Bookmark, Note, NotesFile, empty_file
from companion.paths import shipped_bundle_dir

BUNDLE_ID = "touchpoint-7"
STAMP = "2026-01-02T03:04:05.000Z"


def copy_bundle(tmp_path: Path) -> Path:
    """The shipped bundle in a folder of its own, so its notes land beside it in tmp_path."""
    folder = tmp_path / "bundles" / BUNDLE_ID
    shutil.copytree(shipped_bundle_dir(), folder)
    return folder


def notes_file(folder: Path) -> Path:
    return folder.parent / f"{BUNDLE_ID}.notes.yaml"


def on_disk(path: Path) -> NotesFile:
    """The records in the file (an AssertionError until it exists, so waitUntil waits)."""
    assert path.exists(), f"{path} has not been written yet"
    return parse(path.read_bytes(), path).data


def saved_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def note(note_id: str, item: str, body: str) -> Note:
    return Note(id=note_id, item=item, body=body, created=STAMP, modified=STAMP)


def with_records(*notes: Note, bookmarks: tuple[str, ...] = ()) -> NotesFile:
    """A notes file of the shipped bundle holding ``notes`` and bookmarks on ``bookmarks``."""
    marks = [Bookmark(item=i, created=STAMP) for i in bookmarks]
    return msgspec.structs.replace(empty_file(BUNDLE_ID), notes=list(notes), bookmarks=marks)
