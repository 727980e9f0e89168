"""The worker's wire: framed messages on a pipe, and structs sent in chunks.

A message is a head (a MessagePack list) and then ``blobs``, raw byte strings, each
behind a 4-byte length; the head's frame says how many blobs follow. Records travel
as chunks (``pack``/``unpack``): each encodes or decodes in a millisecond or two, so
neither side holds the lock for long.
"""

from __future__ import annotations

import struct
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import msgspec

from companion.notes.fileformat import (
    NotesCorrupt,
    NotesProblem,
    NotesTooNew,
    SharedId,
    UnshowableDate,
)

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


def problem_out(problem: NotesProblem | None) -> list[Any] | None:
    if problem is None:
        return None
    return [type(problem).__name__, str(problem.file), problem.message, problem.line]


_PROBLEMS: dict[str, type[NotesProblem]] = {
    kind.__name__: kind
    for kind in (NotesProblem, NotesCorrupt, NotesTooNew, SharedId, UnshowableDate)
}


def problem_in(fields: list[Any] | None) -> NotesProblem | None:
    if fields is None:
        return None
    kind, file, message, line = fields
    return _PROBLEMS.get(kind, NotesProblem)(Path(file), message, line)


def path_or_none(value: str | None) -> Path | None:
    return None if value is None else Path(value)


def blob_count(layout: Layout) -> int:
    """How many blobs ``pack`` made for ``layout``."""
    return sum(1 if count < 0 else count for _, count in layout)
