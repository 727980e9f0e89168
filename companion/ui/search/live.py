"""The search index of the window's bundle and notes, built off the UI thread and kept current.

The bundle's content is indexed as soon as search is installed; the learner's records
join it once the notes file has been read, so nothing is indexed twice. A big bundle
or notes file is indexed in the worker process (``companion.worker``): turning
20,000 Markdown texts into words is seconds of Python, which on a worker thread still
stutters the UI through the interpreter lock. The thread only sends the records over
(in chunks) and takes the finished database back (``SearchIndex.restore``: SQLite
copies it without the lock). Small ones are indexed on the thread. The UI thread only
swaps the finished index in.

Afterwards each change to a note, highlight or bookmark replaces that one document, a
moment after the change (typing in a note changes it on every keystroke), for at most
``STEP_S`` per turn of the event loop. A reload of the notes file ("reset")
replaces only the records that differ from those indexed; when most of them differ,
the index is built again while the old one goes on answering. Another bundle: the old
index is dropped at once, so no result ever points into a bundle that is not shown.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from companion.bundle.model import Bundle
from companion.gc_pause import collections_paused
from companion.notes.model import Bookmark, Change, Highlight, Note, NotesFile, NotesModel
from companion.search.documents import (
    assessment_update,
    bookmark_doc,
    content_docs,
    evidence_docs,
    highlight_doc,
    item_titles,
    note_doc,
    own_docs,
)
from companion.search.index import Doc, SearchIndex
from companion.ui.kit.background import Background
from companion.ui.kit.shell_api import Shell
from companion.worker.client import WorkerFailed, WorkerProcess
from companion.worker.wire import pack

#: Changes to the learner's records reach the index this long after the last one.
UPDATE_DELAY_MS = 150
#: UI-thread time for replacing documents per turn of the event loop (a long note's
#: Markdown takes about 0.5 ms to turn into words).
STEP_S = 0.008
#: A reload that changes more records than this builds the index again.
REBUILD_FROM = 1000
#: From this many documents (items and records) the index is built in the worker process: a
#: build on the worker thread stalls the UI thread through the interpreter lock
#: (1,000 items + 1,000 notes: 109 ms stalls in-thread, 38 ms in the worker process).
WORKER_FROM = 500
#: A bundle that big is sent to the worker process this long after search is installed.
START_DELAY_MS = 300

Record = Note | Highlight | Bookmark


class OpenNotes(Protocol):
    """The notes of the bundle shown, as search sees them (the notes feature gives them)."""

    @property
    def sig_session_started(self) -> SignalInstance:
        """Another bundle's notes are being read (their model is new)."""
        ...

    @property
    def model(self) -> NotesModel | None:
        """The open notes' model (None while no notes are open)."""
        ...

    @property
    def loading(self) -> bool:
        """Notes are open and their file is still being read."""
        ...

    def select_note(self, note_id: str) -> None:
        """Open a note in the panel of the item shown (a search result)."""
        ...


def records(notes: NotesFile) -> dict[str, Record]:
    """The learner's searchable records by document key (the trash is not searched)."""
    found: dict[str, Record] = {f"note:{n.id}": n for n in notes.notes}
    found.update((f"highlight:{h.id}", h) for h in notes.highlights)
    found.update((f"bookmark:{b.item}", b) for b in notes.bookmarks)
    return found


@dataclass(frozen=True)
class Built:
    index: SearchIndex
    #: The bundle's documents, to reuse in the next build on the thread (None: not kept).
    content: list[Doc] | None
    #: The learner's records in the index, by key (empty: only the bundle's content).
    indexed: dict[str, Record]
    #: The bundle's item titles, by id (for the records' documents).
    titles: dict[str, str]


def build(
    bundle: Bundle, notes: NotesFile | None, content: list[Doc] | None, titles: dict[str, str]
) -> Built:
    """A new index on the worker thread: ``content`` and ``titles`` are reused when known."""
    content = content_docs(bundle) if content is None else content
    titles = titles or item_titles(bundle)
    index = SearchIndex()
    index.add(content)
    if notes is None:
        return Built(index, content, {}, titles)
    index.add(own_docs(notes, titles))
    return Built(index, content, records(notes), titles)


class IndexWorker:
    """The worker process that builds big indexes, and whose bundle's content it holds."""

    def __init__(self) -> None:
        self.process = WorkerProcess()
        #: Which bundle's content the process holds (None: none).
        self.token: int | None = None
        #: The window closed: a process stopped for it is no reason to build here instead.
        self.closed = threading.Event()
        #: The process failed once: later indexes are built on the worker thread.
        self.failed = False

    def build(self, token: int, bundle: Bundle, notes: NotesFile | None) -> Built:
        """Ask the process (from the worker thread) for the index of ``bundle`` and ``notes``."""
        notes_layout, notes_blobs = pack(notes) if notes is not None else (None, [])
        answer = None
        if self.token == token:  # the process has the content: send only the records
            answer = self.process.ask(["index", token, None, notes_layout], notes_blobs)
        if answer is None or answer[0][0] == "unknown":
            self.token = None
            layout, blobs = pack(bundle, 50)  # readings are long: 50 a chunk
            answer = self.process.ask(["index", token, layout, notes_layout], blobs + notes_blobs)
        (kind, *meta), blobs = answer
        if kind != "index":
            raise WorkerFailed(f"the helper answered {kind!r} to an index")
        self.token = token
        index = SearchIndex.restore(meta[0], blobs[0])
        return Built(index, None, records(notes) if notes is not None else {}, item_titles(bundle))

    def stop(self) -> None:
        self.token = None
        self.process.stop()

    def close(self) -> None:
        self.closed.set()
        self.token = None
        self.process.stop(kill=True)


class LiveIndex(QObject):
    """The index the search field asks; ``index`` is None until the first build is in."""

    sig_ready = Signal()
    """A freshly built index was swapped in (the first, or after a reload or a new bundle)."""
    sig_updated = Signal()
    """Some of the learner's records changed in the index."""

    def __init__(self, shell: Shell, notes: OpenNotes) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.notes = notes
        self.index: SearchIndex | None = None
        #: The bundle the index (or the build under way) is of.
        self.bundle: Bundle | None = None
        self._titles: dict[str, str] = {}
        self._content: list[Doc] | None = None
        self._model: NotesModel | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._building = False
        self._again = False
        #: Why the last build failed ("" when it did not).
        self.error = ""
        #: Keys of records changed since the snapshot the index (or the build) was made from.
        self._dirty: set[str] = set()
        #: The learner's records in the index, as they were put in, by key.
        self._indexed: dict[str, Record] = {}
        #: A reload's records are going in, a few at each turn of the event loop.
        self._backlog = False
        #: Changes with the bundle shown: which content the worker process holds.
        self._token = 0
        self._worker = IndexWorker()
        self._background = Background(self)
        self._timer = self._single_shot(UPDATE_DELAY_MS)
        self._step = self._single_shot(0)
        notes.sig_session_started.connect(self._session_started)
        # Sending a big bundle to the worker process takes the thread 50-150 ms of the interpreter
        # lock, which the window's last start-up paints need: they go first.
        big = _items(shell.bundle) >= WORKER_FROM
        QTimer.singleShot(START_DELAY_MS if big else 0, self, self._session_started)

    def _single_shot(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.flush)
        return timer

    @property
    def building(self) -> bool:
        """The index is not yet all there is: being built, or waiting for or taking in notes."""
        return self._building or self._backlog or self.notes.loading

    def _notes_loaded(self) -> bool:
        return self._model is not None and self.notes.model is not None and not self.notes.loading

    # -- following the window ----------------------------------------------
    def _session_started(self) -> None:
        """A bundle's notes are being read: follow its model (their "reset" brings them in)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._model = self.notes.model
        if self._model is not None:
            self._unsubscribe = self._model.subscribe(self._changed)
        if not self.check_bundle():
            return
        if self.index is None and not self._building:
            self.rebuild()
        elif self._notes_loaded():
            self._reset()

    def check_bundle(self) -> bool:
        """True when the index is of the bundle shown; else starts building one that is."""
        if self.shell.bundle is self.bundle:
            return True
        self.bundle = self.shell.bundle
        self._titles = {}  # the build brings them (10,000 items: 50 ms, not for the UI thread)
        self._content = None
        self._dirty.clear()
        self._indexed = {}
        self._backlog = False
        self._token += 1
        old, self.index = self.index, None
        if old is not None:
            old.close()
        self.rebuild()
        return False

    def _changed(self, change: Change) -> None:
        if change.kind == "reset":
            self._reset()
            return
        if change.kind == "assessment":
            self._assessment_changed(change.record_id)
            return
        key = _key(change)
        if key is not None:
            self._dirty.add(key)
            if not self._building:
                self._timer.start()

    def _assessment_changed(self, assessment_id: str) -> None:
        """An assessment's evidence documents, replaced at once (a handful of short texts)."""
        if self._building:
            self._again = True  # the build under way read the model before this change
            return
        if self.index is None or self._model is None:
            return
        prefix, docs = assessment_update(
            assessment_id, self._model.assessment(assessment_id), self._titles
        )
        self.index.replace_prefix(prefix, docs)
        self.sig_updated.emit()

    def _reset(self) -> None:
        """The model took a whole file: put in the records that differ from those indexed."""
        if self._building:
            self._again = True  # once the build under way is in
            return
        if self.index is None or self._model is None:
            self.rebuild()  # the last build failed: try again
            return
        snapshot = self._model.snapshot()
        self.index.replace_prefix(
            "evidence:",
            [d for a in snapshot.assessments for d in evidence_docs(a, self._titles)],
        )
        size = len(snapshot.notes) + len(snapshot.highlights) + len(snapshot.bookmarks)
        if abs(size - len(self._indexed)) > REBUILD_FROM:
            self.rebuild()
            return
        now, indexed = records(snapshot), self._indexed
        changed = {k for k, r in now.items() if (old := indexed.get(k)) is not r and old != r}
        changed.update(k for k in indexed if k not in now)
        if len(changed) > REBUILD_FROM:
            self.rebuild()
            return
        self._dirty |= changed
        self._backlog = bool(self._dirty)
        self._settled()
        self.flush()

    # -- building ----------------------------------------------------------
    def rebuild(self) -> None:
        """Build a fresh index on the worker thread (once the build under way, if any, is in)."""
        if self._building:
            self._again = True
            return
        bundle = self.bundle = self.bundle or self.shell.bundle
        # Records join once the file is read: its "reset" follows (``_again``).
        notes = self._model.snapshot() if self._notes_loaded() and self._model else None
        content, titles, token, worker = self._content, self._titles, self._token, self._worker
        size = _items(bundle) + (len(notes.notes) + len(notes.highlights) if notes else 0)
        in_worker = (
            size >= WORKER_FROM
            and not worker.failed
            and not worker.closed.is_set()
            and _can_restore()
        )
        self._building, self._again, self._backlog = True, False, False
        self._timer.stop()  # the snapshot has every change so far
        self._dirty.clear()

        def job() -> Built:
            if in_worker:
                try:
                    with collections_paused():  # sending and taking back make many objects
                        return worker.build(token, bundle, notes)
                except WorkerFailed:
                    if worker.closed.is_set():
                        raise
                    worker.failed = True  # build it here, as for a small bundle
            return build(bundle, notes, content, titles)

        self._background.submit(job, lambda future: self._built(future, bundle))

    def _built(self, future: Future[Built], bundle: Bundle) -> None:
        self._building = False
        try:
            built = future.result()
        except Exception as exc:  # a bug, or no memory: say so where results would be
            self.error = str(exc) or type(exc).__name__
            self.sig_ready.emit()
            return
        self.error = ""
        if bundle is not self.bundle:  # another bundle was opened meanwhile
            built.index.close()
            self.rebuild()
            return
        if built.content is not None:
            self._content = built.content
        self._indexed, self._titles = built.indexed, built.titles
        old, self.index = self.index, built.index
        if old is not None:
            old.close()
        if self._again:
            self._again = False
            self._reset()  # the file was read (again) since the snapshot was taken
        else:
            self._settled()
            if self._dirty:
                self.flush()
        self.sig_ready.emit()

    def _settled(self) -> None:
        """Nothing more for the worker process to build: let it go (and the memory it holds)."""
        if self._notes_loaded() and not self._building and self._worker.process.running:
            self._background.submit(self._worker.stop, lambda _future: None)

    def flush(self) -> None:
        """Put records changed since the last update (or build) in the index, ``STEP_S``'s worth."""
        self._timer.stop()
        if self.index is None or self._building or not self._dirty:
            return
        docs: list[Doc] = []
        gone: list[str] = []
        deadline = time.perf_counter() + STEP_S
        for key in sorted(self._dirty):
            if time.perf_counter() > deadline and (docs or gone):
                break
            self._dirty.discard(key)
            found = self._doc(key)
            if found is None:
                gone.append(key)
                self._indexed.pop(key, None)
            else:
                self._indexed[key] = found[0]
                docs.append(found[1])
        self.index.replace(docs, gone)
        if self._dirty:
            self._step.start()  # the rest at the next turn of the event loop
        else:
            self._backlog = False
        self.sig_updated.emit()

    def _doc(self, key: str) -> tuple[Record, Doc] | None:
        """The record for ``key`` as the model has it now, and its document (None: gone)."""
        model = self._model
        if model is None:
            return None
        kind, _, name = key.partition(":")
        if kind == "note" and (note := model.note(name)) is not None:
            return note, note_doc(note, self._titles)
        if kind == "highlight" and (highlight := model.highlight(name)) is not None:
            return highlight, highlight_doc(highlight, self._titles)
        if kind == "bookmark" and (bookmark := model.bookmark(name)) is not None:
            return bookmark, bookmark_doc(bookmark, self._titles)
        return None

    def window_closed(self) -> None:
        """Stop the worker process at once: a build under way is of no more use."""
        self._worker.close()

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.window_closed()


def _items(bundle: Bundle) -> int:
    """How many items ``bundle`` has (as ``iter_items`` would count them), at once."""
    regions = len(bundle.stacey.regions) + 1 if bundle.stacey is not None else 0
    lists = (bundle.definitions, bundle.dimensions, bundle.readings, bundle.voices)
    return regions + sum(len(items) for items in lists)


def _can_restore() -> bool:
    """This Python's SQLite can take a database as bytes (3.11 needs SQLite built for it)."""
    return hasattr(sqlite3.Connection, "deserialize")


def _key(change: Change) -> str | None:
    """The document a change concerns (a note moved to the trash is gone from search)."""
    if change.kind in ("note", "trash") and change.record_id:
        return f"note:{change.record_id}"
    if change.kind == "highlight" and change.record_id:
        return f"highlight:{change.record_id}"
    if change.kind == "bookmark" and change.item:
        return f"bookmark:{change.item}"
    return None
