"""The notes session's disk jobs: plain functions that run on the worker thread.

Each returns a small record saying what it found, so the UI thread decides
what to do. A save first checks that the file is still the one we last saw:
if something else changed it, nothing is written and the caller merges first.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from companion.atomic import atomic_write
from companion.notes import store
from companion.notes.fileformat import NotesCorrupt, NotesProblem, parse, serialize
from companion.notes.model import NotesFile
from companion.paths import user_data_dir


@dataclass(frozen=True)
class Loaded:
    """The file as it was read (``raw`` None: no file yet) and what opening it gave."""

    raw: bytes | None
    opened: store.Opened


@dataclass(frozen=True)
class Saved:
    raw: bytes


@dataclass(frozen=True)
class Changed:
    """The file on disk is not what we last read or wrote: merge before saving."""


@dataclass(frozen=True)
class Same:
    """The file holds exactly the bytes we last read or wrote."""


@dataclass(frozen=True)
class Missing:
    """The file is gone (removed or renamed by something else)."""


@dataclass(frozen=True)
class Fresh:
    """The file changed on disk and reads well."""

    raw: bytes
    data: NotesFile


@dataclass(frozen=True)
class Broken:
    """The file changed on disk and cannot be read; it must be left as it is."""

    raw: bytes | None
    problem: NotesProblem


Checked = Same | Missing | Fresh | Broken


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@contextmanager
def _collections_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large file is parsed.

    A parse makes millions of objects; full collections during it held the GIL
    for 100-600 ms at a time, which froze the UI thread (tests/bench/stalls.py).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(path: Path, bundle_id: str) -> Loaded:
    # Read first: if the file changes between the two reads, the next check sees it.
    try:
        raw = read_bytes(path)
    except OSError:
        raw = None
    with _collections_paused():
        return Loaded(raw, store.open_notes(path, bundle_id))


def restore(path: Path, backup: Path, bundle_id: str) -> Loaded:
    opened = store.restore_backup(path, backup, bundle_id)
    return Loaded(read_bytes(path), opened)


def save_if_unchanged(path: Path, data: NotesFile, expected: bytes | None) -> Saved | Changed:
    """Write ``data`` unless the file is no longer ``expected`` (None: no file)."""
    if read_bytes(path) != expected:
        return Changed()
    return Saved(store.save_notes(path, data))


def save_packed(path: str, packed: bytes, expected: bytes | None) -> bytes | None:
    """``save_if_unchanged`` in the helper process: plain arguments, the bytes written back.

    ``packed`` is the snapshot as MessagePack (msgspec encodes 10,000 notes in about 4 ms);
    None means the file had changed and nothing was written.
    """
    data = msgspec.msgpack.decode(packed, type=NotesFile)
    result = save_if_unchanged(Path(path), data, expected)
    return result.raw if isinstance(result, Saved) else None


def check(path: Path, expected: bytes | None) -> Checked:
    try:
        raw = read_bytes(path)
    except OSError as exc:
        return Broken(None, NotesCorrupt(path, f"cannot read the file: {exc.strerror}"))
    if raw == expected:
        return Same()
    if raw is None:
        return Missing()
    try:
        return Fresh(raw, parse(raw, path).data)
    except NotesProblem as exc:
        return Broken(raw, exc)


def rescue(data: NotesFile) -> Path:
    """Keep records that cannot go to their file in the data folder, never losing them."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = user_data_dir() / "rescued" / f"{data.bundle}-{stamp}.notes.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, serialize(data, target.name))
    return target
