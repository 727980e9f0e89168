"""One writer at a time: a lock file beside the notes.

It follows QLockFile's design (an exclusive create holding the owner's pid,
app and host; a lock whose process is gone is stale and taken over) but is
plain Python, so the Qt-free core and the command line can use it too.

A process id alone says little once its process has gone: after a restart or a
long uptime another process may have it. So the lock also records the machine's
boot id and the process's start time (Linux ``/proc``), and a lock is stale when
the process that has its id now is not the one that wrote it. A lock written
without them (an older Companion) is stale when that process is not a Companion
(its command line). A lock from another computer (a shared or synced folder)
cannot be checked from here: only the learner can say it is stale
(``take_over``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from companion import side_files
from companion.regular_files import read_regular

#: A lock file that cannot be read (a crash mid-write) is stale after this long.
UNREADABLE_STALE_S = 30.0
_PROC = Path("/proc")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OverflowError, ValueError):
        return False  # not a process id at all
    return True


def boot_id() -> str:
    """This boot of this machine ("" where the system does not say)."""
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def start_time(pid: int) -> str:
    """When process ``pid`` started, in clock ticks since boot ("" where unknown)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    # "PID (COMMAND) STATE PPID ...": the command may hold spaces and parentheses;
    # the start time is field 22, the 20th after the command.
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


def command_line(pid: int) -> str | None:
    """The process's command line, or None where it cannot be read."""
    try:
        raw = (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return None
    return raw.replace(b"\0", b" ").decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Owner:
    """What a lock file says about the process that wrote it."""

    pid: int
    app: str
    host: str
    #: Empty in a lock written by an older Companion, or where the system does not say.
    boot: str = ""
    started: str = ""


def _stamp() -> str:
    pid = os.getpid()
    return f"{pid}\ncompanion\n{socket.gethostname()}\n{boot_id()}\n{start_time(pid)}\n"


class NotesLock:
    def __init__(self, notes_path: Path) -> None:
        self.path = side_files.beside(notes_path, side_files.LOCK)
        self.held = False

    def owner(self) -> Owner | None:
        try:
            text = read_regular(self.path).decode("utf-8")  # a FIFO here must not hang us
            lines = text.splitlines()
            pid, app, host = lines[:3]
            owner = Owner(int(pid), app, host, *(line.strip() for line in lines[3:5]))
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            return None
        # 0 and negative ids name process groups (kill(0, 0) always succeeds): not a writer.
        return owner if owner.pid > 0 else None

    def holder(self) -> str:
        """Who holds the lock, in words."""
        owner = self.owner()
        if owner is None:
            return "another Companion"
        return f"{owner.app} (process {owner.pid} on {owner.host})"

    def other_host(self) -> str | None:
        """The other computer named by the lock, if it names one."""
        owner = self.owner()
        if owner is None or owner.host == socket.gethostname():
            return None
        return owner.host

    def is_stale(self) -> bool:
        owner = self.owner()
        if owner is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return True
            return age > UNREADABLE_STALE_S
        if owner.host != socket.gethostname():
            return False  # another machine's process cannot be checked from here
        return not _is_writer(owner)

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
                handle.write(_stamp())
            self.held = True
            return True
        return False

    def take_over(self, seen: Owner) -> bool:
        """Take a lock the learner says is stale (Companion is closed on ``seen.host``).

        Only the lock as it was shown is removed: if another Companion took it since,
        it is left alone.
        """
        if self.held:
            return True
        if self.owner() == seen:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        return self.try_acquire()

    def release(self) -> None:
        if self.held:
            owner = self.owner()
            # Taken over meanwhile (judged stale), or being written by its new owner: not ours.
            if owner is not None and (owner.pid, owner.host) == (
                os.getpid(),
                socket.gethostname(),
            ):
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
            self.held = False


def _is_writer(owner: Owner) -> bool:
    """Whether the process that wrote this machine's lock is still running."""
    if not _alive(owner.pid):
        return False
    if owner.pid == os.getpid():
        return True  # this very process (another window here holds it)
    here = boot_id()
    if owner.boot and here and owner.boot != here:
        return False  # written before this machine last started
    if owner.started:
        now = start_time(owner.pid)
        if now:
            return now == owner.started  # the id may now belong to another process
    command = command_line(owner.pid)
    # An older lock: only a Companion could have written it.
    return command is None or "companion" in command.lower()
