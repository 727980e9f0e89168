"""A learner's records on one bundle, and the in-memory model views watch.

Bookmarks, notes and highlights here; self-assessments and challenges in ``records``
(the model's part for them is ``records_model``).

Records are keyed to the bundle's item ids (never paths or positions) and
carry stable record ids, so a diff or a merge of the file sees small changes.
The model is plain Python: views subscribe to its changes; it never knows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import msgspec

from companion.notes.anchoring import Anchor
from companion.notes.records import REMOVED_TAG as REMOVED_TAG
from companion.notes.records import Assessment, Challenge, normalised_assessment
from companion.notes.records import clean_tags as clean_tags
from companion.notes.records_model import RecordsModel
from companion.notes.stamps import moment as moment
from companion.notes.stamps import new_id as new_id
from companion.notes.stamps import now as now

#: Version of the notes file format this Companion writes (2 added highlights, 3 added
#: self-assessments and challenges).
NOTES_SCHEMA_VERSION = 3

#: Highlight colours, in the order the UI offers them.
COLORS = ("yellow", "green", "blue", "pink", "purple")
Color = Literal["yellow", "green", "blue", "pink", "purple"]


class _Record(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """Unknown keys are errors; defaults are left out of the file to keep it short."""


class Bookmark(_Record, kw_only=True, frozen=True):
    item: str
    created: str


class Note(_Record, kw_only=True, frozen=True):
    id: str
    item: str
    body: str = ""
    tags: list[str] = []
    created: str
    modified: str
    #: Set when the note is in the trash.
    deleted: str | None = None


class Highlight(_Record, kw_only=True, frozen=True):
    """A highlighted passage of an item's plain text, with W3C-style selectors.

    ``exact``/``prefix``/``suffix`` form the TextQuoteSelector and
    ``start``/``end`` (code points) the TextPositionSelector, over the item's
    page or, when ``source`` is "copy", over the learner's attached copy.
    """

    id: str
    item: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int
    end: int
    color: Color = "yellow"
    note: str = ""
    tags: list[str] = []
    created: str
    modified: str
    #: Which text of the item the selectors are over: "" its page in the bundle,
    #: "copy" the learner's own attached copy. Its key in the file is ``text`` (left
    #: out when "").
    source: str = msgspec.field(default="", name="text")


class NotesFile(_Record, kw_only=True, frozen=True):
    """Everything in one notes file, in the order it is written."""

    schema_version: int
    bundle: str
    bookmarks: list[Bookmark] = []
    notes: list[Note] = []
    highlights: list[Highlight] = []
    #: Self-assessments and challenges, those in the trash too (``deleted`` set).
    assessments: list[Assessment] = []
    challenges: list[Challenge] = []
    #: Notes in the trash.
    trash: list[Note] = []

    def normalised(self) -> NotesFile:
        """Stable order: a file written twice from the same records is identical."""
        return msgspec.structs.replace(
            self,
            bookmarks=sorted(self.bookmarks, key=lambda b: b.item),
            notes=sorted(self.notes, key=lambda n: (n.item, n.created, n.id)),
            highlights=sorted(self.highlights, key=lambda h: (h.item, h.start, h.id)),
            assessments=sorted(
                map(normalised_assessment, self.assessments), key=lambda a: (a.created, a.id)
            ),
            challenges=sorted(self.challenges, key=lambda c: (c.created, c.id)),
            trash=sorted(self.trash, key=lambda n: (n.deleted or "", n.id)),
        )


def empty_file(bundle_id: str) -> NotesFile:
    return NotesFile(schema_version=NOTES_SCHEMA_VERSION, bundle=bundle_id)


ChangeKind = Literal["bookmark", "note", "highlight", "trash", "assessment", "challenge", "reset"]


@dataclass(frozen=True)
class Change:
    """What changed: ``item`` is the bundle item id concerned (empty for a reset, an
    assessment or a challenge); ``record_id`` the record's id (a note's, a highlight's, an
    assessment's or a challenge's)."""

    kind: ChangeKind
    item: str = ""
    record_id: str = ""


Listener = Callable[[Change], None]


class NotesModel(RecordsModel):
    """The learner's records for one bundle, with change notifications."""

    def __init__(self, data: NotesFile) -> None:
        self._listeners: list[Listener] = []
        self._init_records()
        self._bundle = data.bundle
        self._bookmarks: dict[str, Bookmark] = {}
        self._notes: dict[str, Note] = {}
        self._trash: dict[str, Note] = {}
        self._highlights: dict[str, Highlight] = {}
        #: Bumped on every change; a saver compares it with what it last wrote.
        self.revision = 0
        self._load(data)

    # -- observing ---------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _changed(self, change: Change) -> None:
        self.revision += 1
        for listener in list(self._listeners):
            listener(change)

    def _record_changed(self, kind: Literal["assessment", "challenge"], record_id: str) -> None:
        self._changed(Change(kind, record_id=record_id))

    # -- whole file --------------------------------------------------------
    @property
    def bundle_id(self) -> str:
        return self._bundle

    def _load(self, data: NotesFile) -> None:
        self._bookmarks = {b.item: b for b in data.bookmarks}
        self._notes = {n.id: n for n in data.notes}
        self._trash = {n.id: n for n in data.trash}
        self._highlights = {h.id: h for h in data.highlights}
        self._load_records(data.assessments, data.challenges)

    def replace_all(self, data: NotesFile) -> None:
        """Take the records of ``data`` (a reload or a merge)."""
        self._load(data)
        self._changed(Change("reset"))

    def snapshot(self) -> NotesFile:
        """An immutable copy to save; cheap, so it can be taken on the UI thread."""
        assessments, challenges = self._records_snapshot()
        return NotesFile(
            schema_version=NOTES_SCHEMA_VERSION,
            bundle=self._bundle,
            bookmarks=list(self._bookmarks.values()),
            notes=list(self._notes.values()),
            highlights=list(self._highlights.values()),
            assessments=assessments,
            challenges=challenges,
            trash=list(self._trash.values()),
        )

    # -- bookmarks ---------------------------------------------------------
    def bookmarks(self) -> list[Bookmark]:
        return sorted(self._bookmarks.values(), key=lambda b: b.created)

    def is_bookmarked(self, item: str) -> bool:
        return item in self._bookmarks

    def set_bookmark(self, item: str, on: bool, *, created: str | None = None) -> None:
        if on == (item in self._bookmarks):
            return
        if on:
            self._bookmarks[item] = Bookmark(item=item, created=created or now())
        else:
            del self._bookmarks[item]
        self._changed(Change("bookmark", item))

    def bookmark(self, item: str) -> Bookmark | None:
        return self._bookmarks.get(item)

    # -- notes -------------------------------------------------------------
    def notes(self, item: str | None = None) -> list[Note]:
        found: Iterable[Note] = self._notes.values()
        if item is not None:
            found = (n for n in found if n.item == item)
        return sorted(found, key=lambda n: (n.created, n.id))

    def note(self, note_id: str) -> Note | None:
        return self._notes.get(note_id)

    def add_note(self, item: str, body: str = "", tags: Iterable[str] = ()) -> Note:
        stamp = now()
        note = Note(
            id=new_id(), item=item, body=body, tags=clean_tags(tags), created=stamp, modified=stamp
        )
        return self.put_note(note)

    def put_note(self, note: Note) -> Note:
        """Insert or replace a note exactly as given (used by undo and merges)."""
        self._trash.pop(note.id, None)
        self._notes[note.id] = msgspec.structs.replace(note, deleted=None)
        self._changed(Change("note", note.item, note.id))
        return self._notes[note.id]

    def update_note(
        self, note_id: str, *, body: str | None = None, tags: Iterable[str] | None = None
    ) -> Note:
        old = self._notes[note_id]
        new = msgspec.structs.replace(
            old,
            body=old.body if body is None else body,
            tags=old.tags if tags is None else clean_tags(tags),
        )
        if new == old:
            return old
        return self.put_note(msgspec.structs.replace(new, modified=now()))

    # -- highlights --------------------------------------------------------
    def highlights(self, item: str | None = None) -> list[Highlight]:
        found: Iterable[Highlight] = self._highlights.values()
        if item is not None:
            found = (h for h in found if h.item == item)
        return sorted(found, key=lambda h: (h.item, h.start, h.id))

    def highlight(self, highlight_id: str) -> Highlight | None:
        return self._highlights.get(highlight_id)

    def add_highlight(
        self,
        item: str,
        anchor: Anchor,
        *,
        color: Color = "yellow",
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Highlight:
        return self.put_highlight(highlight_of(item, anchor, color=color, note=note, tags=tags))

    def put_highlight(self, highlight: Highlight) -> Highlight:
        """Insert or replace a highlight exactly as given (undo, import, merges)."""
        self._highlights[highlight.id] = highlight
        self._changed(Change("highlight", highlight.item, highlight.id))
        return highlight

    def update_highlight(
        self,
        highlight_id: str,
        *,
        color: Color | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Highlight:
        old = self._highlights[highlight_id]
        new = msgspec.structs.replace(
            old,
            color=old.color if color is None else color,
            note=old.note if note is None else note,
            tags=old.tags if tags is None else clean_tags(tags),
        )
        if new == old:
            return old
        return self.put_highlight(msgspec.structs.replace(new, modified=now()))

    def move_highlight(self, highlight_id: str, anchor: Anchor) -> Highlight:
        """Record where a highlight was found after its text changed (not an edit)."""
        old = self._highlights[highlight_id]
        new = msgspec.structs.replace(
            old,
            exact=anchor.exact,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            start=anchor.start,
            end=anchor.end,
        )
        return old if new == old else self.put_highlight(new)

    def delete_highlight(self, highlight_id: str) -> Highlight:
        gone = self._highlights.pop(highlight_id)
        self._changed(Change("highlight", gone.item, highlight_id))
        return gone

    # -- trash -------------------------------------------------------------
    def trash(self) -> list[Note]:
        return sorted(self._trash.values(), key=lambda n: n.deleted or "", reverse=True)

    def delete_note(self, note_id: str) -> Note:
        """Move a note to the trash, from which it can be restored."""
        note = self._notes.pop(note_id)
        trashed = msgspec.structs.replace(note, deleted=now())
        self._trash[note_id] = trashed
        self._changed(Change("trash", note.item, note_id))
        return trashed

    def restore_note(self, note_id: str) -> Note:
        note = self._trash[note_id]
        if REMOVED_TAG in note.tags:
            note = msgspec.structs.replace(note, tags=[t for t in note.tags if t != REMOVED_TAG])
        return self.put_note(note)

    def empty_trash(self) -> list[Note]:
        gone = list(self._trash.values())
        if gone:
            self._trash.clear()
            self._changed(Change("trash"))
        return gone

    def counts(self) -> tuple[int, int, int]:
        """Notes, bookmarks and notes in the trash."""
        return len(self._notes), len(self._bookmarks), len(self._trash)

    def highlight_count(self) -> int:
        return len(self._highlights)


class Follower:
    """A view's subscription to at most one notes model at a time."""

    def __init__(self, on_change: Callable[[Change], None]) -> None:
        self._on_change = on_change
        self._unsubscribe: Callable[[], None] | None = None

    def follow(self, model: NotesModel | None) -> None:
        """Stop following the model followed so far; follow ``model`` (None: none)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if model is not None:
            self._unsubscribe = model.subscribe(self._on_change)


def highlight_of(
    item: str,
    anchor: Anchor,
    *,
    color: Color = "yellow",
    note: str = "",
    tags: Iterable[str] = (),
    source: str = "",
    id: str | None = None,
    created: str | None = None,
    modified: str | None = None,
) -> Highlight:
    """A highlight of ``anchor``'s passage in ``item``: a new id, made now, unless given."""
    stamp = now()
    return Highlight(
        id=id if id is not None else new_id("h"),
        item=item,
        exact=anchor.exact,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        start=anchor.start,
        end=anchor.end,
        color=color,
        note=note,
        tags=clean_tags(tags),
        created=created if created is not None else stamp,
        modified=modified if modified is not None else stamp,
        source=source,
    )
