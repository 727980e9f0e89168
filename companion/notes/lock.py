"""One writer at a time: a lock file beside the notes.

It follows QLockFile's design (an exclusive create holding the owner's pid,
app and host; a lock whose process is gone is stale and taken over) but is
plain Python, so the Qt-free core and the command line can use it too.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from pathlib import Path

from companion.regular_files import read_regular

#: A lock file that cannot be read (a crash mid-write) is stale after this long.
UNREADABLE_STALE_S = 30.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class NotesLock:
    def __init__(self, notes_path: Path) -> None:
        self.path = notes_path.with_name(notes_path.name + ".lock")
        self.held = False

    def _owner(self) -> tuple[int, str, str] | None:
        try:
            text = read_regular(self.path).decode("utf-8")  # a FIFO here must not hang us
            pid, app, host = text.splitlines()[:3]
            return int(pid), app, host
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            return None

    def holder(self) -> str:
        """Who holds the lock, in words."""
        owner = self._owner()
        if owner is None:
            return "another Companion"
        pid, app, host = owner
        return f"{app} (process {pid} on {host})"

    def is_stale(self) -> bool:
        owner = self._owner()
        if owner is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return True
            return age > UNREADABLE_STALE_S
        pid, _app, host = owner
        # Another machine's process cannot be checked (a shared folder): never stale.
        return host == socket.gethostname() and not _alive(pid)

    def try_acquire(self) -> bool:
        """Take the lock; a stale one (its process died) is recovered."""
        if self.held:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if not self.is_stale():
                    return False
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\ncompanion\n{socket.gethostname()}\n")
            self.held = True
            return True
        return False

    def release(self) -> None:
        if self.held:
            owner = self._owner()
            # Taken over meanwhile (judged stale), or being written by its new owner: not ours.
            if owner is not None and (owner[0], owner[2]) == (os.getpid(), socket.gethostname()):
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
            self.held = False
