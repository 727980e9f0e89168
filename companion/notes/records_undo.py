"""Undoable changes to the learner's records (self-assessments), like ``notes.undo``."""

from __future__ import annotations

from collections.abc import Iterable

from companion.notes.model import NotesModel
from companion.notes.records import Assessment, Rating
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
