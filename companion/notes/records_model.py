"""The part of the notes model that holds assessments and challenges (``NotesModel`` mixes it in).

Every operation announces a Change ("assessment" or "challenge", with the record's id)
and has an exact inverse, so an undo stack can take back any of them:

============================================  ====================================
operation                                     exact inverse
============================================  ====================================
``add_assessment`` / ``add_challenge``        ``remove_assessment`` / ``remove_challenge``
``remove_*(id)`` (returns the record)         ``put_*(removed)``
any other change (edit, move, delete,         ``put_*(before)``: the record as it was
restore), ``put_*``                           (``assessment(id)`` / ``challenge(id)``)
``empty_records_trash`` (returns them)        ``put_*`` of each
============================================  ====================================

``put_*`` stores a record exactly as given, in the trash or not as its ``deleted`` says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, Literal, TypeVar

import msgspec

from companion.bundle.stacey_map import check_position
from companion.notes.records import (
    REMOVED_TAG,
    Assessment,
    Challenge,
    Move,
    Rating,
    by_date,
    clean_ratings,
    clean_tags,
    clean_title,
    normalised_assessment,
    position_of,
    round_position,
)
from companion.notes.stamps import new_id, now, time_order

RecordKind = Literal["assessment", "challenge"]
R = TypeVar("R", Assessment, Challenge)


class _Shelf(Generic[R]):
    """One kind of record by id, live and trashed, telling ``notify`` of every change."""

    def __init__(self, kind: RecordKind, notify: Callable[[RecordKind, str], None]) -> None:
        self.kind, self._notify = kind, notify
        self.by_id: dict[str, R] = {}

    def load(self, records: Iterable[R]) -> None:
        self.by_id = {r.id: r for r in records}

    def live(self) -> list[R]:
        return [r for r in self.by_id.values() if r.deleted is None]

    def trashed(self) -> list[R]:
        found = [r for r in self.by_id.values() if r.deleted is not None]
        return sorted(found, key=lambda r: time_order(r.deleted or ""), reverse=True)

    def put(self, record: R) -> R:
        self.by_id[record.id] = record
        self._notify(self.kind, record.id)
        return record

    def remove(self, record_id: str) -> R:
        gone = self.by_id.pop(record_id)
        self._notify(self.kind, record_id)
        return gone

    def live_one(self, record_id: str) -> R:
        record = self.by_id[record_id]
        if record.deleted is not None:
            raise KeyError(f"{record_id} is in the trash")
        return record

    def edited(self, before: R, after: R) -> R:
        """``after`` stored with a new ``modified`` unless it is ``before`` unchanged."""
        if after == before:
            return before
        return self.put(msgspec.structs.replace(after, modified=now()))

    def delete(self, record_id: str) -> R:
        return self.put(msgspec.structs.replace(self.live_one(record_id), deleted=now()))

    def restore(self, record_id: str) -> R:
        record = self.by_id[record_id]
        if record.deleted is None:
            raise KeyError(f"{record_id} is not in the trash")
        tags = [t for t in record.tags if t != REMOVED_TAG]
        return self.put(msgspec.structs.replace(record, deleted=None, tags=tags))

    def empty_trash(self) -> list[R]:
        gone = self.trashed()
        for record in gone:
            self.remove(record.id)
        return gone


class RecordsModel:
    """Assessments and challenges; the host announces changes (``_record_changed``)."""

    def _init_records(self) -> None:
        self._assessments: _Shelf[Assessment] = _Shelf("assessment", self._record_changed)
        self._challenges: _Shelf[Challenge] = _Shelf("challenge", self._record_changed)

    def _record_changed(self, kind: RecordKind, record_id: str) -> None:
        raise NotImplementedError

    def _load_records(
        self, assessments: Iterable[Assessment], challenges: Iterable[Challenge]
    ) -> None:
        self._assessments.load(assessments)
        self._challenges.load(challenges)

    def _records_snapshot(self) -> tuple[list[Assessment], list[Challenge]]:
        return list(self._assessments.by_id.values()), list(self._challenges.by_id.values())

    def record_counts(self) -> tuple[int, int, int]:
        """Assessments, challenges, and how many of either are in the trash."""
        trashed = len(self._assessments.trashed()) + len(self._challenges.trashed())
        return len(self._assessments.live()), len(self._challenges.live()), trashed

    # -- assessments -------------------------------------------------------
    def assessments(self) -> list[Assessment]:
        """Not in the trash, oldest first."""
        return by_date(self._assessments.live())

    def trashed_assessments(self) -> list[Assessment]:
        """In the trash, the last deleted first."""
        return self._assessments.trashed()

    def assessment(self, assessment_id: str) -> Assessment | None:
        """The assessment, in the trash or not (its ``deleted`` says)."""
        return self._assessments.by_id.get(assessment_id)

    def latest_assessment(self) -> Assessment | None:
        found = self.assessments()
        return found[-1] if found else None

    def add_assessment(
        self, ratings: Iterable[Rating], *, tags: Iterable[str] = (), created: str | None = None
    ) -> Assessment:
        """A new assessment, dated now unless ``created`` says when it was taken."""
        stamp = now()
        return self._assessments.put(
            Assessment(
                id=new_id("a"),
                ratings=clean_ratings(ratings),
                tags=clean_tags(tags),
                created=created or stamp,
                modified=stamp,
            )
        )

    def put_assessment(self, assessment: Assessment) -> Assessment:
        """Insert or replace exactly as given (undo, merges, imports)."""
        return self._assessments.put(assessment)

    def update_assessment(
        self,
        assessment_id: str,
        *,
        ratings: Iterable[Rating] | None = None,
        tags: Iterable[str] | None = None,
    ) -> Assessment:
        old = self._assessments.live_one(assessment_id)
        new = msgspec.structs.replace(
            old,
            ratings=old.ratings if ratings is None else clean_ratings(ratings),
            tags=old.tags if tags is None else clean_tags(tags),
        )
        if normalised_assessment(new) == normalised_assessment(old):
            return old  # the same ratings (a hand-edited file may list them in another order)
        return self._assessments.edited(old, new)

    def set_rating(
        self,
        assessment_id: str,
        dimension: str,
        *,
        level: str | None = None,
        evidence: str | None = None,
    ) -> Assessment:
        """Change one dimension's level or evidence (both emptied: the rating goes)."""
        old = self._assessments.live_one(assessment_id)
        current = next((r for r in old.ratings if r.dimension == dimension), None)
        rating = Rating(
            dimension=dimension,
            level=(current.level if current else "") if level is None else level,
            evidence=(current.evidence if current else "") if evidence is None else evidence,
        )
        ratings = [rating if r.dimension == dimension else r for r in old.ratings]
        return self.update_assessment(
            assessment_id, ratings=ratings if current else [*old.ratings, rating]
        )

    def delete_assessment(self, assessment_id: str) -> Assessment:
        """Into the trash, from which it can be restored."""
        return self._assessments.delete(assessment_id)

    def restore_assessment(self, assessment_id: str) -> Assessment:
        return self._assessments.restore(assessment_id)

    def remove_assessment(self, assessment_id: str) -> Assessment:
        """Take it out altogether (undoing its creation); returns it."""
        return self._assessments.remove(assessment_id)

    # -- challenges --------------------------------------------------------
    def challenges(self) -> list[Challenge]:
        """Not in the trash, oldest first."""
        return sorted(self._challenges.live(), key=lambda c: (*time_order(c.created), c.id))

    def trashed_challenges(self) -> list[Challenge]:
        return self._challenges.trashed()

    def challenge(self, challenge_id: str) -> Challenge | None:
        """The challenge, in the trash or not (its ``deleted`` says)."""
        return self._challenges.by_id.get(challenge_id)

    def add_challenge(
        self,
        title: str,
        note: str = "",
        *,
        tags: Iterable[str] = (),
        position: tuple[float, float] | None = None,
    ) -> Challenge:
        """A new challenge; placed at ``position`` (certainty, agreement) if given."""
        stamp = now()
        moves = [] if position is None else [_move(stamp, *position)]
        return self._challenges.put(
            Challenge(
                id=new_id("c"),
                title=clean_title(title),
                note=note,
                tags=clean_tags(tags),
                moves=moves,
                created=stamp,
                modified=stamp,
            )
        )

    def put_challenge(self, challenge: Challenge) -> Challenge:
        """Insert or replace exactly as given (undo, merges, imports)."""
        return self._challenges.put(challenge)

    def update_challenge(
        self,
        challenge_id: str,
        *,
        title: str | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Challenge:
        old = self._challenges.live_one(challenge_id)
        new = msgspec.structs.replace(
            old,
            title=old.title if title is None else clean_title(title),
            note=old.note if note is None else note,
            tags=old.tags if tags is None else clean_tags(tags),
        )
        return self._challenges.edited(old, new)

    def move_challenge(
        self, challenge_id: str, certainty: float, agreement: float, *, replace_last: bool = False
    ) -> Challenge:
        """Place the challenge at a new position, dated now (raises OffTheMap outside 0..1).

        Each move is kept, so the map can show the trail. ``replace_last`` replaces the
        last move instead (a keyboard user still nudging it into place).
        """
        old = self._challenges.live_one(challenge_id)
        stamp = now()
        move = _move(stamp, certainty, agreement)
        here = position_of(old)
        if here is not None and (here.certainty, here.agreement) == (
            move.certainty,
            move.agreement,
        ):
            return old
        kept = old.moves[:-1] if replace_last else old.moves
        return self._challenges.put(
            msgspec.structs.replace(old, moves=[*kept, move], modified=stamp)
        )

    def delete_challenge(self, challenge_id: str) -> Challenge:
        """Into the trash, from which it can be restored."""
        return self._challenges.delete(challenge_id)

    def restore_challenge(self, challenge_id: str) -> Challenge:
        return self._challenges.restore(challenge_id)

    def remove_challenge(self, challenge_id: str) -> Challenge:
        """Take it out altogether (undoing its creation); returns it."""
        return self._challenges.remove(challenge_id)

    def empty_records_trash(self) -> tuple[list[Assessment], list[Challenge]]:
        """Delete for good the assessments and challenges in the trash; returns them."""
        return self._assessments.empty_trash(), self._challenges.empty_trash()


def _move(stamp: str, certainty: float, agreement: float) -> Move:
    check_position(certainty, agreement)
    return Move(at=stamp, certainty=round_position(certainty), agreement=round_position(agreement))
