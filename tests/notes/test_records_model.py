"""The model's assessments and challenges: each change announced, each with an exact inverse."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
import pytest

from companion.bundle.stacey_map import OffTheMap
from companion.notes.model import REMOVED_TAG, Change, NotesModel, empty_file
from companion.notes.records import Assessment, Challenge, Move, Rating, position_of

T0 = "2026-03-01T09:00:00.000Z"
T1 = "2026-04-01T09:00:00.000Z"


def model_with_records() -> tuple[NotesModel, list[Change]]:
    """Two assessments, a placed and an unplaced challenge, one of each in the trash."""
    data = msgspec.structs.replace(
        empty_file("tp"),
        assessments=[
            Assessment(
                id="a-old",
                ratings=[Rating(dimension="ways-of-feeling", level="sometimes", evidence="E1")],
                created=T0,
                modified=T0,
            ),
            Assessment(
                id="a-new",
                ratings=[
                    Rating(dimension="ways-of-feeling", level="often"),
                    Rating(dimension="ways-of-being", evidence="Stayed calm."),
                ],
                created=T1,
                modified=T1,
            ),
            Assessment(id="a-gone", created=T0, modified=T0, deleted=T1, tags=[REMOVED_TAG]),
        ],
        challenges=[
            Challenge(
                id="c-placed",
                title="Merging two teams",
                note="*Who* decides?",
                moves=[Move(at=T0, certainty=0.2, agreement=0.9)],
                created=T0,
                modified=T0,
            ),
            Challenge(id="c-loose", title="Budget", created=T1, modified=T1),
            Challenge(id="c-gone", title="Old", created=T0, modified=T0, deleted=T1),
        ],
    )
    model = NotesModel(data)
    events: list[Change] = []
    model.subscribe(events.append)
    return model, events


def test_what_the_model_holds() -> None:
    model, _ = model_with_records()
    assert [a.id for a in model.assessments()] == ["a-old", "a-new"]
    assert getattr(model.latest_assessment(), "id", None) == "a-new"
    assert [a.id for a in model.trashed_assessments()] == ["a-gone"]
    assert [c.id for c in model.challenges()] == ["c-placed", "c-loose"]
    assert [c.id for c in model.trashed_challenges()] == ["c-gone"]
    assert model.record_counts() == (2, 2, 2)
    assert model.snapshot().normalised() == model.snapshot().normalised()


def test_an_assessment_is_dated_and_kept_beside_the_last() -> None:
    model, events = model_with_records()
    new = model.add_assessment(
        [
            Rating(dimension="ways-of-feeling", level="not-yet"),
            Rating(dimension="ways-of-relating"),  # nothing said: not kept
            Rating(dimension="ways-of-feeling", level="consistently", evidence="Twice"),
        ],
        tags=[" after  TP7 ", ""],
    )
    assert new.id.startswith("a-") and new.created == new.modified
    assert new.ratings == [
        Rating(dimension="ways-of-feeling", level="consistently", evidence="Twice")
    ]
    assert new.tags == ["after TP7"]
    assert [a.id for a in model.assessments()] == ["a-old", "a-new", new.id]
    assert model.latest_assessment() == new
    assert events == [Change("assessment", record_id=new.id)]


def test_set_rating_adds_changes_and_clears_one_dimension() -> None:
    model, events = model_with_records()
    model.set_rating("a-new", "ways-of-relating", level="often")
    model.set_rating("a-new", "ways-of-feeling", evidence="Said no to a project.")
    after = model.set_rating("a-new", "ways-of-being", evidence="")
    assert after.ratings == [
        Rating(dimension="ways-of-feeling", level="often", evidence="Said no to a project."),
        Rating(dimension="ways-of-relating", level="often"),
    ]
    assert after.modified > T1 and after.created == T1
    assert len(events) == 3


def test_an_edit_that_changes_nothing_is_no_change() -> None:
    model, events = model_with_records()
    before = model.assessment("a-new")
    assert model.set_rating("a-new", "ways-of-feeling", level="often") is before
    assert model.update_challenge("c-placed", title=" Merging   two teams ") is model.challenge(
        "c-placed"
    )
    assert events == [] and model.revision == 0


def test_challenges_keep_every_move() -> None:
    model, events = model_with_records()
    new = model.add_challenge("  A new\nrota ", "Note", position=(0.123456789, 1))
    assert new.title == "A new rota" and new.id.startswith("c-")
    assert new.moves == [Move(at=new.created, certainty=0.1235, agreement=1.0)]
    moved = model.move_challenge(new.id, 0.5, 0.5)
    again = model.move_challenge(new.id, 0.6, 0.4)
    assert [(m.certainty, m.agreement) for m in again.moves] == [
        (0.1235, 1.0),
        (0.5, 0.5),
        (0.6, 0.4),
    ]
    assert position_of(again) == again.moves[-1] and again.modified >= moved.modified
    # Nudged by keyboard: the last move is replaced, not added to.
    nudged = model.move_challenge(new.id, 0.61, 0.4, replace_last=True)
    assert [(m.certainty, m.agreement) for m in nudged.moves][1:] == [(0.5, 0.5), (0.61, 0.4)]
    # Put where it already is: no move.
    assert model.move_challenge(new.id, 0.61, 0.40001) is nudged
    assert len(events) == 4


def test_an_unplaced_challenge_is_placed_by_its_first_move() -> None:
    model, _ = model_with_records()
    assert position_of(model.challenge("c-loose")) is None  # type: ignore[arg-type]
    placed = model.move_challenge("c-loose", 0.9, 0.1)
    assert [(m.certainty, m.agreement) for m in placed.moves] == [(0.9, 0.1)]


@pytest.mark.parametrize("bad", [(-0.1, 0.5), (0.5, 1.5), (float("nan"), 0.5), (0.5, float("inf"))])
def test_a_move_off_the_map_is_refused_and_changes_nothing(bad: tuple[float, float]) -> None:
    model, events = model_with_records()
    before = model.snapshot()
    with pytest.raises(OffTheMap):
        model.move_challenge("c-placed", *bad)
    with pytest.raises(OffTheMap):
        model.add_challenge("x", position=bad)
    assert model.snapshot() == before and events == []


def test_trash_and_back() -> None:
    model, events = model_with_records()
    gone = model.delete_challenge("c-placed")
    assert gone.deleted is not None and [c.id for c in model.challenges()] == ["c-loose"]
    with pytest.raises(KeyError):
        model.update_challenge("c-placed", title="x")
    with pytest.raises(KeyError):
        model.move_challenge("c-placed", 0.5, 0.5)
    back = model.restore_challenge("c-placed")
    assert back == msgspec.structs.replace(gone, deleted=None)
    # Restoring what a merge put in the trash takes its mark off.
    restored = model.restore_assessment("a-gone")
    assert restored.tags == [] and restored.deleted is None
    with pytest.raises(KeyError):
        model.restore_assessment("a-gone")
    assert [e.kind for e in events] == ["challenge", "challenge", "assessment"]


def test_emptying_the_trash_of_records() -> None:
    model, events = model_with_records()
    assessments, challenges = model.empty_records_trash()
    assert [a.id for a in assessments] == ["a-gone"] and [c.id for c in challenges] == ["c-gone"]
    assert model.record_counts() == (2, 2, 0)
    assert model.counts() == (0, 0, 0)  # the notes' own trash is another command's
    assert len(events) == 2


Operation = Callable[[NotesModel], Callable[[], object]]


def _add_assessment(model: NotesModel) -> Callable[[], object]:
    made = model.add_assessment([Rating(dimension="ways-of-doing", level="often")])
    return lambda: model.remove_assessment(made.id)


def _add_challenge(model: NotesModel) -> Callable[[], object]:
    made = model.add_challenge("New", position=(0.5, 0.5))
    return lambda: model.remove_challenge(made.id)


def _changing(kind: str, record_id: str, change: Callable[[NotesModel], object]) -> Operation:
    def operation(model: NotesModel) -> Callable[[], object]:
        if kind == "assessment":
            a = model.assessment(record_id)
            assert a is not None
            change(model)
            return lambda: model.put_assessment(a)
        c = model.challenge(record_id)
        assert c is not None
        change(model)
        return lambda: model.put_challenge(c)

    return operation


def _removing(model: NotesModel) -> Callable[[], object]:
    gone = model.remove_challenge("c-gone")
    return lambda: model.put_challenge(gone)


def _emptying(model: NotesModel) -> Callable[[], object]:
    assessments, challenges = model.empty_records_trash()

    def undo() -> None:
        for a in assessments:
            model.put_assessment(a)
        for c in challenges:
            model.put_challenge(c)

    return undo


OPERATIONS: dict[str, Operation] = {
    "add assessment": _add_assessment,
    "add challenge": _add_challenge,
    "update ratings": _changing(
        "assessment", "a-new", lambda m: m.update_assessment("a-new", ratings=[], tags=["t"])
    ),
    "set rating": _changing(
        "assessment", "a-old", lambda m: m.set_rating("a-old", "ways-of-feeling", level="often")
    ),
    "delete assessment": _changing("assessment", "a-old", lambda m: m.delete_assessment("a-old")),
    "restore assessment": _changing(
        "assessment", "a-gone", lambda m: m.restore_assessment("a-gone")
    ),
    "edit challenge": _changing(
        "challenge", "c-placed", lambda m: m.update_challenge("c-placed", note="new", tags=["x"])
    ),
    "move challenge": _changing(
        "challenge", "c-placed", lambda m: m.move_challenge("c-placed", 0.7, 0.7)
    ),
    "nudge challenge": _changing(
        "challenge",
        "c-placed",
        lambda m: m.move_challenge("c-placed", 0.3, 0.9, replace_last=True),
    ),
    "delete challenge": _changing("challenge", "c-loose", lambda m: m.delete_challenge("c-loose")),
    "restore challenge": _changing("challenge", "c-gone", lambda m: m.restore_challenge("c-gone")),
    "remove challenge": _removing,
    "empty the trash": _emptying,
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_operation_has_an_exact_inverse(name: str) -> None:
    model, events = model_with_records()
    before = model.snapshot()
    inverse = OPERATIONS[name](model)
    changed = model.snapshot()
    assert changed != before and events, "the operation changed nothing"
    assert all(e.kind in ("assessment", "challenge") and e.record_id for e in events)
    inverse()
    assert model.snapshot().normalised() == before.normalised()
