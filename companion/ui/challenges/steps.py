"""Undoable changes to the learner's challenges, as plain Python (``UndoStep``).

Each step acts on the notes model only (the views follow its changes) and checks that
what it acts on is still there, so a step that outlived a reload never raises.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from companion.notes.model import NotesModel
from companion.notes.records import Challenge
from companion.ui.kit.undo import UndoStep


@dataclass
class AddChallenge:
    model: NotesModel
    title: str
    note: str = ""
    text: str = "New Challenge"
    added: Challenge | None = None

    def redo(self) -> None:
        if self.added is None:
            self.added = self.model.add_challenge(self.title, self.note)
        elif self.model.challenge(self.added.id) is None:
            self.model.put_challenge(self.added)

    def undo(self) -> None:
        if self.added is not None and self.model.challenge(self.added.id) is not None:
            self.added = self.model.remove_challenge(self.added.id)

    def absorb(self, later: UndoStep) -> bool:
        return False


@dataclass
class _Change:
    """A change made once and put back as it was made (redo after undo), never made again:
    ``before`` and ``after`` are the challenge as the learner left it each side."""

    model: NotesModel
    challenge_id: str

    def __post_init__(self) -> None:
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

    def absorb(self, later: UndoStep) -> bool:
        return False


@dataclass
class EditChallenge(_Change):
    title: str = ""
    note: str = ""
    text: str = "Edit Challenge"

    def make(self) -> Challenge:
        return self.model.update_challenge(self.challenge_id, title=self.title, note=self.note)


@dataclass
class MoveChallenge(_Change):
    """One move, dated when made. Keyboard nudges of one challenge in a row are one move
    (``nudge``: the history keeps where it came to rest) and one undo step."""

    certainty: float = 0.0
    agreement: float = 0.0
    nudge: bool = False
    text: str = "Move Challenge"

    def make(self) -> Challenge:
        return self.model.move_challenge(self.challenge_id, self.certainty, self.agreement)

    def absorb(self, later: UndoStep) -> bool:
        if not (
            isinstance(later, MoveChallenge)
            and self.nudge
            and later.nudge
            and later.challenge_id == self.challenge_id
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


@dataclass
class DeleteChallenge:
    model: NotesModel
    challenge_id: str
    text: str = "Delete Challenge"

    def redo(self) -> None:
        now = self.model.challenge(self.challenge_id)
        if now is not None and now.deleted is None:
            self.model.delete_challenge(self.challenge_id)

    def undo(self) -> None:
        now = self.model.challenge(self.challenge_id)
        if now is not None and now.deleted is not None:
            self.model.restore_challenge(self.challenge_id)

    def absorb(self, later: UndoStep) -> bool:
        return False
