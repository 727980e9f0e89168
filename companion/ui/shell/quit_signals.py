"""Logging out, shutting down or Ctrl+C in a terminal end Companion as its Quit does.

SIGTERM (logout, shutdown, ``kill``), SIGHUP (the terminal closed) and SIGINT
(Ctrl+C) would otherwise end the process at once, losing the last edit and
leaving the notes lock behind. Python runs its signal handlers only between
bytecodes, and the Qt event loop is C++: a handler would wait until something
else woke Python. So the C-level handler's byte goes down a pipe (a socket pair
on Windows; ``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the
loop wakes at once, and ``quit`` runs on the UI thread, between two events,
like any slot. (The same idea as qutebrowser's ``crashsignal``, written for
this app.) It is installed just after the window is shown: the notes load
after its first paint, so there is nothing to save before.

A second signal while the first is being handled gets the system's default:
a learner whose save hangs on a dead network share can still end the app.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier

if TYPE_CHECKING:
    import socket

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
        self._reader, self._writer = _wakeup_channel()
        self._previous_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        self._previous = {signum: signal.getsignal(signum) for signum in QUIT_SIGNALS}
        for signum in QUIT_SIGNALS:
            # The Python handler does nothing: the wakeup byte says which signal came.
            signal.signal(signum, _noted)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        try:
            received = _read(self._reader)
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
        _close(self._reader, self._writer)


def _noted(signum: int, frame: FrameType | None) -> None:
    """Python's half of the handler: the socket has told the event loop already."""


# A pipe where there are pipes: a socket pair costs ~6 ms of start-up to import.
# Windows' wakeup needs a socket.
def _wakeup_channel() -> tuple[int, int]:
    """Two non-blocking ends (a full buffer must never block the C-level handler)."""
    if sys.platform == "win32":
        import socket

        reader, writer = socket.socketpair()
        for end in (reader, writer):
            end.setblocking(False)
        _sockets[reader.fileno()], _sockets[writer.fileno()] = reader, writer
        return reader.fileno(), writer.fileno()
    reader_fd, writer_fd = os.pipe()
    for end in (reader_fd, writer_fd):
        os.set_blocking(end, False)
    return reader_fd, writer_fd


#: Windows' socket objects, kept alive while their numbers are in use.
_sockets: dict[int, socket.socket] = {}


def _read(fd: int) -> bytes:
    sock = _sockets.get(fd)
    return sock.recv(64) if sock is not None else os.read(fd, 64)


def _close(*fds: int) -> None:
    for fd in fds:
        sock = _sockets.pop(fd, None)
        if sock is not None:
            sock.close()
        else:
            os.close(fd)
