"""The worker process: saves, opens and parses notes exactly as this process would."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from companion.bundle.model import Bundle
from companion.notes import disk, store
from companion.notes.fileformat import NotesCorrupt, NotesProblem, parse, serialize
from companion.notes.model import NOTES_SCHEMA_VERSION, Bookmark, Note, NotesFile, empty_file
from companion.worker.client import WorkerFailed, WorkerProcess
from companion.worker.wire import pack, receive, unpack
from tests.notes.support import BUNDLE_ID, on_disk

STAMP = "2026-01-02T03:04:05.000Z"


def many(count: int) -> NotesFile:
    notes = [
        Note(id=f"n-{i}", item=f"item-{i % 7}", body=f"note {i}", created=STAMP, modified=STAMP)
        for i in range(count)
    ]
    marks = [Bookmark(item=f"item-{i}", created=STAMP) for i in range(3)]
    return msgspec.structs.replace(empty_file(BUNDLE_ID), notes=notes, bookmarks=marks)


@pytest.fixture
def worker() -> Iterator[WorkerProcess]:
    worker = WorkerProcess()
    yield worker
    worker.stop()


def test_records_travel_in_chunks_and_come_back_equal(shipped: Bundle) -> None:
    data = many(1201)
    layout, blobs = pack(data, 500)
    assert dict((name, count) for name, count in layout)["notes"] == 3  # 500 + 500 + 201
    assert unpack(NotesFile, layout, blobs) == data
    assert unpack(Bundle, *pack(shipped, 2)) == shipped
    layout, blobs = pack(empty_file(BUNDLE_ID))
    assert unpack(NotesFile, layout, blobs) == empty_file(BUNDLE_ID)


def test_a_record_that_does_not_fit_its_type_is_refused() -> None:
    layout, blobs = pack(many(3))
    at = [name for name, _ in layout].index("notes")
    blobs[at] = msgspec.msgpack.encode([{"id": "n-1", "item": "x", "unknown": 1}])
    with pytest.raises(msgspec.ValidationError):
        unpack(NotesFile, layout, blobs)


def test_the_worker_saves_reports_changes_and_errors(tmp_path: Path, worker: WorkerProcess) -> None:
    path = tmp_path / "touchpoint-7.notes.yaml"
    data = many(3)
    raw = worker.save(path, data, None)
    assert raw == path.read_bytes() and on_disk(path) == data.normalised()
    # The file is not what the caller last saw: nothing is written.
    assert worker.save(path, empty_file(BUNDLE_ID), b"old") is None
    assert path.read_bytes() == raw
    assert worker.save(path, many(4), raw) == path.read_bytes() != raw
    blocked = tmp_path / "a-file" / "notes.yaml"
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(NotADirectoryError):  # raised in the worker, rebuilt here
        worker.save(blocked, data, None)


#: The version this Companion writes: a file in it is read without a migration.
CURRENT = f"schema_version: {NOTES_SCHEMA_VERSION}\n".encode()
FILES = {
    "good": serialize(many(700)),
    "corrupt": b"schema_version: 2\nbundle: touchpoint-7\nnotes:\n  - {id: n-1, item: x\n",
    "wrong type": b"schema_version: 2\nbundle: touchpoint-7\nnotes:\n  - id: 7\n",
    "too new": b"schema_version: 99\nbundle: touchpoint-7\nsomething_new: []\n",
    "old format": b"schema_version: 1\nbundle: touchpoint-7\nnotes: []\n",
    "other bundle": CURRENT + b"bundle: elsewhere\n",
    "not utf-8": b"\x00\xff not yaml at all",
    "shared ids, odd dates": (
        CURRENT + b"bundle: touchpoint-7\nnotes:\n"
        b"- {id: n-1, item: a, created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z'}\n"
        b"- {id: n-1, item: b, created: '0001-01-01T00:00:00+14:00', modified: '2024-01-01'}\n"
    ),
}


def _opened(folder: Path, raw: bytes | None, open_it: bool, worker: WorkerProcess) -> store.Opened:
    folder.mkdir()
    path = folder / "touchpoint-7.notes.yaml"
    if raw is not None:
        store.save_notes(path, many(2))  # a usable backup to offer
        path.write_bytes(raw)
    if open_it:
        return worker.open_notes(path, BUNDLE_ID)
    return store.open_notes(path, BUNDLE_ID)


def _plain(opened: store.Opened, folder: Path) -> list[object]:
    def name(path: Path | None) -> str | None:
        # A copy set aside is named by the second it was made: compare what comes before.
        return None if path is None else str(path.relative_to(folder)).partition(".broken-")[0]

    problem = opened.problem
    return [
        opened.data,
        opened.read_only and opened.read_only.replace(str(folder), "<>"),
        None if problem is None else (type(problem), str(problem).replace(str(folder), "<>")),
        name(opened.set_aside),
        name(opened.backup),
        opened.migrated_from,
        [n.replace(str(folder), "<>") for n in opened.notices],
        opened.repaired,
    ]


@pytest.mark.parametrize("raw", [*FILES.values(), None], ids=[*FILES, "missing"])
def test_the_worker_opens_a_file_as_this_process_does(
    tmp_path: Path, worker: WorkerProcess, raw: bytes | None
) -> None:
    here = _opened(tmp_path / "here", raw, False, worker)
    there = _opened(tmp_path / "there", raw, True, worker)
    assert _plain(there, tmp_path / "there") == _plain(here, tmp_path / "here")
    if there.set_aside is not None:
        assert there.set_aside.read_bytes() == raw  # kept aside, untouched
    if there.migrated_from is not None:
        kept = f"touchpoint-7.notes.yaml.v{there.migrated_from}.bak"
        assert (tmp_path / "there" / kept).read_bytes() == raw


def test_the_worker_parses_as_this_process_does_findings_too(
    tmp_path: Path, worker: WorkerProcess
) -> None:
    path = tmp_path / "touchpoint-7.notes.yaml"
    raw = FILES["shared ids, odd dates"]
    here, there = parse(raw, path), worker.parse(path, raw)
    assert (there.data, there.migrated_from, there.repaired) == (here.data, None, True)
    assert [(type(f), str(f)) for f in there.findings] == [(type(f), str(f)) for f in here.findings]
    assert {type(f).__name__ for f in there.findings} == {"SharedId", "UnshowableDate"}


def test_a_corrupt_file_read_in_the_worker_says_where(
    tmp_path: Path, worker: WorkerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk, "WORKER_BYTES", 1)
    path = tmp_path / "touchpoint-7.notes.yaml"
    path.write_bytes(FILES["corrupt"])
    loaded = disk.load(path, BUNDLE_ID, worker)
    problem = loaded.opened.problem
    # The line of the mistake: the '{' never closed.
    assert isinstance(problem, NotesCorrupt) and problem.file == path and problem.line == 4
    assert str(problem).startswith(f"{path}:4: ")
    assert loaded.opened.set_aside is not None and worker.running
    assert loaded.raw == FILES["corrupt"] == path.read_bytes()


@pytest.mark.parametrize("name", ["good", "corrupt", "wrong type", "old format"])
def test_the_worker_parses_as_this_process_does(
    tmp_path: Path, worker: WorkerProcess, name: str
) -> None:
    path = tmp_path / "touchpoint-7.notes.yaml"
    path.write_bytes(FILES[name])
    try:
        expected: object = parse(FILES[name], path)
    except NotesProblem as exc:
        expected = (type(exc), str(exc))
    try:
        found: object = worker.parse(path, FILES[name])
    except NotesProblem as exc:
        found = (type(exc), str(exc))
    assert found == expected


def test_big_files_are_read_in_the_worker_small_ones_here(
    tmp_path: Path, worker: WorkerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "touchpoint-7.notes.yaml"
    path.write_bytes(serialize(many(5)))
    assert disk.load(path, BUNDLE_ID, worker).opened.data == many(5)
    assert worker._process is None  # read here
    monkeypatch.setattr(disk, "WORKER_BYTES", 1)
    changed = serialize(many(6))
    path.write_bytes(changed)
    checked = disk.check(path, b"before", worker)
    assert isinstance(checked, disk.Fresh) and checked.data == many(6) and worker.running
    path.write_bytes(FILES["wrong type"])
    broken = disk.check(path, changed, worker)
    assert isinstance(broken, disk.Broken) and str(broken.problem).startswith(f"{path}:4: ")


def _waiting_for_an_answer(thread: threading.Thread) -> bool:
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code is receive.__code__:
            return True
        frame = frame.f_back
    return False


def test_a_worker_that_dies_mid_read_leaves_the_read_to_this_process(
    tmp_path: Path, worker: WorkerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk, "WORKER_BYTES", 1)
    path = tmp_path / "touchpoint-7.notes.yaml"
    raw = serialize(many(50))
    path.write_bytes(raw)
    assert disk.load(path, BUNDLE_ID, worker).note == ""  # the worker is up and answers
    process = worker._process
    assert process is not None
    os.kill(process.pid, signal.SIGSTOP)  # it takes the next request, and never answers
    found: list[disk.Loaded] = []
    reader = threading.Thread(target=lambda: found.append(disk.load(path, BUNDLE_ID, worker)))
    reader.start()
    while reader.is_alive() and not _waiting_for_an_answer(reader):
        reader.join(0.01)
    process.kill()  # dies with the request unanswered
    reader.join()
    [loaded] = found
    assert loaded.opened.data == many(50).normalised() and loaded.raw == raw
    assert loaded.note.startswith("The notes were read without the helper process")
    assert path.read_bytes() == raw and not worker.running
    # The next big read starts a new worker.
    assert disk.load(path, BUNDLE_ID, worker).note == "" and worker.running


def test_a_worker_that_cannot_start_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    with pytest.raises(WorkerFailed, match="cannot start the helper"):
        WorkerProcess().ask(["open", str(tmp_path / "x.yaml"), BUNDLE_ID])


def test_a_worker_killed_between_requests_is_started_again(
    tmp_path: Path, worker: WorkerProcess
) -> None:
    path = tmp_path / "touchpoint-7.notes.yaml"
    store.save_notes(path, many(3))
    assert worker.open_notes(path, BUNDLE_ID).data == many(3)
    process = worker._process
    assert process is not None
    process.kill()
    process.wait()
    assert worker.open_notes(path, BUNDLE_ID).data == many(3)
    assert worker._process is not process
