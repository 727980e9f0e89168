"""Two devices' self-assessments and challenges merged: by id, three-way, nothing lost."""

from __future__ import annotations

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.notes.merge import CONFLICT_TAG, merge, union
from companion.notes.model import REMOVED_TAG, NotesFile, NotesModel, empty_file
from companion.notes.records import Assessment, Challenge, Move, Rating

from .record_strategies import records

T0, T1, T2, T3 = (f"2026-0{m}-01T00:00:00.000Z" for m in range(1, 5))


def base_file() -> NotesFile:
    return msgspec.structs.replace(
        empty_file("tp"),
        assessments=[
            Assessment(
                id="a-1",
                ratings=[Rating(dimension="ways-of-feeling", level="sometimes", evidence="E")],
                created=T0,
                modified=T0,
            )
        ],
        challenges=[
            Challenge(
                id="c-1",
                title="Merging two teams",
                moves=[Move(at=T0, certainty=0.2, agreement=0.8)],
                created=T0,
                modified=T0,
            )
        ],
    )


def devices() -> tuple[NotesFile, NotesModel, NotesModel]:
    base = base_file()
    return base, NotesModel(base), NotesModel(base)


def test_assessments_taken_on_two_devices_are_both_kept() -> None:
    base, ours, theirs = devices()
    a = ours.add_assessment([Rating(dimension="ways-of-being", level="often")])
    b = theirs.add_assessment([Rating(dimension="ways-of-being", level="not-yet")])
    result = merge(base, ours.snapshot(), theirs.snapshot())
    assert {x.id for x in result.data.assessments} == {"a-1", a.id, b.id}
    assert result.conflicts == 0 and result.summary == "merged 1 change from disk"


def test_one_assessment_edited_differently_on_two_devices_keeps_both_edits() -> None:
    base, ours, theirs = devices()
    mine = ours.set_rating("a-1", "ways-of-feeling", level="often")
    other = theirs.set_rating("a-1", "ways-of-feeling", evidence="Other words")
    result = merge(base, ours.snapshot(), theirs.snapshot())
    assert result.conflicts == 1
    [kept, copy] = sorted(result.data.assessments, key=lambda a: a.id != "a-1")
    assert kept == mine
    assert copy.id != "a-1" and copy.id.startswith("a-")
    assert copy.ratings == other.ratings and copy.tags == [CONFLICT_TAG]
    # The copy kept once however often the same version is merged in.
    again = merge(result.data, result.data, theirs.snapshot())
    assert len(again.data.assessments) == 2


def test_an_edit_beats_a_deletion_on_the_other_device() -> None:
    base, ours, theirs = devices()
    ours.delete_assessment("a-1")
    edited = theirs.set_rating("a-1", "ways-of-feeling", level="consistently")
    result = merge(base, ours.snapshot(), theirs.snapshot())
    assert result.data.assessments == [edited] and edited.deleted is None


def test_an_assessment_the_outside_version_lacks_goes_to_the_trash_marked() -> None:
    base, ours, _ = devices()
    older = empty_file("tp")  # an older copy put back by a sync tool
    result = merge(base, ours.snapshot(), older)
    [moved] = result.data.assessments
    assert moved.id == "a-1" and moved.deleted is not None and REMOVED_TAG in moved.tags
    assert result.removed_assessments == (moved,)
    [challenge] = result.data.challenges
    assert challenge.deleted is not None and REMOVED_TAG in challenge.tags
    assert result.removed_challenges == (challenge,) and result.removed == 2
    # Restoring takes the mark off.
    model = NotesModel(result.data)
    assert model.restore_challenge("c-1").tags == []


def test_a_challenge_moved_on_both_devices_has_both_histories_in_time_order() -> None:
    base, ours, theirs = devices()
    ours_moved = msgspec.structs.replace(
        base.challenges[0],
        moves=[*base.challenges[0].moves, Move(at=T2, certainty=0.5, agreement=0.5)],
        modified=T2,
    )
    their_moved = msgspec.structs.replace(
        base.challenges[0],
        moves=[
            *base.challenges[0].moves,
            Move(at=T1, certainty=0.4, agreement=0.6),
            Move(at=T3, certainty=0.7, agreement=0.3),
        ],
        modified=T3,
    )
    ours.put_challenge(ours_moved)
    theirs.put_challenge(their_moved)
    result = merge(base, ours.snapshot(), theirs.snapshot())
    [merged] = result.data.challenges
    assert [m.at for m in merged.moves] == [T0, T1, T2, T3]
    assert merged.modified == T3 and result.conflicts == 0


def test_a_challenge_renamed_here_and_moved_there_is_one_challenge() -> None:
    base, ours, theirs = devices()
    ours.update_challenge("c-1", title="Merging two teams well")
    moved = theirs.move_challenge("c-1", 0.6, 0.6)
    result = merge(base, ours.snapshot(), theirs.snapshot())
    [merged] = result.data.challenges
    assert merged.title == "Merging two teams well"
    assert merged.moves == moved.moves and result.conflicts == 0


def test_a_challenge_renamed_differently_on_both_keeps_both_with_every_move() -> None:
    base, ours, theirs = devices()
    ours.update_challenge("c-1", title="Ours")
    ours.move_challenge("c-1", 0.9, 0.9)
    theirs.update_challenge("c-1", title="Theirs")
    theirs.move_challenge("c-1", 0.1, 0.1)
    result = merge(base, ours.snapshot(), theirs.snapshot())
    assert result.conflicts == 1
    by_title = {c.title: c for c in result.data.challenges}
    assert set(by_title) == {"Ours", "Theirs"}
    assert by_title["Theirs"].tags == [CONFLICT_TAG] and by_title["Ours"].id == "c-1"
    for challenge in by_title.values():
        assert {(m.certainty, m.agreement) for m in challenge.moves} == {
            (0.2, 0.8),
            (0.9, 0.9),
            (0.1, 0.1),
        }


def test_a_challenge_trashed_on_one_device_and_moved_on_the_other_stays() -> None:
    base, ours, theirs = devices()
    ours.delete_challenge("c-1")
    theirs.move_challenge("c-1", 0.6, 0.6)
    [merged] = merge(base, ours.snapshot(), theirs.snapshot()).data.challenges
    assert merged.deleted is None and len(merged.moves) == 2


def test_a_union_deletes_nothing() -> None:
    _, ours, theirs = devices()
    ours.remove_challenge("c-1")
    theirs.remove_assessment("a-1")
    result = union(ours.snapshot(), theirs.snapshot(), "a copy")
    assert [a.id for a in result.data.assessments] == ["a-1"]
    assert [c.id for c in result.data.challenges] == ["c-1"]
    assert result.removed == 0


IDS = st.lists(st.sampled_from([f"x-{i}" for i in range(6)]), unique=True, max_size=6)
STAMPS = st.sampled_from([T0, T1, T2, T3])
WORDS = st.sampled_from(["", "a", "b"])


@st.composite
def versions(draw: st.DrawFn) -> NotesFile:
    assessments, challenges = draw(records(draw(IDS), WORDS, STAMPS))
    return msgspec.structs.replace(empty_file("tp"), assessments=assessments, challenges=challenges)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=versions(), ours=versions(), theirs=versions())
def test_nothing_either_side_holds_is_lost(
    base: NotesFile, ours: NotesFile, theirs: NotesFile
) -> None:
    result = merge(base, ours, theirs)

    def both(data: NotesFile) -> list[Assessment | Challenge]:
        return [*data.assessments, *data.challenges]

    kept = {(type(r).__name__, r.id) for r in both(result.data)}
    in_base = {(type(r).__name__, r.id): r for r in both(base)}
    for side in (ours, theirs):
        for record in both(side):
            key = (type(record).__name__, record.id)
            # Only a record the other side had as it is here may go: one it removed (from
            # a trash here, emptied there) or one removed here and only trashed there.
            may_go = in_base.get(key) == record and (record.deleted is not None or side is theirs)
            assert may_go or key in kept, key
    # Every move either side made is in the merged history of the challenge it is kept as.
    for side in (ours, theirs):
        for challenge in side.challenges:
            merged = [c for c in result.data.challenges if c.id == challenge.id]
            if merged and challenge not in base.challenges:
                assert set(challenge.moves) <= set(merged[0].moves)
    # Merging a version with itself changes nothing.
    assert merge(base, ours, ours).data == ours.normalised()
    assert merge(base, ours, base).data == ours.normalised()
