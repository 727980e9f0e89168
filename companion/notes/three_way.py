"""Three-way merge of one kind of record kept by id (notes, self-assessments, challenges).

Whatever only one side changed since ``base`` is taken from that side; when both
changed a record, nothing is dropped: an edit beats a deletion, and two different
edits are both kept (theirs as a copy with a new id, tagged ``conflict``). A record
saved here that the other version lacks altogether goes to the trash, tagged
``removed elsewhere``.

A challenge's moves are not part of what the learner "edited" in this sense: when
both sides changed a challenge, its history is both sides' moves, ordered by time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import msgspec

from companion.notes.records import (
    REMOVED_TAG,
    Assessment,
    Challenge,
    clean_tags,
    merged_moves,
)
from companion.notes.stamps import new_id, now

CONFLICT_TAG = "conflict"

_V = TypeVar("_V")


def three_way(
    base: Mapping[str, _V],
    ours: Mapping[str, _V],
    theirs: Mapping[str, _V],
    resolve: Callable[[_V | None, _V | None, _V | None], list[_V]],
) -> tuple[list[_V], int, int]:
    """The merged records, how many differ from ours, and how many extra copies were kept."""
    merged: list[_V] = []
    changes = extra = 0
    for key in dict.fromkeys([*ours, *theirs]):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t or t == b:
            kept = [] if o is None else [o]
        elif o == b:
            kept = [] if t is None else [t]
        else:
            kept = resolve(b, o, t)
        changes += (kept[0] if kept else None) != o
        extra += max(len(kept) - 1, 0)
        merged += kept
    return merged, changes, extra


# Notes, assessments and challenges: each has an id, tags, created, modified and deleted.
R = TypeVar("R", bound=msgspec.Struct)
#: A record and whether it is in the trash (a hand-edited trash entry may lack ``deleted``).
Entry = tuple[bool, R]


@dataclass(frozen=True)
class Kind:
    """How to merge one kind of record."""

    #: What the learner wrote; times and trash state are not part of it.
    content: Callable[[msgspec.Struct], Hashable]
    #: Prefix of the ids of conflict copies.
    prefix: str
    #: The record both sides changed, kept once, from the record either side has.
    combine: Callable[[msgspec.Struct, msgspec.Struct, msgspec.Struct], msgspec.Struct] | None = (
        None
    )


def _get(record: msgspec.Struct, name: str) -> object:
    return getattr(record, name)


def _tags(record: msgspec.Struct) -> list[str]:
    tags = _get(record, "tags")
    assert isinstance(tags, list)
    return tags


def fingerprint(kind: Kind, record: msgspec.Struct) -> Hashable:
    """A record as a conflict copy of it would be (to keep one copy of one version)."""
    copy = msgspec.structs.replace(record, tags=clean_tags([*_tags(record), CONFLICT_TAG]))
    return kind.content(copy), _get(record, "created"), _get(record, "modified")


def resolve(
    kind: Kind,
    base: Entry[R] | None,
    ours: Entry[R] | None,
    theirs: Entry[R] | None,
) -> list[Entry[R]]:
    """Both sides changed this record since base, differently: keep every edit."""
    if ours is None or theirs is None:
        # Removed on one side and changed (edited, restored, trashed) on the other:
        # the change wins; a trashed record stays trashed, the less final of two deletions.
        return [e for e in (ours, theirs) if e is not None]
    (o_trash, o), (t_trash, t) = ours, theirs
    content = kind.content
    if content(o) == content(t):
        # The same edit on both sides: live beats trashed, then the later edit.
        live = [e for e in (ours, theirs) if not e[0]] or [ours, theirs]
        return [_combined(kind, max(live, key=lambda e: str(_get(e[1], "modified"))), o, t)]
    if base is not None and content(base[1]) in (content(o), content(t)):
        # One side only moved it in or out of the trash (or touched its times): the
        # other side's edit wins. It stays live if the editor kept it live (an edit
        # beats a deletion) or the other side restored it; else the editor trashed it.
        (e_trash, edited), other_trash = (
            (theirs, o_trash) if content(base[1]) == content(o) else (ours, t_trash)
        )
        if e_trash and (other_trash or not base[0]):
            return [_combined(kind, (True, edited), o, t)]
        return [_combined(kind, (False, msgspec.structs.replace(edited, deleted=None)), o, t)]
    copy = msgspec.structs.replace(
        t, id=new_id(kind.prefix), tags=clean_tags([*_tags(t), CONFLICT_TAG])
    )
    return [_combined(kind, ours, o, t), _combined(kind, (t_trash, copy), o, t)]


def _combined(kind: Kind, entry: Entry[R], ours: R, theirs: R) -> Entry[R]:
    if kind.combine is None:
        return entry
    combined = kind.combine(entry[1], ours, theirs)
    assert isinstance(combined, type(entry[1]))
    return entry[0], combined


def merge_kind(
    kind: Kind,
    base: Mapping[str, Entry[R]] | None,
    ours: Mapping[str, Entry[R]],
    theirs: Mapping[str, Entry[R]],
) -> tuple[list[Entry[R]], int, int, list[R]]:
    """Merged entries, how many differ from ours, conflict copies kept, and the records
    moved to the trash because the other version lacks them (``base`` None: a union)."""
    known = {fingerprint(kind, r) for _, r in ours.values()}

    def resolve_one(b: Entry[R] | None, o: Entry[R] | None, t: Entry[R] | None) -> list[Entry[R]]:
        kept = resolve(kind, b, o, t)
        # This very version may already be kept as a copy (a conflict copy merged twice).
        return kept[:1] if len(kept) == 2 and fingerprint(kind, kept[1][1]) in known else kept

    merged, changes, conflicts = three_way(base or {}, ours, theirs, resolve_one)
    removed: list[R] = []
    if base is not None:
        # Saved here, and now missing from the other version altogether (not even in its
        # trash): an older copy of the file, most likely. Into the trash, not gone.
        merged_ids = {_get(r, "id") for _, r in merged}
        stamp = now()
        for record_id, (trashed, record) in ours.items():
            if trashed or record_id in merged_ids or record_id not in base or record_id in theirs:
                continue
            moved = msgspec.structs.replace(
                record, deleted=stamp, tags=clean_tags([*_tags(record), REMOVED_TAG])
            )
            merged.append((True, moved))
            removed.append(moved)
    return merged, changes, conflicts, removed


def entries(records: Iterable[R]) -> dict[str, Entry[R]]:
    """Assessments or challenges by id: in the trash when ``deleted`` is set."""
    return {str(_get(r, "id")): (_get(r, "deleted") is not None, r) for r in records}


def _assessment_content(record: msgspec.Struct) -> Hashable:
    assert isinstance(record, Assessment)
    ratings = tuple(sorted((r.dimension, r.level, r.evidence) for r in record.ratings))
    return ratings, tuple(record.tags), record.created


def _challenge_content(record: msgspec.Struct) -> Hashable:
    assert isinstance(record, Challenge)
    return record.title, record.note, tuple(record.tags)


def _both_histories(
    kept: msgspec.Struct, ours: msgspec.Struct, theirs: msgspec.Struct
) -> msgspec.Struct:
    assert isinstance(kept, Challenge)
    assert isinstance(ours, Challenge) and isinstance(theirs, Challenge)
    moves = merged_moves(ours.moves, theirs.moves)
    latest = max(ours.modified, theirs.modified, kept.modified)
    return msgspec.structs.replace(kept, moves=moves, modified=latest)


ASSESSMENTS = Kind(_assessment_content, "a")
CHALLENGES = Kind(_challenge_content, "c", _both_histories)
