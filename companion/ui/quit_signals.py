"""Logging out, shutting down or Ctrl+C in a terminal end Companion as its Quit does.

SIGTERM (logout, shutdown, ``kill``), SIGHUP (the terminal closed) and SIGINT
(Ctrl+C) would otherwise end the process at once, losing the last edit and
leaving the notes lock behind. Python runs its signal handlers only between
bytecodes, and the Qt event loop is C++: a handler would wait until something
else woke Python. So the C-level handler's byte goes to a socket
(``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the loop wakes
at once, and ``quit`` runs on the UI thread, between two events, like any
slot. (The same idea as qutebrowser's ``crashsignal``, written for this app.)

A second signal while the first is being handled gets the system's default:
a learner whose save hangs on a dead network share can still end the app.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier

#: The signals that mean "end now, tidily", where the platform has them.
QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class QuitOnSignals(QObject):
    """While it lives, the quit signals call ``quit(signal number)`` on the UI thread."""

    def __init__(self, quit: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self._quitting = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)  # a full buffer must never block the C handler
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {signum: signal.getsignal(signum) for signum in QUIT_SIGNALS}
        for signum in QUIT_SIGNALS:
            # The Python handler does nothing: the wakeup byte says which signal came.
            signal.signal(signum, _noted)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        try:
            received = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for signum in received:
            if signum in QUIT_SIGNALS and not self._quitting:
                self._quitting = True
                for other in QUIT_SIGNALS:  # a second one ends the app the hard way
                    signal.signal(other, signal.SIG_DFL)
                self._quit(signum)

    def uninstall(self) -> None:
        """Give the signals back as they were."""
        self._notifier.setEnabled(False)
        if not self._quitting:
            for signum, handler in self._previous.items():
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def _noted(signum: int, frame: FrameType | None) -> None:
    """Python's half of the handler: the socket has told the event loop already."""
