"""Merging notes files that changed on two sides, and sync tools' conflict copies.

Three-way, record by record (see ``three_way``): notes (live and trash), highlights,
self-assessments and challenges by id, bookmarks by item. Whatever only one side
changed since ``base`` is taken from that side; when both changed a record, nothing
is dropped: an edit beats a deletion, and two different edits are both kept (theirs
as a new record tagged ``conflict``); a challenge's moves are both sides' moves.

Conflict copies recognised beside ``NAME.EXT`` (``X.notes.yaml``):

- Dropbox: ``NAME (conflicted copy 2026-11-21).EXT``, also ``(Someone's conflicted
  copy ...)`` and a `` (1)`` counter inside or after the parentheses
- Nextcloud / ownCloud: ``NAME (conflicted copy [user ]2026-11-21 123456).EXT`` and the
  older ``NAME_conflict-20261121-123456.EXT`` (or ``-conflict-``)
- Syncthing: ``NAME.sync-conflict-20261121-123456[-DEVICE7].EXT``
- Resilio Sync: ``NAME.Conflict.EXT``, ``NAME.Conflict2.EXT``
- OneDrive: ``NAME-DESKTOP-XXXXXXX.EXT`` / ``NAME-LAPTOP-XXXXXXXX.EXT`` only, i.e. a
  Windows default computer name. A custom computer name, or Google Drive's
  ``NAME (1).EXT``, cannot be told from a copy the learner made on purpose, and
  merging an old copy back would bring deleted notes back, so those are not offered.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

import msgspec

from companion import side_files
from companion.notes.fileformat import NotesCorrupt, NotesProblem, parse
from companion.notes.model import Bookmark, Highlight, Note, NotesFile, clean_tags, new_id
from companion.notes.records import Assessment, Challenge
from companion.notes.three_way import (
    ASSESSMENTS,
    CHALLENGES,
    Entry,
    Kind,
    entries,
    merge_kind,
    three_way,
)
from companion.notes.three_way import CONFLICT_TAG as CONFLICT_TAG
from companion.regular_files import read_regular

#: What sync tools put between the notes file's stem and its extension. A name must end in
#: the notes file's own extension, which leaves out our own NAME.bak, .lock, .broken-*,
#: .v0.bak, .merged and temp files (and conflict copies of them).
_CONFLICT_TAGS = (
    # Dropbox ("Someone's conflicted copy DATE"), Nextcloud / ownCloud >= 2.5 (a user name
    # may come before DATE TIME); either may add a counter.
    r" \([^()]*conflicted copy [^()]*?\d{4}-\d{2}-\d{2}(?: \d{6})?(?: \(\d+\))?\)(?: \(\d+\))?",
    r"[_-]conflict-\d{8}-\d{6}",  # ownCloud / Nextcloud before 2.5
    r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?",  # Syncthing (device id since 0.14)
    r"\.Conflict\d*",  # Resilio Sync
    r"-(?:DESKTOP-[A-Z0-9]{7}|LAPTOP-[A-Z0-9]{8})",  # OneDrive, default Windows host names
)


@dataclass(frozen=True)
class MergeResult:
    data: NotesFile
    #: Notes edited differently on both sides (both kept).
    conflicts: int
    #: One line for the status bar.
    summary: str
    #: Live notes the other version lacks altogether (an older copy put back, say): they
    #: are in the trash now, tagged ``REMOVED_TAG``, never dropped.
    removed_notes: tuple[Note, ...] = ()
    #: Highlights and bookmarks the other version lacks, which the merge leaves out (a
    #: deletion made elsewhere must be able to stay one): the caller keeps them aside.
    removed_highlights: tuple[Highlight, ...] = ()
    removed_bookmarks: tuple[Bookmark, ...] = ()
    #: Assessments and challenges the other version lacks: in the trash now, tagged
    #: ``REMOVED_TAG``, as notes are.
    removed_assessments: tuple[Assessment, ...] = ()
    removed_challenges: tuple[Challenge, ...] = ()

    @property
    def removed(self) -> int:
        return (
            len(self.removed_notes)
            + len(self.removed_highlights)
            + len(self.removed_bookmarks)
            + len(self.removed_assessments)
            + len(self.removed_challenges)
        )


def _note_entries(data: NotesFile | None) -> dict[str, Entry[Note]]:
    if data is None:
        return {}
    found = {n.id: (True, n) for n in data.trash}
    # An id both live and in the trash (only by hand): the live one is what the learner sees.
    found.update((n.id, (False, n)) for n in data.notes)
    return found


def _note_content(note: msgspec.Struct) -> Hashable:
    assert isinstance(note, Note)
    return note.item, note.body, tuple(note.tags)


NOTES = Kind(_note_content, "n")


def _merge(base: NotesFile | None, ours: NotesFile, theirs: NotesFile, source: str) -> MergeResult:
    notes, note_changes, conflicts, removed_notes = merge_kind(
        NOTES, _note_entries(base) if base else None, _note_entries(ours), _note_entries(theirs)
    )

    def resolve_mark(b: Bookmark | None, o: Bookmark | None, t: Bookmark | None) -> list[Bookmark]:
        # Removed on one side, made again on the other: it stays.
        kept = o if o is not None else t
        return [] if kept is None else [kept]

    bookmarks, mark_changes, _ = three_way(
        {m.item: m for m in base.bookmarks} if base else {},
        {m.item: m for m in ours.bookmarks},
        {m.item: m for m in theirs.bookmarks},
        resolve_mark,
    )

    def resolve_highlight(
        b: Highlight | None, o: Highlight | None, t: Highlight | None
    ) -> list[Highlight]:
        if o is None or t is None:
            return [h for h in (o, t) if h is not None]  # a change beats a deletion
        if (o.color, o.note, o.tags) == (t.color, t.note, t.tags):
            return [max((o, t), key=lambda h: h.modified)]  # only re-placed
        copy = msgspec.structs.replace(t, id=new_id("h"), tags=clean_tags([*t.tags, CONFLICT_TAG]))
        return [o, copy]

    highlights, mark_changes_h, high_conflicts = three_way(
        {h.id: h for h in base.highlights} if base else {},
        {h.id: h for h in ours.highlights},
        {h.id: h for h in theirs.highlights},
        resolve_highlight,
    )
    conflicts += high_conflicts
    mark_changes += mark_changes_h
    assessments, record_changes, record_conflicts, removed_assessments = merge_kind(
        ASSESSMENTS,
        entries(base.assessments) if base else None,
        entries(ours.assessments),
        entries(theirs.assessments),
    )
    challenges, changed, conflicted, removed_challenges = merge_kind(
        CHALLENGES,
        entries(base.challenges) if base else None,
        entries(ours.challenges),
        entries(theirs.challenges),
    )
    conflicts += record_conflicts + conflicted
    merged = msgspec.structs.replace(
        ours,
        bookmarks=bookmarks,
        highlights=highlights,
        notes=[n for trashed, n in notes if not trashed],
        trash=[n for trashed, n in notes if trashed],
        assessments=[a for _, a in assessments],
        challenges=[c for _, c in challenges],
    ).normalised()
    removed_highlights: list[Highlight] = []
    removed_bookmarks: list[Bookmark] = []
    if base is not None:
        base_h, their_h = {h.id for h in base.highlights}, {h.id for h in theirs.highlights}
        kept_h = {h.id for h in highlights}
        removed_highlights = [
            h
            for h in ours.highlights
            if h.id in base_h and h.id not in their_h and h.id not in kept_h
        ]
        base_b, their_b = {b.item for b in base.bookmarks}, {b.item for b in theirs.bookmarks}
        kept_b = {b.item for b in bookmarks}
        removed_bookmarks = [
            b
            for b in ours.bookmarks
            if b.item in base_b and b.item not in their_b and b.item not in kept_b
        ]
    return MergeResult(
        merged,
        conflicts,
        _summary(note_changes + mark_changes + record_changes + changed, conflicts, source),
        tuple(removed_notes),
        tuple(removed_highlights),
        tuple(removed_bookmarks),
        tuple(removed_assessments),
        tuple(removed_challenges),
    )


def _summary(changes: int, conflicts: int, source: str) -> str:
    text = f"merged {changes} change{'s' * (changes != 1)} from {source}" if changes else ""
    text = text or f"no changes from {source}"
    if conflicts:
        text += f"; {conflicts} conflict{'s' * (conflicts != 1)} kept as "
        text += "a copy" if conflicts == 1 else "copies"
    return text


def merge(base: NotesFile | None, ours: NotesFile, theirs: NotesFile) -> MergeResult:
    """Merge the file on disk (``theirs``) into the records in memory (``ours``).

    ``base`` is what was last loaded or saved; None merges as a union, deleting nothing.
    """
    return _merge(base, ours, theirs, "disk")


def union(ours: NotesFile, theirs: NotesFile, source: str) -> MergeResult:
    """Everything in either, nothing deleted; two different edits of a note are both kept."""
    return _merge(None, ours, theirs, source)


def find_conflict_copies(notes_path: Path) -> list[Path]:
    """Sync tools' conflict copies of ``notes_path`` in its folder, sorted."""
    stem, ext = re.escape(notes_path.stem), re.escape(notes_path.suffix)
    pattern = re.compile(f"{stem}(?:{'|'.join(_CONFLICT_TAGS)}){ext}")
    try:
        candidates = list(notes_path.parent.iterdir())
    except OSError:
        return []
    return sorted(p for p in candidates if pattern.fullmatch(p.name) and p.is_file())


def read_copy(path: Path, bundle_id: str) -> NotesFile:
    """The records of another file of these notes; raises NotesProblem if it is unusable."""
    try:
        raw = read_regular(path)
    except OSError as exc:
        raise NotesCorrupt(path, f"cannot read the file: {exc.strerror}") from None
    theirs = parse(raw, path).data
    if theirs.bundle != bundle_id:
        # Notes name items of their own bundle; merging another bundle's would orphan them.
        raise NotesProblem(path, f"names bundle '{theirs.bundle}', not '{bundle_id}'")
    return theirs


def merge_conflict_copy(ours: NotesFile, copy_path: Path) -> MergeResult:
    """Union of ``ours`` and a conflict copy; raises NotesProblem if the copy is unusable."""
    return union(ours, read_copy(copy_path, ours.bundle), copy_path.name)


def retire_conflict_copy(copy_path: Path) -> Path:
    """Rename a merged copy to ``NAME.merged`` (``.merged-2``, ...); never deletes one."""
    # Path.rename replaces an existing file on POSIX: an earlier retired copy must survive.
    return copy_path.rename(side_files.free(side_files.beside(copy_path, side_files.MERGED)))
