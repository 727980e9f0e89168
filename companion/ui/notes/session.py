"""The open bundle's notes: lock, load, autosave, external changes and conflict copies.

The model is edited on the UI thread; reading, serialising and writing run on a
worker thread (``Background``), one job at a time. A save only replaces the
file if it still holds the bytes we last read or wrote; otherwise the file on
disk is merged in first, so neither a sync tool's change nor an unsaved edit
is lost. A file that cannot be read is never written over.

Edits are saved a moment after typing pauses (``AUTOSAVE_MS``), and at the latest
``MAX_WAIT_MS`` after the first unsaved one, however long the typing goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future, wait
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from companion.notes import disk, kept, store
from companion.notes.fileformat import NotesProblem, NotesTooNew
from companion.notes.lock import NotesLock, Owner
from companion.notes.merge import merge
from companion.notes.model import Change, NotesFile, NotesModel, empty_file
from companion.notes.read_only import ReadOnly, Why
from companion.paths import shown_path
from companion.ui.kit.background import Background
from companion.ui.notes.side import SideFiles
from companion.worker.client import WorkerFailed, WorkerProcess

AUTOSAVE_MS = 1000
#: However long the typing goes on, an edit waits at most this long to be saved.
MAX_WAIT_MS = 4000
#: Events from the watcher come in bursts (temp file, rename, backup): act once.
SETTLE_MS = 150
RETRY_MS = 5000
#: From this many records a save runs in the worker process (``companion.worker``); a big file
#: is read there too (``disk.WORKER_BYTES``).
WORKER_SAVE_RECORDS = 2000


class NotesSession(QObject):
    """One bundle's notes from opening to closing; the model never knows about it."""

    sig_status_changed = Signal(str, str)
    """Whether the notes are saved, and where they are stored (``status``)."""
    sig_message = Signal(str)
    """Something to tell once (a merge summary, a notice about the file)."""
    sig_read_only_changed = Signal()
    """``read_only`` changed (the session became read-only or writable)."""
    sig_loaded = Signal()
    """The notes file was read (or found missing) and the model holds its records."""
    sig_reloaded = Signal(str)
    """The model was replaced by a merge or a reload (a summary); undo history is stale."""
    sig_conflict_copies = Signal(list)
    """Sync tools' conflict copies were found beside the notes (a list of paths)."""
    sig_problem = Signal(object)
    """The notes file could not be read on opening (the store's ``Opened``)."""
    sig_kept_files = Signal(list)
    """Notes that never reached the file wait in the data folder (a list of paths)."""
    sig_moved = Signal(Path)
    """The notes file is now another one (continued in the data folder from a copy)."""
    sig_removed = Signal(object)
    """A change on disk removed records saved here (``Removed``): say where they are now."""

    def __init__(
        self,
        bundle_dir: Path,
        bundle_id: str,
        parent: QObject | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self.bundle_id = bundle_id
        self.location = store.locate(bundle_dir, bundle_id)
        self.path = self.location.path
        self.model = NotesModel(empty_file(bundle_id))
        self.lock = NotesLock(self.path)
        #: The lock's owner as the read-only banner names it (see ``open_anyway``).
        self.lock_owner: Owner | None = None
        self.opened: store.Opened | None = None
        self.read_only: ReadOnly | None = ReadOnly(Why.LOADING, "the notes are being read")
        self.loaded = False
        self.save_error: str | None = None
        self.rescued: list[Path] = []
        #: What the file held when last read or written: the base of the next merge.
        self._base: NotesFile | None = None
        #: The file's bytes as last read or written (None: no file): anything else is news.
        self._expected: bytes | None = None
        self._broken: bytes | None = None
        self._saved_revision = self.model.revision
        self._rescued_revision = -1
        self._job: Future[Any] | None = None
        self._job_done: Callable[[Future[Any]], None] | None = None
        self._want_check = self._want_save = self._flushing = self._closed = False
        self._applying = False
        self._use_worker = True
        self._worker = WorkerProcess()
        self.side = SideFiles(self)
        self._status: tuple[str, str] = ("", "")
        self._background = Background(self)
        self._autosave = self._timer(autosave_ms, self.save_now)
        self._deadline = self._timer(max_wait_ms, self.save_now)
        self._settle = self._timer(SETTLE_MS, self._disk_event)
        self._retry = self._timer(RETRY_MS, self.save_now)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._touched)
        self._watcher.directoryChanged.connect(self._touched)
        self._unsubscribe = self.model.subscribe(self._model_changed)

    def set_autosave_delay(self, ms: int, max_wait_ms: int | None = None) -> None:
        """How long after the last edit the notes are saved (and at most after the first)."""
        self._autosave.setInterval(ms)
        if max_wait_ms is not None:
            self._deadline.setInterval(max_wait_ms)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- state -------------------------------------------------------------
    @property
    def writable(self) -> bool:
        return self.read_only is None and not self._closed

    @property
    def dirty(self) -> bool:
        """The model holds changes the file does not."""
        return self.model.revision != self._saved_revision

    @property
    def open_for_news(self) -> bool:
        """Read and not yet closed: files beside it may be offered."""
        return self.loaded and not self._closed

    @property
    def busy(self) -> bool:
        return self._job is not None or self._autosave.isActive() or self._want_save

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
                else (f"Notes: read-only — {ro.reason}")
            )
            detail = where
            if self.rescued:
                detail += f"; your unsaved changes were kept in {self.rescued[-1]}"
            return label, detail
        if self.save_error:
            retrying = "; trying again" if self._retry.isActive() else ""
            return f"Notes: NOT saved ({self.save_error}){retrying}", f"Not saved in {where}"
        if self.dirty:
            return "Notes: unsaved changes…", f"To be saved in {where}"
        if self._expected is None:
            return "Notes: none yet", f"Your notes will be saved in {where}"
        return "✓ Saved", f"Your notes are saved in {where}"

    def _emit_status(self) -> None:
        status = self.status()
        if status != self._status:
            self._status = status
            self.sig_status_changed.emit(*status)

    def _set_read_only(self, read_only: ReadOnly | None) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            if read_only is None and self.dirty:
                self._want_save = True
            self.sig_read_only_changed.emit()
        self._emit_status()
        self._pump()

    # -- opening -----------------------------------------------------------
    def open(self) -> None:
        """Take the lock and start reading the file; ``sig_loaded`` follows."""
        if self.location.read_only is None:
            with contextlib.suppress(OSError):  # the folder cannot be written: read-only
                self.lock.try_acquire()
        self._watch()
        self._emit_status()
        path, bundle_id, writer = self.path, self.bundle_id, self.lock.held
        worker = self._worker if self._use_worker else None
        self._start(lambda: disk.load(path, bundle_id, worker, writer=writer), self._on_loaded)

    def _on_loaded(self, future: Future[disk.Loaded]) -> None:
        try:
            loaded = future.result()
        except OSError as exc:  # e.g. the unreadable file could not be copied aside
            problem = NotesProblem(self.path, f"cannot open the notes: {exc.strerror or exc}")
            loaded = disk.Loaded(None, store.Opened(self.model.snapshot(), str(problem), problem))
        opened = self.opened = loaded.opened
        self._expected = loaded.raw
        self.loaded = True
        self._apply(opened.data)
        if opened.problem is None:
            self._base = opened.data
        state = self._opened_state()
        if (opened.migrated_from is not None or opened.repaired) and state is None:
            # The current format, or records given ids of their own: written at the next save.
            self._saved_revision = -1
            self._want_save = True
        self._set_read_only(state)
        if loaded.note:
            self.sig_message.emit(loaded.note)
        for notice in opened.notices:
            self.sig_message.emit(notice)
        self.sig_loaded.emit()
        if opened.problem is not None and not isinstance(opened.problem, NotesTooNew):
            self.sig_problem.emit(opened)
        # Listing folders is a turn of the event loop of its own (the views of a big
        # file's records have just been filled in this one).
        QTimer.singleShot(0, self, self.side.scan_copies)
        QTimer.singleShot(0, self, self.side.offer_kept)

    def _opened_state(self) -> ReadOnly | None:
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
        kept = f"; a copy is {opened.set_aside.name}" if opened.set_aside else ""
        reason = f"cannot read {opened.problem} — the file was left as it is{kept}"
        return ReadOnly(Why.CORRUPT, reason)

    def retry_lock(self) -> bool:
        """Try again to become the writer (after the other Companion closed)."""
        if self.read_only is None or self.read_only.why is not Why.LOCKED:
            return self.writable
        if not self.lock.try_acquire():
            self._set_read_only(self._opened_state())
            return False
        self._want_check = True  # be current before the first write
        self._set_read_only(self._opened_state())
        return self.writable

    def open_anyway(self) -> bool:
        """Take the lock another computer's Companion left (the learner says it is closed)."""
        ro, seen = self.read_only, self.lock_owner
        if ro is None or ro.why is not Why.LOCKED or seen is None:
            return self.writable
        try:
            taken = self.lock.take_over(seen)
        except OSError as exc:
            self.sig_message.emit(f"Could not take over the notes: {exc.strerror or exc}")
            taken = False
        if taken:
            self._want_check = True  # be current before the first write
        self._set_read_only(self._opened_state())
        return self.writable

    def continue_in_data_folder(self) -> bool:
        """Go on in the data folder from a copy of the read-only notes beside the bundle."""
        old = self.location
        if old.read_only is None or old.data_copy is None:
            return False
        self._settle_job()
        lock = NotesLock(old.data_copy)
        try:
            if not lock.try_acquire():
                self.sig_message.emit(
                    f"Your notes in the data folder are open in {lock.holder()}: close it first"
                )
                return False
            loaded = disk.continue_in_data_folder(old, self.bundle_id)
        except (NotesProblem, OSError, store.NotesUnwritable) as exc:
            lock.release()
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.sig_message.emit(f"Could not copy your notes to the data folder: {why}")
            return False
        self._unwatch()
        self.lock, self.path = lock, old.data_copy
        self.location = store.NotesLocation(
            old.data_copy,
            False,
            f"in your data folder: continued from a copy of {old.path}, whose folder is read-only",
        )
        self.opened, self._expected = loaded.opened, loaded.raw
        self._base = loaded.opened.data
        self._apply(loaded.opened.data)
        self._watch()
        self.sig_reloaded.emit(f"continued in {self.path}")
        self.sig_moved.emit(self.path)
        self.sig_message.emit(
            f"Your notes are now kept in {shown_path(self.path)}; "
            f"{old.path.name} beside the bundle was left as it is"
        )
        self._set_read_only(self._opened_state())
        self.side.offer_kept()  # now they can be merged
        return True

    def use_backup(self) -> bool:
        """Open the previous generation instead of the unreadable file (which stays aside)."""
        opened = self.opened
        ro = self.read_only
        if opened is None or opened.backup is None or ro is None or ro.why is not Why.CORRUPT:
            return False
        self._settle_job()
        try:
            loaded = disk.restore(self.path, opened.backup, self.bundle_id)
        except OSError as exc:
            self.sig_message.emit(f"Could not restore the backup: {exc.strerror or exc}")
            return False
        if loaded.opened.problem is not None:
            self.sig_message.emit(f"The backup cannot be read either: {loaded.opened.problem}")
            return False
        self.opened, self._expected = loaded.opened, loaded.raw
        self._base = loaded.opened.data
        self._apply(loaded.opened.data)
        self.sig_reloaded.emit(f"restored from {opened.backup.name}")
        aside = opened.set_aside
        kept = f"; the unreadable file was kept as {aside.name}" if aside else ""
        self.sig_message.emit(f"Notes restored from {opened.backup.name}{kept}")
        self._set_read_only(None)
        return True

    # -- saving ------------------------------------------------------------
    def _model_changed(self, _change: Change) -> None:
        if self._applying:
            return
        if self.writable:
            self._autosave.start()  # restarts: a pause in the typing
            if not self._deadline.isActive():
                self._deadline.start()  # does not: the longest an edit waits
        self._emit_status()

    def _apply(self, data: NotesFile, *, saved: bool = True) -> None:
        """Put ``data`` in the model; ``saved``: the file already holds exactly this."""
        self._applying = True
        try:
            self.model.replace_all(data)
        finally:
            self._applying = False
        if saved:
            self._saved_revision = self.model.revision
        self._emit_status()

    def take(self, data: NotesFile) -> None:
        """Put merged records in the model, to be saved (``side`` merging a file in)."""
        self._apply(data, saved=False)

    def save_now(self) -> None:
        """Save at once (in the background) if anything is unsaved."""
        self._autosave.stop()
        self._deadline.stop()
        self._want_save = True
        self._pump()

    def _pump(self) -> None:
        """Start the next disk job: a pending check first, so a save never hides news."""
        if self._job is not None or self._flushing or self._closed or not self.loaded:
            return
        path = self.path
        expected = self._expected
        if self._want_check:
            self._want_check = False
            worker = self._worker if self._use_worker else None
            self._start(lambda: disk.check(path, expected, worker), self._on_checked)
        elif self._want_save:
            self._want_save = False
            if self.writable and self.dirty:
                self._start_save(path, expected)
        self._emit_status()

    def _start_save(self, path: Path, expected: bytes | None) -> None:
        snapshot, revision = self.model.snapshot(), self.model.revision
        size = (
            len(snapshot.notes)
            + len(snapshot.trash)
            + len(snapshot.bookmarks)
            + len(snapshot.highlights)
        )
        if self._use_worker and size >= WORKER_SAVE_RECORDS:
            worker = self._worker
            # Encoded on the worker thread, in chunks: the snapshot is immutable, so it may.
            self._start(
                lambda: worker.save(path, snapshot, expected),
                lambda f: self._on_worker_saved(f, snapshot, revision),
            )
            return
        self._start(
            lambda: disk.save_if_unchanged(path, snapshot, expected),
            lambda f: self._on_saved(f, snapshot, revision),
        )

    def _start(self, job: Callable[[], Any], done: Callable[[Future[Any]], None]) -> None:
        self._job_done = done
        self._job = self._background.submit(job, self._delivered)

    def _delivered(self, future: Future[Any]) -> None:
        if future is not self._job or self._job_done is None:
            return  # flush() took this result already
        done, self._job, self._job_done = self._job_done, None, None
        done(future)
        self._pump()

    def _settle_job(self) -> None:
        """Wait for the running job and apply its result here and now."""
        job, done = self._job, self._job_done
        if job is not None and done is not None:
            wait([job])
            self._job = self._job_done = None
            done(job)

    def _on_saved(
        self, future: Future[disk.Saved | disk.Changed], data: NotesFile, rev: int
    ) -> None:
        try:
            result = future.result()
        except Exception as exc:  # a full disk, a permission taken away: keep it in memory
            self._save_failed(exc)
            return
        self._saved(result, data, rev)

    def _on_worker_saved(self, future: Future[bytes | None], data: NotesFile, rev: int) -> None:
        try:
            raw = future.result()
        except WorkerFailed as exc:  # no worker process here (a frozen app?): save in-process
            self.sig_message.emit(f"Saving in the background without a helper: {exc}")
            self._use_worker = False
            self._want_save = True
            return
        except Exception as exc:
            self._save_failed(exc)
            return
        self._saved(disk.Saved(raw) if raw is not None else disk.Changed(), data, rev)

    def _save_failed(self, exc: Exception) -> None:
        self.save_error = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, store.NotesUnwritable):
            self.save_error = exc.why
            # Trying again cannot help; the next edit (a deletion, say) tries again.
            self.sig_message.emit(f"Your notes were NOT saved: {self.save_error}")
        else:
            self._retry.start()
        self._emit_status()

    def _saved(self, result: disk.Saved | disk.Changed, data: NotesFile, rev: int) -> None:
        if isinstance(result, disk.Changed):
            self._want_check = self._want_save = True
            return
        self._expected, self._base, self._saved_revision = result.raw, data, rev
        self.save_error = None
        self._watch()
        self._emit_status()

    # -- changes on disk ---------------------------------------------------
    def _unwatch(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _watch(self) -> None:
        folder, file = str(self.path.parent), str(self.path)
        if self.path.parent.is_dir() and folder not in self._watcher.directories():
            self._watcher.addPath(folder)
        if self.path.is_file() and file not in self._watcher.files():
            self._watcher.addPath(file)

    def _touched(self, _path: str) -> None:
        if not self._closed:
            self._settle.start()

    def _disk_event(self) -> None:
        self._watch()  # an atomic replace swapped the file: watch the new one
        self._want_check = True
        self.side.scan_copies()
        self._pump()

    def check_disk(self) -> None:
        """Look at the file now (the watcher does this by itself)."""
        self._disk_event()

    def _on_checked(self, future: Future[disk.Checked]) -> None:
        self._apply_checked(future.result())

    def _apply_checked(self, result: disk.Checked) -> None:
        ro = self.read_only
        # Another program is the writer: what it writes is shown as it is.
        locked = ro is not None and ro.why in (Why.LOCKED, Why.FOLDER_READ_ONLY)
        if isinstance(result, disk.Same):
            if ro is not None and ro.why is Why.BROKEN_ON_DISK:
                self._set_read_only(None)  # put back as it was
        elif isinstance(result, disk.Missing):
            if self._expected is not None and not locked:
                self._expected, self._saved_revision = None, -1
                self._want_save = True
                self.sig_message.emit(
                    f"{self.path.name} was removed outside Companion; it is written again"
                )
        elif isinstance(result, disk.Broken):
            self._disk_broken(result)
        elif locked:
            self._expected, self._base = result.raw, result.data
            self._apply(result.data)
            self.sig_reloaded.emit("reloaded: changed by the Companion that holds them")
        else:
            self._merge_from_disk(result)

    def _merge_from_disk(self, fresh: disk.Fresh) -> None:
        ours = self.model.snapshot()
        result = merge(self._base, ours, fresh.data)
        self._expected, self._base, self._broken = fresh.raw, fresh.data, None
        if result.data != ours.normalised():
            self._apply(result.data, saved=False)
            self.sig_reloaded.emit(result.summary)
        if result.data == fresh.data.normalised() and not fresh.repaired:
            self._saved_revision = self.model.revision
        else:
            self._saved_revision = min(self._saved_revision, -1)
            self._want_save = True
        self.sig_message.emit(f"Notes changed on disk: {result.summary}")
        if result.removed:
            self.side.keep_removed(result)
        if self.read_only is not None and self.lock.held:
            self.sig_message.emit("The notes file reads well again: you can edit your notes")
            self._set_read_only(None)
        self._emit_status()

    def _disk_broken(self, broken: disk.Broken) -> None:
        ro = self.read_only
        if broken.raw is not None and broken.raw == self._broken:
            return  # already said
        self._broken = broken.raw
        self.sig_message.emit(f"The notes file changed and cannot be read: {broken.problem}")
        if ro is not None and ro.why is Why.LOCKED:
            return
        self._rescue()
        reason = f"the file changed on disk and cannot be read ({broken.problem}); left as it is"
        self._set_read_only(ReadOnly(Why.BROKEN_ON_DISK, reason))

    def _rescue(self) -> None:
        """Unsaved changes that cannot go to the file go to the data folder."""
        if not self.dirty or self._rescued_revision == self.model.revision:
            return
        try:
            self.rescued.append(kept.keep_aside(self.path, self.model.snapshot(), "unsaved"))
        except OSError as exc:
            self.sig_message.emit(f"Could not keep your unsaved notes: {exc.strerror or exc}")
            return
        self._rescued_revision = self.model.revision
        self.sig_message.emit(f"Your unsaved notes were kept in {self.rescued[-1]}")
        self._emit_status()

    # -- closing -----------------------------------------------------------
    def flush(self) -> bool:
        """Save now, on this thread, whatever is unsaved; True when nothing is left unsaved."""
        if self._closed:
            return not self.dirty
        for timer in (self._autosave, self._deadline, self._retry, self._settle):
            timer.stop()
        self._flushing = True
        try:
            self._settle_job()
            for _ in range(3):
                if self._want_check:
                    self._want_check = False
                    self._apply_checked(disk.check(self.path, self._expected))
                if not (self.writable and self.dirty):
                    break
                snapshot, revision = self.model.snapshot(), self.model.revision
                done: Future[disk.Saved | disk.Changed] = Future()
                try:
                    done.set_result(disk.save_if_unchanged(self.path, snapshot, self._expected))
                except Exception as exc:
                    done.set_exception(exc)
                self._on_saved(done, snapshot, revision)
                if self.save_error:
                    break
            if self.dirty and self.loaded:
                self._rescue()
        finally:
            self._flushing = False
        self._emit_status()
        return not self.dirty

    def close(self) -> None:
        """Save, stop watching and give up the lock."""
        if self._closed:
            return
        self.flush()
        self._closed = True
        self._retry.stop()
        self._unsubscribe()
        self._unwatch()
        self._background.shutdown()
        self._worker.stop()
        self.lock.release()
