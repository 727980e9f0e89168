"""The search index of the window's bundle and notes, built off the UI thread and kept current.

A warm start reads the index kept on disk (``companion.search.cache``, under the
parsed-bundle cache's key), content and records as they were last indexed, and puts
in only the records changed since (on the worker thread). Otherwise the bundle's
content is indexed as soon as search is installed; the learner's records join it once
the notes file has been read, so nothing is indexed twice, and the whole index is then
kept on disk for the next start. A big bundle or notes file is indexed in the worker
process (``companion.worker``): turning 20,000 Markdown texts into words is seconds of
Python, which on a worker thread still stutters the UI through the interpreter lock.
The thread only sends the records over (in chunks) and takes the finished database
back (``SearchIndex.restore``: SQLite copies it without the lock). Small ones are
indexed on the thread. The UI thread only swaps the finished index in. The thread is
the "search" lane of the window's ``BackgroundWork``, and the worker process the one
the notes use too.

Afterwards each change to a record (a note, highlight, bookmark, self-assessment or
challenge: ``search.records``) replaces its documents, a moment after the change
(typing in a note changes it on every keystroke), for at most ``STEP_S`` per turn of
the event loop. A reload of the notes file ("reset")
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
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from companion.bundle.cache import key_of
from companion.bundle.model import Bundle
from companion.gc_pause import collections_paused
from companion.notes.model import Change, NotesFile, NotesModel
from companion.search import cache
from companion.search.documents import content_docs, item_titles, own_docs
from companion.search.index import Doc, SearchIndex
from companion.search.records import (
    Record,
    Texts,
    Update,
    bring_up_to_date,
    differing,
    fingerprint,
    learner_records,
    update_for,
)
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
#: The index kept on disk is written again when this many records differ from it.
SAVE_FROM = 200

#: What the search field says while the index is being made (and how far it is).
PREPARING = "Preparing search…"
Origin = Literal["cache", "built"]


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


#: A record in the index: as it was put in, or (read from the cache) its fingerprint.
Indexed = Record | str


@dataclass(frozen=True)
class Built:
    index: SearchIndex
    #: The bundle's documents, to reuse in the next build on the thread (None: not kept).
    content: list[Doc] | None
    #: The learner's records in the index, by key (empty: only the bundle's content).
    indexed: dict[str, Indexed]
    #: The bundle's item titles, by id (for the records' documents).
    titles: dict[str, str]
    #: Where the index came from: the cache on disk, or made now.
    origin: Origin = "built"
    #: How many records differ from the index kept on disk (-1: none is kept).
    unsaved: int = -1


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
    index.add(own_docs(notes, titles, bundle.stacey))
    return Built(index, content, dict(learner_records(notes)), titles)


def from_cache(
    key: str,
    bundle: Bundle,
    notes: NotesFile | None,
    cache_dir: Path | None,
    most: int | None = None,
) -> Built | None:
    """The index kept on disk for ``key``, brought up to date with ``notes`` (None: none is
    kept, or more than ``most`` records differ from it: the worker process does better)."""
    kept = cache.load(key, cache_dir)
    if kept is None:
        return None
    titles = item_titles(bundle)
    if notes is None:
        return Built(kept.index, None, dict(kept.records), titles, "cache", 0)
    if most is not None and len(differing(kept.records, learner_records(notes))) > most:
        kept.index.close()
        return None
    now, changed = bring_up_to_date(kept.index, kept.records, notes, Texts(titles, bundle.stacey))
    return Built(kept.index, None, dict(now), titles, "cache", changed)


def fingerprints(indexed: dict[str, Indexed]) -> dict[str, str]:
    return {k: v if isinstance(v, str) else fingerprint(v) for k, v in indexed.items()}


class IndexWorker:
    """The worker process that builds big indexes, and whose bundle's content it holds."""

    def __init__(self, process: WorkerProcess) -> None:
        self.process = process
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
        indexed: dict[str, Indexed] = dict(learner_records(notes)) if notes is not None else {}
        return Built(index, None, indexed, item_titles(bundle))

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
    sig_progress = Signal(str)
    """How far the index is ("" once it is all there)."""

    def __init__(self, shell: Shell, notes: OpenNotes, cache_dir: Path | None = None) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.notes = notes
        #: Where the index is kept between runs (None: the user's cache folder).
        self.cache_dir = cache_dir
        self.index: SearchIndex | None = None
        #: Where ``index`` came from (the cache on disk, or made here).
        self.origin: Origin | None = None
        #: The bundle the index (or the build under way) is of.
        self.bundle: Bundle | None = None
        self._titles: dict[str, str] = {}
        self._content: list[Doc] | None = None
        self._model: NotesModel | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._building = False
        self._saving = False
        self._again = False
        #: Why the last build failed ("" when it did not).
        self.error = ""
        #: Keys of records changed since the snapshot the index (or the build) was made from.
        self._dirty: set[str] = set()
        #: The learner's records in the index, as they were put in (or fingerprinted), by key.
        self._indexed: dict[str, Indexed] = {}
        #: Records that differ from the index kept on disk (-1: none is kept for this index).
        self._unsaved = -1
        #: A reload's records are going in, a few at each turn of the event loop.
        self._backlog = False
        #: Changes with the bundle shown: which content the worker process holds.
        self._token = 0
        work = shell.background
        self._worker = IndexWorker(work.worker)
        self._background = work.lane("search", self)
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

    def progress(self) -> str:
        """What the search field says of the index ("" once it is all there)."""
        if self.index is None:
            return f"{PREPARING} (1/2: the bundle)"
        if self.building:
            return f"{PREPARING} (2/2: your notes)"
        return ""

    def _say_progress(self) -> None:
        self.sig_progress.emit(self.progress())

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
        self._say_progress()

    def check_bundle(self) -> bool:
        """True when the index is of the bundle shown; else starts building one that is."""
        if self.shell.bundle is self.bundle:
            return True
        self.bundle = self.shell.bundle
        self._titles = {}  # the build brings them (10,000 items: 50 ms, not for the UI thread)
        self._content = None
        self._dirty.clear()
        self._indexed = {}
        self._unsaved = -1
        self._backlog = False
        self._token += 1
        old, self.index, self.origin = self.index, None, None
        if old is not None:
            old.close()
        self.rebuild()
        return False

    def _changed(self, change: Change) -> None:
        if change.kind == "reset":
            self._reset()
            return
        key = _key(change)
        if key is not None:
            self._dirty.add(key)
            if not self._building:
                self._timer.start()

    def _reset(self) -> None:
        """The model took a whole file: put in the records that differ from those indexed."""
        if self._building:
            self._again = True  # once the build under way is in
            return
        if self.index is None or self._model is None:
            self.rebuild()  # the last build failed: try again
            return
        snapshot = self._model.snapshot()
        if any(isinstance(v, str) for v in self._indexed.values()):
            self._catch_up(snapshot)  # read from the cache: compared on the worker thread
            return
        now, indexed = learner_records(snapshot), self._indexed
        if abs(len(now) - len(indexed)) > REBUILD_FROM:
            self.rebuild()
            return
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
        """Build a fresh index on the worker thread (once the build under way, if any, is in).

        From the cache on disk when it holds this bundle's index; else in the worker process
        (a big bundle) or on the thread, and then kept in the cache.
        """
        if self._building:
            self._again = True
            return
        bundle = self.bundle = self.bundle or self.shell.bundle
        # Records join once the file is read: its "reset" follows (``_again``).
        notes = self._model.snapshot() if self._notes_loaded() and self._model else None
        content, titles, token, worker = self._content, self._titles, self._token, self._worker
        key, cache_dir = key_of(bundle), self.cache_dir
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
            if key is not None:
                kept = from_cache(
                    key, bundle, notes, cache_dir, REBUILD_FROM if in_worker else None
                )
                if kept is not None:
                    return kept
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
        self._say_progress()

    def _catch_up(self, snapshot: NotesFile) -> None:
        """Bring an index read from the cache up to date with the records (worker thread)."""
        index, indexed, bundle = self.index, dict(self._indexed), self.bundle
        assert index is not None and bundle is not None
        texts = Texts(self._titles, bundle.stacey)
        self._building, self._again, self._backlog = True, False, False
        self._timer.stop()
        self._dirty.clear()

        def job() -> Built:
            now, changed = bring_up_to_date(index, fingerprints(indexed), snapshot, texts)
            return Built(index, None, dict(now), dict(texts.titles), "cache", changed)

        self._background.submit(job, lambda future: self._built(future, bundle))
        self._say_progress()

    def _built(self, future: Future[Built], bundle: Bundle) -> None:
        self._building = False
        try:
            built = future.result()
        except Exception as exc:  # a bug, or no memory: say so where results would be
            self.error = str(exc) or type(exc).__name__
            self.sig_ready.emit()
            self._say_progress()
            return
        self.error = ""
        if bundle is not self.bundle:  # another bundle was opened meanwhile
            built.index.close()
            self.rebuild()
            return
        if built.content is not None:
            self._content = built.content
        self._indexed, self._titles, self.origin = built.indexed, built.titles, built.origin
        self._unsaved = built.unsaved if built.indexed or built.origin == "cache" else -1
        old, self.index = self.index, built.index
        if old is not None and old is not built.index:
            old.close()
        if self._again:
            self._again = False
            self._reset()  # the file was read (again) since the snapshot was taken
        else:
            self._settled()
            if self._dirty:
                self.flush()
        self.sig_ready.emit()
        self._say_progress()

    def _settled(self) -> None:
        """Nothing more for the worker process to build: let it go (and the memory it holds);
        keep the index on disk if it differs much from the one kept."""
        if not self._notes_loaded() or self._building:
            return
        if self._worker.process.running:
            self._background.submit(self._worker.stop, lambda _future: None)
        self._save_if_stale()

    def _save_if_stale(self) -> None:
        key = key_of(self.bundle) if self.bundle is not None else None
        index = self.index
        stale = self._unsaved < 0 or self._unsaved >= SAVE_FROM
        if key is None or index is None or self._saving or self._backlog or not stale:
            return
        if any(isinstance(v, str) for v in self._indexed.values()):
            return  # not yet compared with the notes
        indexed, cache_dir = dict(self._indexed), self.cache_dir
        self._saving = True  # until it is written, changes wait (they would not be in it)

        def job() -> Path | None:
            return cache.save(key, index, fingerprints(indexed), cache_dir)

        self._background.submit(job, lambda future: self._saved(future, index))

    def _saved(self, future: Future[Path | None], index: SearchIndex) -> None:
        self._saving = False
        if future.exception() is None and index is self.index:
            self._unsaved = 0
        if self._dirty:
            self.flush()

    def flush(self) -> None:
        """Put records changed since the last update (or build) in the index, ``STEP_S``'s worth."""
        self._timer.stop()
        bundle = self.bundle
        if self.index is None or self._building or self._saving or not self._dirty:
            return
        texts = Texts(self._titles, bundle.stacey if bundle is not None else None)
        update = Update([], [], [])
        deadline = time.perf_counter() + STEP_S
        for key in sorted(self._dirty):
            if time.perf_counter() > deadline and (update.docs or update.removed):
                break
            self._dirty.discard(key)
            record = self._record(key)
            if record is None:
                self._indexed.pop(key, None)
            else:
                self._indexed[key] = record
            one = update_for([(key, record)], texts)
            update.docs += one.docs
            update.removed += one.removed
            update.prefixes += one.prefixes
        update.apply(self.index)
        if self._dirty:
            self._step.start()  # the rest at the next turn of the event loop
        elif self._backlog:
            self._backlog = False
            self._settled()
            self._say_progress()
        self.sig_updated.emit()

    def _record(self, key: str) -> Record | None:
        """The record for ``key`` as the model has it now (None: gone)."""
        model = self._model
        if model is None:
            return None
        kind, _, name = key.partition(":")
        lookup: dict[str, Callable[[str], Record | None]] = {
            "note": model.note,
            "highlight": model.highlight,
            "bookmark": model.bookmark,
            "assessment": model.assessment,
            "challenge": model.challenge,
        }
        find = lookup.get(kind)
        return find(name) if find is not None else None

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
    """The record a change concerns (a note moved to the trash is gone from search)."""
    if change.kind in ("note", "trash") and change.record_id:
        return f"note:{change.record_id}"
    if change.kind in ("highlight", "assessment", "challenge") and change.record_id:
        return f"{change.kind}:{change.record_id}"
    if change.kind == "bookmark" and change.item:
        return f"bookmark:{change.item}"
    return None
