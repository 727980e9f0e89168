"""The search index of the window's bundle and notes, built off the UI thread and kept current.

The index is built on a worker (``Background``): the plain text of every page
and of the learner's records, then the FTS insert. The UI thread only swaps
the finished index in. Afterwards each change to a note, highlight or
bookmark replaces that one document, a moment after the change (typing in a
note changes it on every keystroke); a reload of the notes file ("reset")
builds a fresh index on the worker again, reusing the pages' text, while the
old one goes on answering. Another bundle: the old index is dropped at once,
so no result ever points into a bundle that is not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from companion.bundle.model import Bundle
from companion.notes.model import Change, NotesFile, NotesModel
from companion.search.documents import (
    bookmark_doc,
    content_docs,
    highlight_doc,
    item_titles,
    note_doc,
    own_docs,
)
from companion.search.index import Doc, SearchIndex
from companion.ui.background import Background

if TYPE_CHECKING:
    from companion.ui.main_window import MainWindow

#: Changes to the learner's records reach the index this long after the last one.
UPDATE_DELAY_MS = 150


@dataclass(frozen=True)
class Built:
    index: SearchIndex
    content: list[Doc]


def build(
    bundle: Bundle, notes: NotesFile | None, content: list[Doc] | None, titles: dict[str, str]
) -> Built:
    """A new index (on the worker): ``content`` is reused when the bundle's text is known."""
    content = content_docs(bundle) if content is None else content
    index = SearchIndex()
    index.add(content)
    if notes is not None:
        index.add(own_docs(notes, titles))
    return Built(index, content)


class LiveIndex(QObject):
    """The index the search field asks; ``index`` is None until the first build is in."""

    sig_ready = Signal()
    """A freshly built index was swapped in (the first, or after a reload or a new bundle)."""
    sig_updated = Signal()
    """Some of the learner's records changed in the index."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
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
        #: Keys of records changed since the snapshot the build under way was made from.
        self._dirty: set[str] = set()
        self._background = Background(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UPDATE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        window.notes.sig_session_started.connect(self._session_started)
        self._session_started()

    @property
    def building(self) -> bool:
        return self._building

    # -- following the window ----------------------------------------------
    def _session_started(self) -> None:
        """A bundle's notes are being read: follow its model (their "reset" builds again)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        session = self.window.notes.session
        self._model = session.model if session is not None else None
        if self._model is not None:
            self._unsubscribe = self._model.subscribe(self._changed)
        if self.check_bundle() and self.index is None and not self._building:
            self.rebuild()

    def check_bundle(self) -> bool:
        """True when the index is of the bundle shown; else starts building one that is."""
        if self.window.bundle is self.bundle:
            return True
        self.bundle = self.window.bundle
        self._titles = item_titles(self.bundle)
        self._content = None
        self._dirty.clear()
        old, self.index = self.index, None
        if old is not None:
            old.close()
        self.rebuild()
        return False

    def _changed(self, change: Change) -> None:
        if change.kind == "reset":
            self.rebuild()
            return
        key = _key(change)
        if key is not None:
            self._dirty.add(key)
            if not self._building:
                self._timer.start()

    # -- building ----------------------------------------------------------
    def rebuild(self) -> None:
        """Build a fresh index on the worker (once the build under way, if any, is in)."""
        if self._building:
            self._again = True
            return
        bundle = self.bundle = self.bundle or self.window.bundle
        if not self._titles:
            self._titles = item_titles(bundle)
        notes = self._model.snapshot() if self._model is not None else None
        content, titles = self._content, self._titles
        self._building, self._again = True, False
        self._timer.stop()  # the snapshot has every change so far
        self._dirty.clear()
        self._background.submit(
            lambda: build(bundle, notes, content, titles),
            lambda future: self._built(future, bundle),
        )

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
        self._content = built.content
        old, self.index = self.index, built.index
        if old is not None:
            old.close()
        if self._again:
            self.rebuild()  # the old snapshot's index answers meanwhile
        elif self._dirty:
            self.flush()
        self.sig_ready.emit()

    def flush(self) -> None:
        """Put the records changed since the last update (or build) in the index."""
        self._timer.stop()
        if self.index is None or self._building or not self._dirty:
            return
        dirty, self._dirty = self._dirty, set()
        docs: list[Doc] = []
        gone: list[str] = []
        for key in sorted(dirty):
            doc = self._doc(key)
            if doc is None:
                gone.append(key)
            else:
                docs.append(doc)
        self.index.replace(docs, gone)
        self.sig_updated.emit()

    def _doc(self, key: str) -> Doc | None:
        """The document for ``key`` as the model has it now (None: it is gone)."""
        model = self._model
        if model is None:
            return None
        kind, _, name = key.partition(":")
        if kind == "note" and (note := model.note(name)) is not None:
            return note_doc(note, self._titles)
        if kind == "highlight" and (highlight := model.highlight(name)) is not None:
            return highlight_doc(highlight, self._titles)
        if kind == "bookmark" and (bookmark := model.bookmark(name)) is not None:
            return bookmark_doc(bookmark, self._titles)
        return None

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def _key(change: Change) -> str | None:
    """The document a change concerns (a note moved to the trash is gone from search)."""
    if change.kind in ("note", "trash") and change.note_id:
        return f"note:{change.note_id}"
    if change.kind == "highlight" and change.note_id:
        return f"highlight:{change.note_id}"
    if change.kind == "bookmark" and change.item:
        return f"bookmark:{change.item}"
    return None
