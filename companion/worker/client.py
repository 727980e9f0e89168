"""The app's side of the worker process: start it, ask it one thing at a time, stop it."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import companion
from companion.notes.disk import OffloadFailed
from companion.notes.fileformat import Parsed
from companion.notes.model import NotesFile
from companion.notes.store import NotesUnwritable, Opened
from companion.worker.wire import Message, pack, path_or_none, problem_in, receive, send, unpack

if TYPE_CHECKING:
    import subprocess


class WorkerFailed(OffloadFailed):
    """The worker process could not be started, stopped answering, or failed unexpectedly."""


class WorkerProcess:
    """One worker process: started on first use, asked one thing at a time, stopped.

    Several threads may share it (the notes' and the index's): each request waits for
    the one before to be answered.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        #: Held from sending a request until its answer is read.
        self._asking = threading.Lock()
        #: How many processes were started (a window starts at most one at a time).
        self.started = 0

    @property
    def running(self) -> bool:
        return self._process is not None

    def _start(self) -> subprocess.Popen[bytes]:
        import subprocess  # only when a big job first needs the process

        env = dict(os.environ)
        # The worker imports companion from wherever this process did (a checkout too).
        root = str(Path(companion.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "companion.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
        except OSError as exc:
            raise WorkerFailed(f"cannot start the helper: {exc}") from exc
        self.started += 1
        return process

    def ask(self, head: list[Any], blobs: Sequence[bytes] = ()) -> Message:
        """Send one request and wait for its answer (call from a worker thread)."""
        with self._asking:
            return self._ask(head, blobs)

    def _ask(self, head: list[Any], blobs: Sequence[bytes]) -> Message:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._end(self._process, kill=True)
                self._process = self._start()
            process = self._process
        assert process.stdin is not None and process.stdout is not None
        try:
            send(process.stdin, head, blobs)
            answer = receive(process.stdout)
        except (OSError, ValueError) as exc:  # ValueError: the pipe was closed by stop()
            self._discard(process)
            raise WorkerFailed(f"the helper stopped: {exc}") from exc
        if answer is None:
            self._discard(process)
            raise WorkerFailed("the helper stopped answering")
        if answer[0][0] == "oserror":
            raise OSError(int(answer[0][1]), str(answer[0][2]))
        if answer[0][0] == "failed":
            raise WorkerFailed(f"the helper failed: {answer[0][1]}")
        return answer

    def save(self, path: Path, data: NotesFile, expected: bytes | None) -> bytes | None:
        """Save in the worker process: the bytes written, or None if the file had changed."""
        layout, blobs = pack(data)
        first = [] if expected is None else [expected]
        head, answer = self.ask(["save", str(path), expected is not None, layout], first + blobs)
        if head[0] == "saved":
            return answer[0]
        if head[0] == "changed":
            return None
        if head[0] == "unwritable":
            raise NotesUnwritable(path, str(head[1]))
        raise WorkerFailed(f"the helper answered {head[0]!r} to a save")

    def open_notes(self, path: Path, bundle_id: str) -> Opened:
        """``store.open_notes`` in the worker process: the same record, its data decoded here."""
        head, blobs = self.ask(["open", str(path), bundle_id])
        if head[0] != "opened":
            raise WorkerFailed(f"the helper answered {head[0]!r} to an open")
        _, read_only, problem, set_aside, backup, migrated_from, notices, repaired, layout = head
        return Opened(
            unpack(NotesFile, layout, blobs),
            read_only=read_only,
            problem=problem_in(problem),
            set_aside=path_or_none(set_aside),
            backup=path_or_none(backup),
            migrated_from=migrated_from,
            notices=list(notices),
            repaired=bool(repaired),
        )

    def parse(self, path: Path, raw: bytes) -> Parsed:
        """``fileformat.parse`` in the worker process; raises the same NotesProblem it would."""
        head, blobs = self.ask(["parse", str(path)], [raw])
        if head[0] == "problem":
            problem = problem_in(head[1:])
            assert problem is not None
            raise problem
        if head[0] != "parsed":
            raise WorkerFailed(f"the helper answered {head[0]!r} to a parse")
        _, migrated_from, findings, repaired, layout = head
        found = (problem_in(f) for f in findings)
        return Parsed(
            unpack(NotesFile, layout, blobs),
            migrated_from,
            tuple(f for f in found if f is not None),
            bool(repaired),
        )

    def _discard(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            if self._process is process:
                self._process = None
        self._end(process, kill=True)

    def stop(self, *, kill: bool = False) -> None:
        """End the process: at once with ``kill``, else once it has answered what it was asked."""
        if kill:
            with self._lock:
                process, self._process = self._process, None
            self._end(process, kill=True)
            return
        with self._asking, self._lock:
            process, self._process = self._process, None
        self._end(process, kill=False)

    @staticmethod
    def _end(process: subprocess.Popen[bytes] | None, *, kill: bool) -> None:
        if process is None:
            return
        import subprocess

        if kill:
            process.kill()
        if process.stdin is not None:
            # End of requests: the worker exits. An error: it had gone, nothing was pending.
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
