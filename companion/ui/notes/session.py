"""The open bundle's notes in the window: timers, the file watcher and the disk thread.

What to save, merge and lock is decided by the Qt-free ``SessionState``
(``companion.notes.session_state``); this part keeps its clocks (the autosave and
retry timers), watches the file with a ``QFileSystemWatcher``, runs the disk jobs
the state hands out on a worker thread (the "notes" lane of the window's
``BackgroundWork``) or in the worker process (``companion.worker``, the window's one),
and turns what the state tells it into signals.

Edits are saved a moment after typing pauses (``AUTOSAVE_MS``), and at the latest
``MAX_WAIT_MS`` after the first unsaved one, however long the typing goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, wait
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from companion.notes import disk, store
from companion.notes.fileformat import NotesTooNew
from companion.notes.lock import NotesLock, Owner
from companion.notes.merge import MergeResult
from companion.notes.model import NotesFile, NotesModel
from companion.notes.read_only import ReadOnly
from companion.notes.session_state import AutosaveRule, CheckJob, SaveJob, SessionState
from companion.ui.kit.background import BackgroundWork
from companion.ui.notes.side import SideFiles
from companion.worker.client import WorkerFailed

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
        work: BackgroundWork | None = None,
    ) -> None:
        super().__init__(parent)
        self.bundle_id = bundle_id
        self._job: Future[Any] | None = None
        self._job_done: Callable[[Future[Any]], None] | None = None
        self._use_worker = True
        # The window's one owner of background work (``work``), else one of its own.
        self._own_work = work is None
        self._work = work or BackgroundWork(self)
        self._worker = self._work.worker
        self._status: tuple[str, str] = ("", "")
        self._rule = AutosaveRule(autosave_ms, max_wait_ms)
        self._background = self._work.lane("notes", self)
        self._autosave = self._timer(autosave_ms, self.save_now)
        self._settle = self._timer(SETTLE_MS, self._disk_event)
        self._retry = self._timer(RETRY_MS, self.save_now)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._touched)
        self._watcher.directoryChanged.connect(self._touched)
        self.state = SessionState(bundle_dir, bundle_id, self)
        self.side = SideFiles(self)

    def set_autosave_delay(self, ms: int, max_wait_ms: int | None = None) -> None:
        """How long after the last edit the notes are saved (and at most after the first)."""
        self._rule.pause_ms = ms
        if max_wait_ms is not None:
            self._rule.max_wait_ms = max_wait_ms

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- state (the core's, read here) --------------------------------------
    @property
    def model(self) -> NotesModel:
        return self.state.model

    @property
    def path(self) -> Path:
        return self.state.path

    @property
    def location(self) -> store.NotesLocation:
        return self.state.location

    @property
    def lock(self) -> NotesLock:
        return self.state.lock

    @property
    def lock_owner(self) -> Owner | None:
        """The lock's owner as the read-only banner names it (see ``open_anyway``)."""
        return self.state.lock_owner

    @property
    def opened(self) -> store.Opened | None:
        return self.state.opened

    @property
    def read_only(self) -> ReadOnly | None:
        return self.state.read_only

    @property
    def loaded(self) -> bool:
        return self.state.loaded

    @property
    def save_error(self) -> str | None:
        return self.state.save_error

    @property
    def rescued(self) -> list[Path]:
        return self.state.rescued

    @property
    def writable(self) -> bool:
        return self.state.writable

    @property
    def dirty(self) -> bool:
        """The model holds changes the file does not."""
        return self.state.dirty

    @property
    def open_for_news(self) -> bool:
        """Read and not yet closed: files beside it may be offered."""
        return self.state.open_for_news

    @property
    def busy(self) -> bool:
        return self._job is not None or self._autosave.isActive() or self.state.want_save

    def status(self) -> tuple[str, str]:
        return self.state.status()

    def _emit_status(self) -> None:
        status = self.status()
        if status != self._status:
            self._status = status
            self.sig_status_changed.emit(*status)

    # -- what the state tells (``session_state.Outlet``) ----------------------
    def tell(self, text: str) -> None:
        self.sig_message.emit(text)

    def model_reloaded(self, summary: str) -> None:
        self.sig_reloaded.emit(summary)

    def read_only_set(self, changed: bool) -> None:
        if changed:
            self.sig_read_only_changed.emit()
        self._emit_status()
        self._pump()

    def status_changed(self) -> None:
        self._emit_status()

    def edited(self) -> None:
        # Restarted by every edit (a pause in the typing), never past the first one's deadline.
        self._autosave.start(self._rule.edited(time.monotonic() * 1000))

    def retry_later(self) -> None:
        self._retry.start()

    def notes_moved(self, path: Path) -> None:
        self._unwatch()
        self._watch()
        self.sig_reloaded.emit(f"continued in {path}")
        self.sig_moved.emit(path)

    def keep_removed(self, result: MergeResult) -> None:
        self.side.keep_removed(result)

    # -- opening -----------------------------------------------------------
    def open(self) -> None:
        """Take the lock and start reading the file; ``sig_loaded`` follows."""
        self.state.take_lock()
        self._watch()
        self._emit_status()
        path, bundle_id, writer = self.path, self.bundle_id, self.lock.held
        worker = self._worker if self._use_worker else None
        self._start(lambda: disk.load(path, bundle_id, worker, writer=writer), self._on_loaded)

    def _on_loaded(self, future: Future[disk.Loaded]) -> None:
        try:
            loaded = future.result()
        except OSError as exc:  # e.g. the unreadable file could not be copied aside
            loaded = self.state.load_failed(exc)
        self.state.loaded_from(loaded)
        opened = loaded.opened
        self.sig_loaded.emit()
        if opened.problem is not None and not isinstance(opened.problem, NotesTooNew):
            self.sig_problem.emit(opened)
        # Listing folders is a turn of the event loop of its own (the views of a big
        # file's records have just been filled in this one).
        QTimer.singleShot(0, self, self.side.scan_copies)
        QTimer.singleShot(0, self, self.side.offer_kept)

    def retry_lock(self) -> bool:
        """Try again to become the writer (after the other Companion closed)."""
        return self.state.retry_lock()

    def open_anyway(self) -> bool:
        """Take the lock another computer's Companion left (the learner says it is closed)."""
        return self.state.open_anyway()

    def continue_in_data_folder(self) -> bool:
        """Go on in the data folder from a copy of the read-only notes beside the bundle."""
        if self.location.read_only is None or self.location.data_copy is None:
            return False
        self._settle_job()
        if not self.state.continue_in_data_folder():
            return False
        self.side.offer_kept()  # now they can be merged
        return True

    def use_backup(self) -> bool:
        """Open the previous generation instead of the unreadable file (which stays aside)."""
        self._settle_job()
        return self.state.use_backup()

    # -- saving ------------------------------------------------------------
    def take(self, data: NotesFile) -> None:
        """Put merged records in the model, to be saved (``side`` merging a file in)."""
        self.state.take(data)

    def save_now(self) -> None:
        """Save at once (in the background) if anything is unsaved."""
        self._autosave.stop()
        self._rule.reset()
        self.state.request_save()
        self._pump()

    def _pump(self) -> None:
        """Start the disk job the state hands out, one at a time."""
        if self._job is not None:
            return
        job = self.state.next_job()
        if isinstance(job, CheckJob):
            worker = self._worker if self._use_worker else None
            self._start(lambda: disk.check(job.path, job.expected, worker), self._on_checked)
        elif isinstance(job, SaveJob):
            self._start_save(job)
        self._emit_status()

    def _start_save(self, job: SaveJob) -> None:
        snapshot = job.data
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
                lambda: worker.save(job.path, snapshot, job.expected),
                lambda f: self._on_worker_saved(f, job),
            )
            return
        self._start(
            lambda: disk.save_if_unchanged(job.path, snapshot, job.expected),
            lambda f: self._on_saved(f, job),
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

    def _on_saved(self, future: Future[disk.Saved | disk.Changed], job: SaveJob) -> None:
        try:
            result = future.result()
        except Exception as exc:  # a full disk, a permission taken away: keep it in memory
            self.state.save_failed(exc)
            return
        self._saved(result, job)

    def _on_worker_saved(self, future: Future[bytes | None], job: SaveJob) -> None:
        try:
            raw = future.result()
        except WorkerFailed as exc:  # no worker process here (a frozen app?): save in-process
            self.sig_message.emit(f"Saving in the background without a helper: {exc}")
            self._use_worker = False
            self.state.save_not_run()
            return
        except Exception as exc:
            self.state.save_failed(exc)
            return
        self._saved(disk.Saved(raw) if raw is not None else disk.Changed(), job)

    def _saved(self, result: disk.Saved | disk.Changed, job: SaveJob) -> None:
        self.state.saved(result, job.data, job.revision)
        if isinstance(result, disk.Saved):
            self._watch()

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
        if not self.state.closed:
            self._settle.start()

    def _disk_event(self) -> None:
        self._watch()  # an atomic replace swapped the file: watch the new one
        self.state.disk_touched()
        self.side.scan_copies()
        self._pump()

    def check_disk(self) -> None:
        """Look at the file now (the watcher does this by itself)."""
        self._disk_event()

    def _on_checked(self, future: Future[disk.Checked]) -> None:
        self.state.checked(future.result())

    # -- closing -----------------------------------------------------------
    def flush(self) -> bool:
        """Save now, on this thread, whatever is unsaved; True when nothing is left unsaved."""
        if self.state.closed:
            return not self.dirty
        for timer in (self._autosave, self._retry, self._settle):
            timer.stop()
        self._rule.reset()
        clean = self.state.flush(self._settle_job)
        self._watch()
        return clean

    def close(self) -> None:
        """Save, stop watching and give up the lock."""
        if self.state.closed:
            return
        self.flush()
        self._retry.stop()
        self.state.close()
        self._unwatch()
        self._background.shutdown()
        if self._own_work:
            self._worker.stop()
