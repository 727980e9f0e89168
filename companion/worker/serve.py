"""The worker's side (``python -m companion.worker``): answer requests until the pipe closes."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import Any

from companion.gc_pause import collections_paused
from companion.notes.fileformat import NotesProblem, parse
from companion.notes.model import NotesFile
from companion.worker.wire import Message, blob_count, pack, problem_out, receive, send, unpack


class Handlers:
    """What the worker does; it keeps the bundle's content index between requests."""

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
        from companion.notes.disk import Saved, save_if_unchanged
        from companion.notes.store import NotesUnwritable

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
            problem_out(opened.problem),
            None if opened.set_aside is None else str(opened.set_aside),
            None if opened.backup is None else str(opened.backup),
            opened.migrated_from,
            opened.notices,
            opened.repaired,
            layout,
        ], blobs

    def parse(self, head: list[Any], blobs: list[bytes]) -> Message:
        try:
            parsed = parse(blobs[0], Path(head[1]))
        except NotesProblem as exc:
            return ["problem", *(problem_out(exc) or [])], []
        layout, data = pack(parsed.data)
        findings = [problem_out(f) for f in parsed.findings]
        return ["parsed", parsed.migrated_from, findings, parsed.repaired, layout], data

    def index(self, head: list[Any], blobs: list[bytes]) -> Message:
        from companion.bundle.model import Bundle
        from companion.search.building import content_index, with_own

        _, token, bundle_layout, notes_layout = head
        at = 0
        if bundle_layout is not None:
            at = blob_count(bundle_layout)
            self.token = self.content = None  # the old index goes before the new one is made
            self.content = content_index(unpack(Bundle, bundle_layout, blobs[:at]))
            self.token = token
        elif self.token != token or self.content is None:
            return ["unknown"], []
        if notes_layout is not None:
            with_own(self.content, unpack(NotesFile, notes_layout, blobs[at:]))
        meta, db = self.content.index.export()
        return ["index", meta], [db]


#: How much lower than the app's the worker's scheduling priority is: a few cores shared
#: by the app, its workers and whatever else runs are given to the UI thread first.
NICENESS = 10


def main() -> int:
    """The worker: answer requests until the pipe closes."""
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(NICENESS)
    # Ctrl+C in a terminal, or the terminal closing, reaches the whole process group: the
    # app decides what happens (it saves, then closes the pipe, which ends this worker).
    for name in ("SIGINT", "SIGHUP"):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # no SIGHUP on Windows
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by accident may break a message
    handlers = Handlers()
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
