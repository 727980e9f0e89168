"""The notes session's state machine: when to save, what to merge, who may write.

Plain Python, testable without a window. ``SessionState`` holds one bundle's model,
its lock and what the file held when last read or written; it decides what the next
disk job is (``next_job``: a check before a save, so a save never hides news), and
takes each job's result (``loaded``, ``saved``, ``save_failed``, ``checked``).
It tells its owner what happened through an ``Outlet`` (the window's part,
``companion.ui.notes.session``, turns that into signals and runs the jobs on its
threads with its timers and file watcher).

A save only replaces the file if it still holds the bytes we last read or wrote;
otherwise the file on disk is merged in first, so neither a sync tool's change nor an
unsaved edit is lost. Records a change on disk removed are handed to the outlet to keep.
A file that cannot be read is never written over; unsaved changes that cannot reach it
go to the data folder (``kept``). ``AutosaveRule``: saved a moment after typing pauses,
and at the latest a few seconds after the first unsaved edit, however long typing goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from companion.notes import disk, kept, store
from companion.notes.fileformat import NotesProblem, NotesTooNew
from companion.notes.lock import NotesLock, Owner
from companion.notes.merge import MergeResult, merge
from companion.notes.model import Change, NotesFile, NotesModel, empty_file
from companion.notes.read_only import ReadOnly, Why
from companion.paths import shown_path


class Phase(StrEnum):
    """Where the session stands, as the status bar says it."""

    LOADING = "loading"
    READ_ONLY = "read-only"
    SAVE_FAILED = "save-failed"
    SAVING = "saving"
    DIRTY = "dirty"
    CLEAN = "clean"
    CLOSED = "closed"


class AutosaveRule:
    """A save ``pause_ms`` after the last edit, and at most ``max_wait_ms`` after the first."""

    def __init__(self, pause_ms: int, max_wait_ms: int) -> None:
        self.pause_ms, self.max_wait_ms = pause_ms, max_wait_ms
        self._first: float | None = None

    def edited(self, now_ms: float) -> int:
        """An edit at ``now_ms``: how long from now the save is due."""
        if self._first is None:
            self._first = now_ms
        left = self._first + self.max_wait_ms - now_ms
        return max(0, min(self.pause_ms, int(left)))

    def reset(self) -> None:
        """The save started (or was called off): the next edit is a first one again."""
        self._first = None


@dataclass(frozen=True)
class CheckJob:
    """Read the file and say whether it still holds ``expected`` (``disk.check``)."""

    path: Path
    expected: bytes | None


@dataclass(frozen=True)
class SaveJob:
    """Write ``data`` (the model at ``revision``) if the file still holds ``expected``."""

    path: Path
    data: NotesFile
    revision: int
    expected: bytes | None


class Outlet(Protocol):
    """What the session's owner is told."""

    def tell(self, text: str) -> None:
        """Something to tell the learner once."""

    def model_reloaded(self, summary: str) -> None:
        """The model was replaced by a merge or a reload; undo history is stale."""

    def read_only_set(self, changed: bool) -> None:
        """Read-only was set (``changed``: to something else): time for the next job."""

    def status_changed(self) -> None:
        """``status`` may say something else."""

    def edited(self) -> None:
        """The learner edited writable notes: a save is due (see ``AutosaveRule``)."""

    def retry_later(self) -> None:
        """A save failed in a way trying again may mend: ``request_save`` in a while."""

    def notes_moved(self, path: Path) -> None:
        """The notes file is now ``path``."""

    def keep_removed(self, result: MergeResult) -> None:
        """A change on disk removed records saved here: keep them somewhere."""


class SessionState:
    """One bundle's notes from opening to closing; the model never knows about it."""

    def __init__(self, bundle_dir: Path, bundle_id: str, outlet: Outlet) -> None:
        self.bundle_id = bundle_id
        self.outlet = outlet
        self.location = store.locate(bundle_dir, bundle_id)
        self.path = self.location.path
        self.model = NotesModel(empty_file(bundle_id))
        self.lock = NotesLock(self.path)
        #: The lock's owner as the read-only banner names it (see ``open_anyway``).
        self.lock_owner: Owner | None = None
        self.opened: store.Opened | None = None
        self.read_only: ReadOnly | None = ReadOnly(Why.LOADING, "the notes are being read")
        self.loaded = self.closed = self.flushing = False
        #: A save job was handed out and its result has not come back.
        self.saving = False
        self.save_error: str | None = None
        #: A failed save will be tried again (``Outlet.retry_later``).
        self.retry_due = False
        self.rescued: list[Path] = []
        #: What the file held when last read or written: the base of the next merge.
        self.base: NotesFile | None = None
        #: The file's bytes as last read or written (None: no file): anything else is news.
        self.expected: bytes | None = None
        self._broken: bytes | None = None
        self._saved_revision = self.model.revision
        self._rescued_revision = -1
        self.want_check = self.want_save = False
        self._applying = False
        self._unsubscribe = self.model.subscribe(self._model_changed)

    # -- state -------------------------------------------------------------
    @property
    def writable(self) -> bool:
        return self.read_only is None and not self.closed

    @property
    def dirty(self) -> bool:
        """The model holds changes the file does not."""
        return self.model.revision != self._saved_revision

    @property
    def open_for_news(self) -> bool:
        """Read and not yet closed: files beside it may be offered."""
        return self.loaded and not self.closed

    @property
    def phase(self) -> Phase:
        ro = self.read_only
        if self.closed:
            return Phase.CLOSED
        if ro is not None:
            return Phase.LOADING if ro.why is Why.LOADING else Phase.READ_ONLY
        if self.save_error:
            return Phase.SAVE_FAILED
        if self.saving:
            return Phase.SAVING
        return Phase.DIRTY if self.dirty else Phase.CLEAN

    def status(self) -> tuple[str, str]:
        """What the status bar says of the notes, and the detail its tip gives (the file).

        "Saved" only once the file on disk holds them: a learner who has written nothing
        yet has no file, and is told where it will be.
        """
        where = f"{shown_path(self.path)} — {self.location.reason}"
        ro = self.read_only
        if ro is not None and ro.why is Why.LOADING:
            return "Notes: loading…", f"Reading {where}"
        if ro is not None:
            # The folder's reason is the location's too: said once.
            label = (
                "Notes: read-only"
                if ro.why is Why.FOLDER_READ_ONLY
                else f"Notes: read-only — {ro.reason}"
            )
            detail = where
            if self.rescued:
                detail += f"; your unsaved changes were kept in {self.rescued[-1]}"
            return label, detail
        if self.save_error:
            retrying = "; trying again" if self.retry_due else ""
            return f"Notes: NOT saved ({self.save_error}){retrying}", f"Not saved in {where}"
        if self.dirty:
            return "Notes: unsaved changes…", f"To be saved in {where}"
        if self.expected is None:
            return "Notes: none yet", f"Your notes will be saved in {where}"
        return "✓ Saved", f"Your notes are saved in {where}"

    def set_read_only(self, read_only: ReadOnly | None) -> None:
        changed = read_only != self.read_only
        if changed:
            self.read_only = read_only
            if read_only is None and self.dirty:
                self.want_save = True
        self.outlet.read_only_set(changed)

    # -- opening -----------------------------------------------------------
    def take_lock(self) -> None:
        """Become the writer if the folder can be written and nobody else is."""
        if self.location.read_only is None:
            with contextlib.suppress(OSError):  # the folder cannot be written: read-only
                self.lock.try_acquire()

    def load_failed(self, exc: OSError) -> disk.Loaded:
        """What opening gives when reading failed (e.g. the file could not be copied aside)."""
        problem = NotesProblem(self.path, f"cannot open the notes: {exc.strerror or exc}")
        return disk.Loaded(None, store.Opened(self.model.snapshot(), str(problem), problem))

    def loaded_from(self, loaded: disk.Loaded) -> None:
        """The file was read (or found missing): the model holds its records."""
        opened = self.opened = loaded.opened
        self.expected = loaded.raw
        self.loaded = True
        self._apply(opened.data)
        if opened.problem is None:
            self.base = opened.data
        state = self.opened_state()
        if (opened.migrated_from is not None or opened.repaired) and state is None:
            # The current format, or records given ids of their own: written at the next save.
            self._saved_revision = -1
            self.want_save = True
        self.set_read_only(state)
        if loaded.note:
            self.outlet.tell(loaded.note)
        for notice in opened.notices:
            self.outlet.tell(notice)

    def opened_state(self) -> ReadOnly | None:
        """Read-only or not, from the lock and what opening the file gave."""
        if self.location.read_only is not None:
            return ReadOnly(Why.FOLDER_READ_ONLY, self.location.read_only)
        if not self.lock.held:
            self.lock_owner = self.lock.owner()
            if self.lock.path.exists():
                return ReadOnly(Why.LOCKED, f"{self.lock.holder()} has these notes open")
            return ReadOnly(Why.LOCKED, f"the folder {self.path.parent} cannot be written")
        opened = self.opened
        if opened is None or opened.read_only is None:
            return None
        if isinstance(opened.problem, NotesTooNew):
            return ReadOnly(Why.TOO_NEW, opened.problem.message)
        aside = f"; a copy is {opened.set_aside.name}" if opened.set_aside else ""
        reason = f"cannot read {opened.problem} — the file was left as it is{aside}"
        return ReadOnly(Why.CORRUPT, reason)

    def retry_lock(self) -> bool:
        """Try again to become the writer (after the other Companion closed)."""
        if self.read_only is None or self.read_only.why is not Why.LOCKED:
            return self.writable
        if not self.lock.try_acquire():
            self.set_read_only(self.opened_state())
            return False
        self.want_check = True  # be current before the first write
        self.set_read_only(self.opened_state())
        return self.writable

    def open_anyway(self) -> bool:
        """Take the lock another computer's Companion left (the learner says it is closed)."""
        ro, seen = self.read_only, self.lock_owner
        if ro is None or ro.why is not Why.LOCKED or seen is None:
            return self.writable
        try:
            taken = self.lock.take_over(seen)
        except OSError as exc:
            self.outlet.tell(f"Could not take over the notes: {exc.strerror or exc}")
            taken = False
        if taken:
            self.want_check = True  # be current before the first write
        self.set_read_only(self.opened_state())
        return self.writable

    def continue_in_data_folder(self) -> bool:
        """Go on in the data folder from a copy of the read-only notes beside the bundle."""
        old = self.location
        if old.read_only is None or old.data_copy is None:
            return False
        lock = NotesLock(old.data_copy)
        try:
            if not lock.try_acquire():
                self.outlet.tell(
                    f"Your notes in the data folder are open in {lock.holder()}: close it first"
                )
                return False
            loaded = disk.continue_in_data_folder(old, self.bundle_id)
        except (NotesProblem, OSError, store.NotesUnwritable) as exc:
            lock.release()
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.outlet.tell(f"Could not copy your notes to the data folder: {why}")
            return False
        self.lock, self.path = lock, old.data_copy
        self.location = store.NotesLocation(
            old.data_copy,
            False,
            f"in your data folder: continued from a copy of {old.path}, whose folder is read-only",
        )
        self.opened, self.expected = loaded.opened, loaded.raw
        self.base = loaded.opened.data
        self._apply(loaded.opened.data)
        self.outlet.notes_moved(self.path)
        self.outlet.tell(
            f"Your notes are now kept in {shown_path(self.path)}; "
            f"{old.path.name} beside the bundle was left as it is"
        )
        self.set_read_only(self.opened_state())
        return True

    def use_backup(self) -> bool:
        """Open the previous generation instead of the unreadable file (which stays aside)."""
        opened = self.opened
        ro = self.read_only
        if opened is None or opened.backup is None or ro is None or ro.why is not Why.CORRUPT:
            return False
        try:
            loaded = disk.restore(self.path, opened.backup, self.bundle_id)
        except OSError as exc:
            self.outlet.tell(f"Could not restore the backup: {exc.strerror or exc}")
            return False
        if loaded.opened.problem is not None:
            self.outlet.tell(f"The backup cannot be read either: {loaded.opened.problem}")
            return False
        self.opened, self.expected = loaded.opened, loaded.raw
        self.base = loaded.opened.data
        self._apply(loaded.opened.data)
        self.outlet.model_reloaded(f"restored from {opened.backup.name}")
        aside = opened.set_aside
        kept_as = f"; the unreadable file was kept as {aside.name}" if aside else ""
        self.outlet.tell(f"Notes restored from {opened.backup.name}{kept_as}")
        self.set_read_only(None)
        return True

    # -- saving ------------------------------------------------------------
    def _model_changed(self, _change: Change) -> None:
        if self._applying:
            return
        if self.writable:
            self.outlet.edited()
        self.outlet.status_changed()

    def _apply(self, data: NotesFile, *, saved: bool = True) -> None:
        """Put ``data`` in the model; ``saved``: the file already holds exactly this."""
        self._applying = True
        try:
            self.model.replace_all(data)
        finally:
            self._applying = False
        if saved:
            self._saved_revision = self.model.revision
        self.outlet.status_changed()

    def take(self, data: NotesFile) -> None:
        """Put merged records in the model, to be saved (a file merged in)."""
        self._apply(data, saved=False)

    def request_save(self) -> None:
        """Save at the next job, if anything is unsaved."""
        self.want_save = True
        self.retry_due = False

    def disk_touched(self) -> None:
        """Something happened to the file or its folder: look at it before saving."""
        self.want_check = True

    def next_job(self) -> CheckJob | SaveJob | None:
        """The disk job to start now (None: nothing to do); a check comes first."""
        if self.flushing or self.closed or not self.loaded:
            return None
        if self.want_check:
            self.want_check = False
            return CheckJob(self.path, self.expected)
        if self.want_save:
            self.want_save = False
            if self.writable and self.dirty:
                self.saving = True
                return SaveJob(self.path, self.model.snapshot(), self.model.revision, self.expected)
        return None

    def save_not_run(self) -> None:
        """The save job could not run where it was sent: hand it out again."""
        self.saving = False
        self.want_save = True

    def saved(self, result: disk.Saved | disk.Changed, data: NotesFile, revision: int) -> None:
        """A save's result: written, or the file had changed (check and merge, then save)."""
        self.saving = False
        if isinstance(result, disk.Changed):
            self.want_check = self.want_save = True
            return
        self.expected, self.base, self._saved_revision = result.raw, data, revision
        self.save_error = None
        self.retry_due = False
        self.outlet.status_changed()

    def save_failed(self, exc: Exception) -> None:
        """A full disk, a permission taken away: the notes stay in memory."""
        self.saving = False
        self.save_error = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, store.NotesUnwritable):
            self.save_error = exc.why
            # Trying again cannot help; the next edit (a deletion, say) tries again.
            self.outlet.tell(f"Your notes were NOT saved: {self.save_error}")
        else:
            self.retry_due = True
            self.outlet.retry_later()
        self.outlet.status_changed()

    # -- changes on disk ---------------------------------------------------
    def checked(self, result: disk.Checked) -> None:
        """What a look at the file found: the same bytes, none, a change, or a broken file."""
        ro = self.read_only
        # Another program is the writer: what it writes is shown as it is.
        locked = ro is not None and ro.why in (Why.LOCKED, Why.FOLDER_READ_ONLY)
        if isinstance(result, disk.Same):
            if ro is not None and ro.why is Why.BROKEN_ON_DISK:
                self.set_read_only(None)  # put back as it was
        elif isinstance(result, disk.Missing):
            if self.expected is not None and not locked:
                self.expected, self._saved_revision = None, -1
                self.want_save = True
                self.outlet.tell(
                    f"{self.path.name} was removed outside Companion; it is written again"
                )
        elif isinstance(result, disk.Broken):
            self._disk_broken(result)
        elif locked:
            self.expected, self.base = result.raw, result.data
            self._apply(result.data)
            self.outlet.model_reloaded("reloaded: changed by the Companion that holds them")
        else:
            self._merge_from_disk(result)

    def _merge_from_disk(self, fresh: disk.Fresh) -> None:
        ours = self.model.snapshot()
        result = merge(self.base, ours, fresh.data)
        self.expected, self.base, self._broken = fresh.raw, fresh.data, None
        if result.data != ours.normalised():
            self._apply(result.data, saved=False)
            self.outlet.model_reloaded(result.summary)
        if result.data == fresh.data.normalised() and not fresh.repaired:
            self._saved_revision = self.model.revision
        else:
            self._saved_revision = min(self._saved_revision, -1)
            self.want_save = True
        self.outlet.tell(f"Notes changed on disk: {result.summary}")
        if result.removed:
            self.outlet.keep_removed(result)
        if self.read_only is not None and self.lock.held:
            self.outlet.tell("The notes file reads well again: you can edit your notes")
            self.set_read_only(None)
        self.outlet.status_changed()

    def _disk_broken(self, broken: disk.Broken) -> None:
        ro = self.read_only
        if broken.raw is not None and broken.raw == self._broken:
            return  # already said
        self._broken = broken.raw
        self.outlet.tell(f"The notes file changed and cannot be read: {broken.problem}")
        if ro is not None and ro.why is Why.LOCKED:
            return
        self.rescue()
        reason = f"the file changed on disk and cannot be read ({broken.problem}); left as it is"
        self.set_read_only(ReadOnly(Why.BROKEN_ON_DISK, reason))

    def rescue(self) -> None:
        """Unsaved changes that cannot go to the file go to the data folder."""
        if not self.dirty or self._rescued_revision == self.model.revision:
            return
        try:
            self.rescued.append(kept.keep_aside(self.path, self.model.snapshot(), "unsaved"))
        except OSError as exc:
            self.outlet.tell(f"Could not keep your unsaved notes: {exc.strerror or exc}")
            return
        self._rescued_revision = self.model.revision
        self.outlet.tell(f"Your unsaved notes were kept in {self.rescued[-1]}")
        self.outlet.status_changed()

    # -- closing -----------------------------------------------------------
    def flush(self, settle: Callable[[], None] = lambda: None) -> bool:
        """Save now, on this thread, whatever is unsaved; True when nothing is left unsaved.

        ``settle`` first takes the result of a job still running (no job starts meanwhile).
        Tried three times: each save may find the file changed and merge first; what still
        cannot be written goes to the data folder.
        """
        if self.closed:
            return not self.dirty
        self.retry_due = False
        self.flushing = True
        try:
            settle()
            for _ in range(3):
                if self.want_check:
                    self.want_check = False
                    self.checked(disk.check(self.path, self.expected))
                if not (self.writable and self.dirty):
                    break
                snapshot, revision = self.model.snapshot(), self.model.revision
                try:
                    result = disk.save_if_unchanged(self.path, snapshot, self.expected)
                except Exception as exc:
                    self.save_failed(exc)
                else:
                    self.saved(result, snapshot, revision)
                if self.save_error:
                    break
            if self.dirty and self.loaded:
                self.rescue()
        finally:
            self.flushing = False
        self.outlet.status_changed()
        return not self.dirty

    def close(self) -> None:
        """Flushed already (``flush``): stop listening to the model and give up the lock."""
        self.closed = True
        self.retry_due = False
        self._unsubscribe()
        self.lock.release()
