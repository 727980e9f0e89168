"""Saving a self-assessment as one undoable step, without Qt."""

from __future__ import annotations

from companion.notes.model import NotesModel, empty_file
from companion.notes.records import Rating
from companion.notes.records_undo import SaveAssessment

RATINGS = [
    Rating(dimension="ways-of-being", level="often", evidence="Chaired the *review*."),
    Rating(dimension="ways-of-feeling", level="sometimes"),
]


def test_a_saved_assessment_is_undone_and_redone_as_the_same_record() -> None:
    notes = NotesModel(empty_file("tp"))
    save = SaveAssessment(notes, RATINGS)
    save.redo()
    [saved] = notes.assessments()
    assert [r.level for r in saved.ratings] == ["often", "sometimes"]
    save.undo()
    assert notes.assessments() == []
    save.redo()
    assert notes.assessments() == [saved]  # same id and date: not a second assessment


def test_undo_leaves_alone_an_assessment_already_taken_out_elsewhere() -> None:
    notes = NotesModel(empty_file("tp"))
    save = SaveAssessment(notes, RATINGS)
    save.redo()
    assert save.assessment is not None
    notes.remove_assessment(save.assessment.id)  # e.g. a merge from another device
    save.undo()  # nothing to take out: no error, nothing else touched
    assert notes.assessments() == []
