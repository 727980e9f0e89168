"""Work that runs in short steps on the UI thread, one per turn of the event loop.

Between two steps Qt handles input and paints, so a window that is still
finishing its start-up answers the learner within one step's time. A step that
returns an iterator (a generator that yields between the parts of a build) is
taken a part per turn.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal


class Steps(QObject):
    """Runs ``steps`` in order, one per event-loop turn once ``start`` is called."""

    sig_done = Signal()
    """Every step has run."""

    def __init__(
        self, steps: Iterable[Callable[[], object]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._left = deque(steps)
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    @property
    def done(self) -> bool:
        return not self._left and not self._running

    def start(self) -> None:
        if self._left and not self._timer.isActive():
            self._timer.start()

    def run_all(self) -> None:
        """Run what is left now (something needs its results before the next turn).

        Called from inside a step, it returns at once: the steps run in order.
        """
        if self._running:
            return
        self._timer.stop()
        while self._left:
            self._run_one()

    def _next(self) -> None:
        try:
            if self._left:
                self._run_one()
        finally:  # a step that fails does not stop the rest
            if self._left:
                self._timer.start()  # after what the step itself queued

    def _run_one(self) -> None:
        step = self._left.popleft()
        self._running = True
        try:
            parts = step()
        finally:
            self._running = False
        if isinstance(parts, Iterator):
            self._left.appendleft(lambda: _next_part(parts))
        if not self._left:
            self.sig_done.emit()


def _next_part(parts: Iterator[object]) -> Iterator[object] | None:
    """Run one part of ``parts``; the iterator again while parts are left (a step to come)."""
    for _ in parts:
        return parts
    return None
