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


def test_a_challenge_added_moved_and_deleted_undoes_step_by_step() -> None:
    from companion.notes.records_undo import AddChallenge, DeleteChallenge, MoveChallenge

    notes = NotesModel(empty_file("tp"))
    add = AddChallenge(notes, "Merging two trusts", "Boards disagree.")
    add.redo()
    assert add.added is not None
    challenge_id = add.added.id
    move = MoveChallenge(notes, challenge_id, 0.2, 0.9)
    move.redo()
    delete = DeleteChallenge(notes, challenge_id)
    delete.redo()
    assert notes.challenges() == [] and [c.id for c in notes.trashed_challenges()] == [challenge_id]
    delete.undo()
    move.undo()
    assert notes.challenge(challenge_id).moves == []  # type: ignore[union-attr]
    move.redo()  # the same dated move, not a new one
    assert notes.challenge(challenge_id) == move.after
    add.undo()
    assert notes.challenge(challenge_id) is None
    move.undo()  # nothing to act on any more: no error
    add.redo()
    assert notes.challenge(challenge_id) == add.added


def test_nudges_fold_into_one_move_until_sealed() -> None:
    from companion.notes.records_undo import MoveChallenge

    notes = NotesModel(empty_file("tp"))
    placed = notes.add_challenge("T", position=(0.5, 0.5))
    first = MoveChallenge(notes, placed.id, 0.55, 0.5, nudge=True)
    first.redo()
    for step in (0.6, 0.65):
        later = MoveChallenge(notes, placed.id, step, 0.5, nudge=True)
        later.redo()
        assert first.merge(later)
    now = notes.challenge(placed.id)
    assert now is not None and [(m.certainty, m.agreement) for m in now.moves] == [
        (0.5, 0.5),
        (0.65, 0.5),
    ]
    first.undo()
    assert notes.challenge(placed.id) == placed
    first.redo()
    first.sealed = True
    again = MoveChallenge(notes, placed.id, 0.7, 0.5, nudge=True)
    again.redo()
    assert not first.merge(again)  # a new run of nudges is a step of its own
    dragged = MoveChallenge(notes, placed.id, 0.1, 0.1)
    dragged.redo()
    assert not again.merge(dragged)  # a drag never joins nudges


def test_emptying_the_trash_takes_records_and_undo_brings_them_back() -> None:
    from companion.notes.records_undo import RestoreRecord
    from companion.notes.undo import EmptyTrash

    notes = NotesModel(empty_file("tp"))
    challenge = notes.add_challenge("Gone", position=(0.9, 0.9))
    assessment = notes.add_assessment(RATINGS)
    notes.delete_challenge(challenge.id)
    notes.delete_assessment(assessment.id)
    empty = EmptyTrash(notes)
    empty.redo()
    assert notes.challenge(challenge.id) is None and notes.assessment(assessment.id) is None
    empty.undo()
    assert [c.id for c in notes.trashed_challenges()] == [challenge.id]
    assert [a.id for a in notes.trashed_assessments()] == [assessment.id]
    restore = RestoreRecord(notes, "assessment", assessment.id)
    restore.redo()
    assert [a.id for a in notes.assessments()] == [assessment.id]
    restore.undo()
    assert notes.assessments() == []
    RestoreRecord(notes, "challenge", "c-missing").redo()  # not there: nothing happens
