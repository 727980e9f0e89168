"""Run slow work (serialising, writing, parsing) off the UI thread and hear back on it.

The same shape as Anki's task manager: a Python thread pool runs the job, and a
queued Qt signal brings the finished future back to the UI thread, where the
callback runs. One worker thread per ``Background``, so its jobs never overlap.

``BackgroundWork`` is the one owner of a window's background work: the shell makes
it and hands it to the features (``Shell.background``). It keeps one thread per
lane ("notes": the notes' disk jobs, "search": the index), so an index being made
never holds up a save, and the one worker process (``companion.worker``) both send
their big jobs to, one request at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from companion.worker.client import WorkerProcess

T = TypeVar("T")


class Background(QObject):
    """Runs one job at a time on a worker thread; ``on_done`` runs on the UI thread."""

    #: Emitted from the worker thread; delivered (queued) on the UI thread.
    _sig_finished = Signal(object, object)

    def __init__(
        self, parent: QObject | None = None, pool: ThreadPoolExecutor | None = None
    ) -> None:
        """``pool``: a lane of a ``BackgroundWork`` (which outlives this), else one's own."""
        super().__init__(parent)
        self._own = pool is None
        self._pool = pool or ThreadPoolExecutor(max_workers=1, thread_name_prefix="companion-disk")
        self._pending: set[Future[Any]] = set()
        self._sig_finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], T], on_done: Callable[[Future[T]], None]) -> Future[T]:
        future = self._pool.submit(job)
        self._pending.add(future)
        future.add_done_callback(lambda f: self._finished(f, on_done))
        return future

    def _finished(self, future: Future[Any], on_done: Callable[[Future[Any]], None]) -> None:
        """On the worker thread: send the result to the UI thread, if anyone is left there."""
        self._pending.discard(future)
        # Not a check before emitting: the UI thread may delete this object in between.
        with suppress(RuntimeError):  # "Signal source has been deleted": its window is gone
            self._sig_finished.emit(future, on_done)

    def _deliver(self, future: Future[Any], on_done: Callable[[Future[Any]], None]) -> None:
        on_done(future)

    def shutdown(self) -> None:
        """Wait for this one's jobs; stop the worker thread if it is this one's own."""
        if self._own:
            self._pool.shutdown(wait=True)
        else:
            wait(list(self._pending))


class BackgroundWork(QObject):
    """A window's background work: a thread per lane and one worker process, started on use."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = WorkerProcess()
        self._lanes: dict[str, ThreadPoolExecutor] = {}

    def lane(self, name: str, parent: QObject | None = None) -> Background:
        """A ``Background`` running its jobs on lane ``name``'s thread, one at a time."""
        pool = self._lanes.get(name)
        if pool is None:
            pool = self._lanes[name] = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix=f"companion-{name}"
            )
        return Background(parent, pool)

    @property
    def threads(self) -> int:
        """How many lanes (threads) have been made."""
        return len(self._lanes)

    def close(self) -> None:
        """Stop the worker process at once (the window closes). The lanes stay: a job still
        queued runs, and their idle threads end with the app."""
        self.worker.stop(kill=True)
