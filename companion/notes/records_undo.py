"""Undoable changes to the learner's records (self-assessments and challenges), like
``notes.undo``: plain Python, each checking that what it acts on is still there."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from companion.notes.model import NotesModel
from companion.notes.records import Assessment, Challenge, Rating
from companion.notes.undo import Command


class SaveAssessment(Command):
    """A new dated assessment; undo takes it out, redo puts the same record back."""

    def __init__(self, model: NotesModel, ratings: Iterable[Rating]) -> None:
        super().__init__(model, "Save Assessment")
        self.ratings = list(ratings)
        self.assessment: Assessment | None = None

    def redo(self) -> None:
        if self.assessment is None:
            self.assessment = self.model.add_assessment(self.ratings)
        else:
            self.model.put_assessment(self.assessment)

    def undo(self) -> None:
        # Still there: a reload or another device may have taken it out since.
        if self.assessment is not None and self.model.assessment(self.assessment.id) is not None:
            self.model.remove_assessment(self.assessment.id)


class AddChallenge(Command):
    """A new challenge, not placed yet; undo takes it out, redo puts the same one back."""

    def __init__(self, model: NotesModel, title: str, note: str = "") -> None:
        super().__init__(model, "New Challenge")
        self.title, self.note = title, note
        self.added: Challenge | None = None

    def redo(self) -> None:
        if self.added is None:
            self.added = self.model.add_challenge(self.title, self.note)
        elif self.model.challenge(self.added.id) is None:
            self.model.put_challenge(self.added)

    def undo(self) -> None:
        if self.added is not None and self.model.challenge(self.added.id) is not None:
            self.added = self.model.remove_challenge(self.added.id)


class _ChallengeChange(Command):
    """A change made once and put back as it was made (redo after undo), never made again:
    ``before`` and ``after`` are the challenge as the learner left it either side."""

    def __init__(self, model: NotesModel, text: str, challenge_id: str) -> None:
        super().__init__(model, text)
        self.challenge_id = challenge_id
        self.before: Challenge | None = None
        self.after: Challenge | None = None

    def make(self) -> Challenge:
        raise NotImplementedError

    def redo(self) -> None:
        now = self.model.challenge(self.challenge_id)
        if now is None or now.deleted is not None:
            return
        if self.before is None:
            self.before = now
            self.after = self.make()
        elif self.after is not None:
            self.model.put_challenge(self.after)

    def undo(self) -> None:
        if self.before is not None and self.model.challenge(self.challenge_id) is not None:
            self.model.put_challenge(self.before)


class EditChallenge(_ChallengeChange):
    def __init__(self, model: NotesModel, challenge_id: str, title: str, note: str) -> None:
        super().__init__(model, "Edit Challenge", challenge_id)
        self.title, self.note = title, note

    def make(self) -> Challenge:
        return self.model.update_challenge(self.challenge_id, title=self.title, note=self.note)


class MoveChallenge(_ChallengeChange):
    """One move, dated when made. Keyboard nudges of one challenge in a row (``nudge``)
    are one move, where it came to rest, and one undo step, until ``sealed``."""

    merge_kind = "challenge nudges"

    def __init__(
        self,
        model: NotesModel,
        challenge_id: str,
        certainty: float,
        agreement: float,
        *,
        nudge: bool = False,
    ) -> None:
        super().__init__(model, "Move Challenge", challenge_id)
        self.certainty, self.agreement, self.nudge = certainty, agreement, nudge
        #: No more nudges join this step (the learner moved on, or undid something).
        self.sealed = False

    def make(self) -> Challenge:
        return self.model.move_challenge(self.challenge_id, self.certainty, self.agreement)

    def merge(self, other: Command) -> bool:
        if not (
            isinstance(other, MoveChallenge)
            and self.nudge
            and other.nudge
            and not self.sealed
            and other.challenge_id == self.challenge_id
            and self.before is not None
        ):
            return False
        # The later nudge was stored as a move of its own: fold it into this one.
        now = self.model.challenge(self.challenge_id)
        if now is None or now.deleted is not None:
            return False
        kept = self.before.moves
        if len(now.moves) > len(kept) + 1:
            now = self.model.put_challenge(
                msgspec.structs.replace(now, moves=[*kept, now.moves[-1]])
            )
        self.after = now
        return True


class DeleteChallenge(Command):
    """Into the trash; undo restores it."""

    def __init__(self, model: NotesModel, challenge_id: str) -> None:
        super().__init__(model, "Delete Challenge")
        self.challenge_id = challenge_id

    def redo(self) -> None:
        now = self.model.challenge(self.challenge_id)
        if now is not None and now.deleted is None:
            self.model.delete_challenge(self.challenge_id)

    def undo(self) -> None:
        now = self.model.challenge(self.challenge_id)
        if now is not None and now.deleted is not None:
            self.model.restore_challenge(self.challenge_id)


class RestoreRecord(Command):
    """Bring a self-assessment ("assessment") or a challenge back from the trash."""

    def __init__(self, model: NotesModel, kind: str, record_id: str) -> None:
        text = "Restore Challenge" if kind == "challenge" else "Restore Assessment"
        super().__init__(model, text)
        self.kind, self.record_id = kind, record_id

    def _in_trash(self) -> bool | None:
        """Whether it is in the trash (None: not there at all)."""
        model = self.model
        found = (
            model.challenge(self.record_id)
            if self.kind == "challenge"
            else (model.assessment(self.record_id))
        )
        return None if found is None else found.deleted is not None

    def redo(self) -> None:
        if self._in_trash():
            if self.kind == "challenge":
                self.model.restore_challenge(self.record_id)
            else:
                self.model.restore_assessment(self.record_id)

    def undo(self) -> None:
        if self._in_trash() is False:
            if self.kind == "challenge":
                self.model.delete_challenge(self.record_id)
            else:
                self.model.delete_assessment(self.record_id)
