"""The notes session's disk jobs: plain functions that run on its background thread.

Each returns a small record saying what it found, so the UI thread decides
what to do. A save first checks that the file is still the one we last saw:
if something else changed it, nothing is written and the caller merges first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from companion.gc_pause import collections_paused
from companion.notes import kept, store
from companion.notes.cache import remember
from companion.notes.fileformat import NotesCorrupt, NotesProblem, Parsed, parse
from companion.notes.model import NotesFile
from companion.regular_files import read_regular


class OffloadFailed(Exception):
    """The process a big file was handed to could not read it: it is read here instead."""


class Offload(Protocol):
    """Another process that reads a big file instead of this one (``companion.worker``)."""

    def open_notes(self, path: Path, bundle_id: str) -> store.Opened: ...

    def parse(self, path: Path, raw: bytes) -> Parsed: ...


#: From this size a notes file is read in the worker process (about 500 records): the
#: C YAML loader would otherwise hold the interpreter lock for seconds.
WORKER_BYTES = 1 << 20


@dataclass(frozen=True)
class Loaded:
    """The file as it was read (``raw`` None: no file yet) and what opening it gave."""

    raw: bytes | None
    opened: store.Opened
    #: Something to tell the learner about how it was read ("" for nothing).
    note: str = ""
    #: What a save cut short had left beside the notes, now kept aside (``kept``).
    adopted: tuple[Path, ...] = ()


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
    #: ``data`` differs from ``raw`` (duplicate ids were given new ones): save it.
    repaired: bool = False


@dataclass(frozen=True)
class Broken:
    """The file changed on disk and cannot be read; it must be left as it is."""

    raw: bytes | None
    problem: NotesProblem


Checked = Same | Missing | Fresh | Broken


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes (None: no file); a FIFO or a device raises, never waits."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None


def _in_worker(worker: Offload | None, raw: bytes | None) -> Offload | None:
    """The worker process to read ``raw`` in, if it is big enough to need one."""
    return worker if raw is not None and len(raw) >= WORKER_BYTES else None


def load(
    path: Path, bundle_id: str, worker: Offload | None = None, *, writer: bool = False
) -> Loaded:
    """Open the notes; a big file in ``worker``, or here if the worker fails.

    ``writer``: this session holds the lock, so what a save cut short left beside the
    file is no one else's work in progress: it is kept aside to be offered.
    """
    # Read first: if the file changes between the two reads, the next check sees it.
    try:
        raw = read_bytes(path)
    except OSError:
        raw = None
    adopted = tuple(kept.adopt_leftovers(path, raw)) if writer else ()
    note = ""
    with collections_paused():  # decoding what the worker sent makes many objects too
        if (big := _in_worker(worker, raw)) is not None:
            try:
                return Loaded(raw, big.open_notes(path, bundle_id), adopted=adopted)
            except OffloadFailed as exc:
                note = f"The notes were read without the helper process: {exc}"
        return Loaded(raw, store.open_notes(path, bundle_id), note, adopted)


def restore(path: Path, backup: Path, bundle_id: str) -> Loaded:
    opened = store.restore_backup(path, backup, bundle_id)
    return Loaded(read_bytes(path), opened)


def save_if_unchanged(path: Path, data: NotesFile, expected: bytes | None) -> Saved | Changed:
    """Write ``data`` unless the file is no longer ``expected`` (None: no file)."""
    if read_bytes(path) != expected:
        return Changed()
    raw = store.save_notes(path, data)
    remember(path, raw, data)  # the next start reads these records without parsing
    return Saved(raw)


def _parse(raw: bytes, path: Path, worker: Offload | None) -> Parsed:
    with collections_paused():
        if (big := _in_worker(worker, raw)) is not None:
            try:
                return big.parse(path, raw)
            except OffloadFailed:
                pass  # read here instead: the same result, only slower for the UI
        return parse(raw, path)


def check(path: Path, expected: bytes | None, worker: Offload | None = None) -> Checked:
    try:
        raw = read_bytes(path)
    except OSError as exc:
        return Broken(None, NotesCorrupt(path, f"cannot read the file: {exc.strerror}"))
    if raw == expected:
        return Same()
    if raw is None:
        return Missing()
    try:
        parsed = _parse(raw, path, worker)
    except NotesProblem as exc:
        return Broken(raw, exc)
    return Fresh(raw, parsed.data, parsed.repaired)


def continue_in_data_folder(location: store.NotesLocation, bundle_id: str) -> Loaded:
    """Copy read-only notes to the data folder and open the copy there."""
    assert location.data_copy is not None
    store.continue_in_data_folder(location, bundle_id)
    return Loaded(read_bytes(location.data_copy), store.open_notes(location.data_copy, bundle_id))
