"""Saving an assessment as one step on the notes' undo stack."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QUndoCommand

from companion.notes.model import NotesModel
from companion.notes.records import Assessment, Rating


class SaveAssessment(QUndoCommand):
    """A new dated assessment; undo takes it out, redo puts the same record back."""

    def __init__(self, model: NotesModel, ratings: Iterable[Rating]) -> None:
        super().__init__("Save Assessment")
        self.model = model
        self.ratings = list(ratings)
        self.assessment: Assessment | None = None

    def redo(self) -> None:
        if self.assessment is None:
            self.assessment = self.model.add_assessment(self.ratings)
        else:
            self.model.put_assessment(self.assessment)

    def undo(self) -> None:
        # Still there and as saved: a reload or another device may have changed it since.
        if self.assessment is not None and self.model.assessment(self.assessment.id) is not None:
            self.model.remove_assessment(self.assessment.id)
