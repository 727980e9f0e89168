"""Run slow work (serialising, writing, parsing) off the UI thread and hear back on it.

The same shape as Anki's task manager: a Python thread pool runs the job, and a
queued Qt signal brings the finished future back to the UI thread, where the
callback runs. One worker thread, so disk jobs never overlap each other.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")


class Background(QObject):
    """Runs one job at a time on a worker thread; ``on_done`` runs on the UI thread."""

    #: Emitted from the worker thread; delivered (queued) on the UI thread.
    _sig_finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="companion-disk")
        self._sig_finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], T], on_done: Callable[[Future[T]], None]) -> Future[T]:
        future = self._pool.submit(job)
        future.add_done_callback(lambda f: self._finished(f, on_done))
        return future

    def _finished(self, future: Future[Any], on_done: Callable[[Future[Any]], None]) -> None:
        """On the worker thread: send the result to the UI thread, if anyone is left there."""
        # Not a check before emitting: the UI thread may delete this object in between.
        with suppress(RuntimeError):  # "Signal source has been deleted": its window is gone
            self._sig_finished.emit(future, on_done)

    def _deliver(self, future: Future[Any], on_done: Callable[[Future[Any]], None]) -> None:
        on_done(future)

    def shutdown(self) -> None:
        """Wait for the running job and stop the worker thread."""
        self._pool.shutdown(wait=True)
