"""Slow work in a helper process, so the UI never waits for the interpreter lock.

Reading YAML (the C loader), writing it (the C emitter) and turning Markdown into
search documents hold Python's lock for long stretches: on a worker thread they
still make the UI thread stutter (``tests/bench/stalls.py``). The helper is
``python -m companion.ui.helper``: no Qt, no re-run of the app's main module, and a
lower scheduling priority than the app's (``NICENESS``). A worker thread sends it
one request at a time through a pipe (waiting on a pipe releases the lock) and
reads the answer.

A message is a head (a MessagePack list) and then ``blobs``, raw byte strings, each
behind a 4-byte length; the head's frame says how many blobs follow. Records travel
as chunks (``pack``/``unpack``): each encodes or decodes in a millisecond or two, so
neither side holds the lock for long. Requests and their answers (any request may
also be answered ``["oserror", errno, text]`` or ``["failed", text]``):

- ``["save", path, has_expected, layout]`` + ``expected`` (if any) + the NotesFile
  packed: ``["saved"]`` + the bytes written, ``["changed"]`` (the file no longer
  held ``expected``, and nothing was written) or ``["unwritable", why]`` (Companion could
  not read the file back, so nothing was written);
- ``["open", path, bundle_id]``: ``store.open_notes`` there, answered ``["opened",
  read_only, problem, set_aside, backup, migrated_from, notices, repaired, layout]`` +
  the NotesFile packed;
- ``["parse", path]`` + the file's bytes: ``["parsed", migrated_from, findings, repaired,
  layout]`` + the NotesFile packed (``findings``: a list of ``[kind, file, message,
  line]``, as a problem is sent), or ``["problem", kind, file, message, line]``;
- ``["index", token, bundle_layout, notes_layout]`` + the bundle packed (when its
  layout is not None) + the notes packed (idem): ``["index", meta]`` + the database,
  or ``["unknown"]`` (no bundle, and this helper holds no content for ``token``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import msgspec

import companion
from companion.notes.fileformat import (
    NotesCorrupt,
    NotesProblem,
    NotesTooNew,
    Parsed,
    SharedId,
    UnshowableDate,
)
from companion.notes.model import NotesFile

if TYPE_CHECKING:
    import subprocess

    from companion.notes.store import Opened

_FRAME = struct.Struct(">I")
#: Records per chunk: 500 notes encode in about 0.5 ms and decode in about 1 ms.
CHUNK = 500
#: Between two chunks a worker thread lets the interpreter lock go this long, so that a
#: UI thread waiting for it runs at once: a list view with a Python model repainted in
#: 13 ms alone, 24 ms beside a worker packing a bundle without pauses, 15 ms with them.
PAUSE_S = 0.0005

S = TypeVar("S", bound=msgspec.Struct)
Layout = list[list[Any]]
Message = tuple[list[Any], list[bytes]]


class HelperFailed(Exception):
    """The helper could not be started, stopped answering, or failed unexpectedly."""


# -- the wire -----------------------------------------------------------------
def send(stream: IO[bytes], head: list[Any], blobs: Sequence[bytes] = ()) -> None:
    payload = msgspec.msgpack.encode([head, len(blobs)])
    stream.write(_FRAME.pack(len(payload)) + payload)
    for blob in blobs:
        stream.write(_FRAME.pack(len(blob)))
        stream.write(blob)
    stream.flush()


def _frame(stream: IO[bytes]) -> bytes | None:
    size = stream.read(_FRAME.size)
    if len(size) < _FRAME.size:
        return None
    (length,) = _FRAME.unpack(size)
    payload = stream.read(length)
    return payload if len(payload) == length else None


def receive(stream: IO[bytes]) -> Message | None:
    """The next message, or None when the other side has gone (mid-message too)."""
    payload = _frame(stream)
    if payload is None:
        return None
    head, count = msgspec.msgpack.decode(payload)
    blobs = []
    for _ in range(count):
        blob = _frame(stream)
        if blob is None:
            return None
        blobs.append(blob)
    return head, blobs


def _pause() -> None:
    """On a worker thread, give the lock to a thread waiting for it (see ``PAUSE_S``)."""
    if threading.current_thread() is not threading.main_thread():
        time.sleep(PAUSE_S)


def pack(value: msgspec.Struct, chunk: int = CHUNK) -> tuple[Layout, list[bytes]]:
    """A struct as blobs: each list field in chunks of ``chunk`` records, others whole."""
    layout: Layout = []
    blobs: list[bytes] = []
    for name in value.__struct_fields__:
        field = getattr(value, name)
        if isinstance(field, list):
            count = 0
            for i in range(0, len(field), chunk):
                blobs.append(msgspec.msgpack.encode(field[i : i + chunk]))
                count += 1
                _pause()
            layout.append([name, count])
        else:
            layout.append([name, -1])
            blobs.append(msgspec.msgpack.encode(field))
    return layout, blobs


def unpack(kind: type[S], layout: Layout, blobs: Sequence[bytes]) -> S:
    """What ``pack`` made, every record checked against its type as it is decoded."""
    types = {field.name: field.type for field in msgspec.structs.fields(kind)}
    values: dict[str, Any] = {}
    at = 0
    for name, count in layout:
        if count < 0:
            values[name] = msgspec.msgpack.decode(blobs[at], type=types[name])
            at += 1
            continue
        records: list[Any] = []
        for blob in blobs[at : at + count]:
            records += msgspec.msgpack.decode(blob, type=types[name])
            _pause()
        values[name] = records
        at += count
    return kind(**values)


def _problem_out(problem: NotesProblem | None) -> list[Any] | None:
    if problem is None:
        return None
    return [type(problem).__name__, str(problem.file), problem.message, problem.line]


_PROBLEMS: dict[str, type[NotesProblem]] = {
    kind.__name__: kind
    for kind in (NotesProblem, NotesCorrupt, NotesTooNew, SharedId, UnshowableDate)
}


def _problem_in(fields: list[Any] | None) -> NotesProblem | None:
    if fields is None:
        return None
    kind, file, message, line = fields
    return _PROBLEMS.get(kind, NotesProblem)(Path(file), message, line)


def _path(value: str | None) -> Path | None:
    return None if value is None else Path(value)


# -- the parent's side -----------------------------------------------------------
class Helper:
    """One helper process: started on first use, asked one thing at a time, stopped."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._process is not None

    def _start(self) -> subprocess.Popen[bytes]:
        import subprocess  # only when a big job first needs the helper

        env = dict(os.environ)
        # The helper imports companion from wherever this process did (a checkout too).
        root = str(Path(companion.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "companion.ui.helper"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
        except OSError as exc:
            raise HelperFailed(f"cannot start the helper: {exc}") from exc

    def ask(self, head: list[Any], blobs: Sequence[bytes] = ()) -> Message:
        """Send one request and wait for its answer (call from a worker thread)."""
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
            raise HelperFailed(f"the helper stopped: {exc}") from exc
        if answer is None:
            self._discard(process)
            raise HelperFailed("the helper stopped answering")
        if answer[0][0] == "oserror":
            raise OSError(int(answer[0][1]), str(answer[0][2]))
        if answer[0][0] == "failed":
            raise HelperFailed(f"the helper failed: {answer[0][1]}")
        return answer

    def save(self, path: Path, data: NotesFile, expected: bytes | None) -> bytes | None:
        """Save through the helper: the bytes written, or None if the file had changed."""
        layout, blobs = pack(data)
        first = [] if expected is None else [expected]
        head, answer = self.ask(["save", str(path), expected is not None, layout], first + blobs)
        if head[0] == "saved":
            return answer[0]
        if head[0] == "changed":
            return None
        if head[0] == "unwritable":
            from companion.notes.store import NotesUnwritable

            raise NotesUnwritable(path, str(head[1]))
        raise HelperFailed(f"the helper answered {head[0]!r} to a save")

    def open_notes(self, path: Path, bundle_id: str) -> Opened:
        """``store.open_notes`` in the helper: the same record, its data decoded here."""
        from companion.notes.store import Opened

        head, blobs = self.ask(["open", str(path), bundle_id])
        if head[0] != "opened":
            raise HelperFailed(f"the helper answered {head[0]!r} to an open")
        _, read_only, problem, set_aside, backup, migrated_from, notices, repaired, layout = head
        return Opened(
            unpack(NotesFile, layout, blobs),
            read_only=read_only,
            problem=_problem_in(problem),
            set_aside=_path(set_aside),
            backup=_path(backup),
            migrated_from=migrated_from,
            notices=list(notices),
            repaired=bool(repaired),
        )

    def parse(self, path: Path, raw: bytes) -> Parsed:
        """``fileformat.parse`` in the helper; raises the same NotesProblem it would."""
        head, blobs = self.ask(["parse", str(path)], [raw])
        if head[0] == "problem":
            problem = _problem_in(head[1:])
            assert problem is not None
            raise problem
        if head[0] != "parsed":
            raise HelperFailed(f"the helper answered {head[0]!r} to a parse")
        _, migrated_from, findings, repaired, layout = head
        found = (_problem_in(f) for f in findings)
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
        """End the helper: at once with ``kill``, else once it has answered what it was asked."""
        with self._lock:
            process, self._process = self._process, None
        self._end(process, kill=kill)

    @staticmethod
    def _end(process: subprocess.Popen[bytes] | None, *, kill: bool) -> None:
        if process is None:
            return
        import subprocess

        if kill:
            process.kill()
        if process.stdin is not None:
            # End of requests: the helper exits. An error: it had gone, nothing was pending.
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


# -- the helper's side -------------------------------------------------------------
class _Handlers:
    """What the helper does; it keeps the bundle's content index between requests."""

    def __init__(self) -> None:
        self.token: Any = None
        self.content: Any = None

    def handle(self, head: list[Any], blobs: list[bytes]) -> Message:
        kind = head[0]
        if kind == "save":
            return self.save(head, blobs)
        if kind == "open":
            return self.open(head)
        if kind == "parse":
            return self.parse(head, blobs)
        if kind == "index":
            return self.index(head, blobs)
        raise ValueError(f"unknown request {kind!r}")

    def save(self, head: list[Any], blobs: list[bytes]) -> Message:
        from companion.notes.store import NotesUnwritable
        from companion.ui.notes_disk import Saved, save_if_unchanged

        _, path, has_expected, layout = head
        expected = blobs[0] if has_expected else None
        data = unpack(NotesFile, layout, blobs[1:] if has_expected else blobs)
        try:
            result = save_if_unchanged(Path(path), data, expected)
        except NotesUnwritable as exc:
            return ["unwritable", exc.why], []
        return (["saved"], [result.raw]) if isinstance(result, Saved) else (["changed"], [])

    def open(self, head: list[Any]) -> Message:
        from companion.notes.store import open_notes

        _, path, bundle_id = head
        opened = open_notes(Path(path), bundle_id)
        layout, blobs = pack(opened.data)
        return [
            "opened",
            opened.read_only,
            _problem_out(opened.problem),
            None if opened.set_aside is None else str(opened.set_aside),
            None if opened.backup is None else str(opened.backup),
            opened.migrated_from,
            opened.notices,
            opened.repaired,
            layout,
        ], blobs

    def parse(self, head: list[Any], blobs: list[bytes]) -> Message:
        from companion.notes.fileformat import parse

        try:
            parsed = parse(blobs[0], Path(head[1]))
        except NotesProblem as exc:
            return ["problem", *(_problem_out(exc) or [])], []
        layout, data = pack(parsed.data)
        findings = [_problem_out(f) for f in parsed.findings]
        return ["parsed", parsed.migrated_from, findings, parsed.repaired, layout], data

    def index(self, head: list[Any], blobs: list[bytes]) -> Message:
        from companion.bundle.model import Bundle
        from companion.search.building import content_index, with_own

        _, token, bundle_layout, notes_layout = head
        at = 0
        if bundle_layout is not None:
            at = _blob_count(bundle_layout)
            self.token = self.content = None  # the old index goes before the new one is made
            self.content = content_index(unpack(Bundle, bundle_layout, blobs[:at]))
            self.token = token
        elif self.token != token or self.content is None:
            return ["unknown"], []
        if notes_layout is not None:
            with_own(self.content, unpack(NotesFile, notes_layout, blobs[at:]))
        meta, db = self.content.index.export()
        return ["index", meta], [db]


def _blob_count(layout: Layout) -> int:
    """How many blobs ``pack`` made for ``layout``."""
    return sum(1 if count < 0 else count for _, count in layout)


#: How much lower than the app's the helper's scheduling priority is: a few cores shared
#: by the app, its helpers and whatever else runs are given to the UI thread first.
NICENESS = 10


def main() -> int:
    """The helper: answer requests until the pipe closes."""
    from companion.ui.notes_disk import collections_paused

    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(NICENESS)
    # Ctrl+C in a terminal, or the terminal closing, reaches the whole process group: the
    # app decides what happens (it saves, then closes the pipe, which ends this helper).
    for name in ("SIGINT", "SIGHUP"):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # no SIGHUP on Windows
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by accident may break a message
    handlers = _Handlers()
    while (message := receive(requests)) is not None:
        head, blobs = message
        try:
            with collections_paused():
                answer = handlers.handle(head, blobs)
        except OSError as exc:
            answer = ["oserror", exc.errno or 0, exc.strerror or str(exc)], []
        except Exception as exc:  # reported to the parent, which does the job itself
            answer = ["failed", repr(exc)], []
        del message, blobs
        send(answers, *answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
