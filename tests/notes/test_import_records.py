"""Self-assessments and challenges through W3C annotations: exact round trips, merging by id,
other tools' shapes, and hostile input refused one annotation at a time."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.notes.export import export_markdown, export_w3c
from companion.notes.importer import import_w3c
from companion.notes.model import NotesFile, empty_file
from companion.notes.records import Assessment, Challenge, Move, Rating, clean_tags
from companion.unbroken import NOTES_LIMIT

from .known_notes import T1, T2, T3, shipped
from .known_records import known_records
from .record_strategies import COORDINATE

URN = "urn:companion:touchpoint-7"
LATER = "2026-06-01T12:00:00.000Z"


def fresh() -> NotesFile:
    return empty_file("touchpoint-7")


def items(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["first"]["items"]
    return found


def live_only(data: NotesFile) -> NotesFile:
    """What an export carries: no trash."""
    return msgspec.structs.replace(
        data,
        trash=[],
        assessments=[a for a in data.assessments if a.deleted is None],
        challenges=[c for c in data.challenges if c.deleted is None],
    ).normalised()


def records_only(data: NotesFile) -> NotesFile:
    return msgspec.structs.replace(
        fresh(), assessments=data.assessments, challenges=data.challenges
    )


# -- round trips --------------------------------------------------------------
def test_export_import_export_is_exact_and_importing_again_adds_nothing() -> None:
    bundle, data = shipped(), known_records()
    exported = export_w3c(bundle, data)
    report = import_w3c(bundle, fresh(), json.loads(json.dumps(exported)))
    assert report.problems == []
    assert (report.added, report.updated, report.unchanged) == (18, 0, 0)
    assert report.data == live_only(data)
    assert export_w3c(bundle, report.data) == exported
    assert export_markdown(bundle, report.data) == export_markdown(bundle, data)
    again = import_w3c(bundle, report.data, exported)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 18)
    assert again.data == report.data and not again.changed


def test_importing_into_the_same_records_keeps_the_trash() -> None:
    bundle, data = shipped(), known_records()
    report = import_w3c(bundle, data, export_w3c(bundle, data))
    assert report.added == 0 and report.updated == 0
    assert report.data == data.normalised()


ID = st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True)
SLUG = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
STAMP = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)).map(
    lambda d: d.isoformat(timespec="milliseconds") + "Z"
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
ONE_LINE = TEXT.map(lambda t: " ".join(t.split())).filter(bool)
TAGS = st.lists(TEXT, max_size=3).map(clean_tags)


@st.composite
def exportable(draw: st.DrawFn) -> NotesFile:
    """Assessments and challenges as the app makes them (what an export can carry)."""
    ids = draw(st.lists(ID, unique=True, max_size=6))
    split = draw(st.integers(0, len(ids)))
    assessments = []
    for record_id in ids[:split]:
        dimensions = draw(st.lists(SLUG, unique=True, min_size=1, max_size=4))
        ratings = []
        for dimension in dimensions:
            level = draw(st.sampled_from(["", "not-yet", "often", "unheard-of"]))
            evidence = draw(TEXT if level else TEXT.filter(str.strip))
            ratings.append(Rating(dimension=dimension, level=level, evidence=evidence))
        assessments.append(
            Assessment(
                id=record_id,
                ratings=sorted(ratings, key=lambda r: r.dimension),
                tags=draw(TAGS),
                created=draw(STAMP),
                modified=draw(STAMP),
            )
        )
    challenges = [
        Challenge(
            id=record_id,
            title=draw(ONE_LINE),
            note=draw(TEXT),
            tags=draw(TAGS),
            moves=draw(
                st.lists(
                    st.builds(Move, at=STAMP, certainty=COORDINATE, agreement=COORDINATE),
                    max_size=4,
                )
            ),
            created=draw(STAMP),
            modified=draw(STAMP),
        )
        for record_id in ids[split:]
    ]
    return msgspec.structs.replace(fresh(), assessments=assessments, challenges=challenges)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=exportable())
def test_any_records_come_back_exactly(data: NotesFile) -> None:
    bundle = shipped()
    exported = json.loads(json.dumps(export_w3c(bundle, data)))
    report = import_w3c(bundle, fresh(), exported)
    assert report.problems == []
    assert report.data == data.normalised()
    assert import_w3c(bundle, report.data, exported).data == report.data


# -- merging by id ------------------------------------------------------------
def _assessment(level: str, modified: str) -> NotesFile:
    rating = Rating(dimension="ways-of-being", level=level)
    made = Assessment(id="a-1", ratings=[rating], created=T1, modified=modified)
    return msgspec.structs.replace(fresh(), assessments=[made])


def test_a_later_modified_assessment_wins_and_an_earlier_one_does_not() -> None:
    bundle = shipped()
    ours = _assessment("sometimes", T2)
    newer = import_w3c(bundle, ours, export_w3c(bundle, _assessment("often", T3)))
    assert newer.updated == 1 and newer.data.assessments[0].ratings[0].level == "often"
    older = import_w3c(bundle, ours, export_w3c(bundle, _assessment("often", T1)))
    assert older.unchanged == 1 and older.data == ours.normalised()


def test_a_trashed_challenge_comes_back_only_if_changed_after_it_was_deleted() -> None:
    bundle = shipped()
    challenge = Challenge(id="c-1", title="Rota", created=T1, modified=T1, deleted=T2)
    ours = msgspec.structs.replace(fresh(), challenges=[challenge])
    for modified, back in ((T1, False), (T3, True)):
        theirs = msgspec.structs.replace(
            fresh(),
            challenges=[msgspec.structs.replace(challenge, deleted=None, modified=modified)],
        )
        report = import_w3c(bundle, ours, export_w3c(bundle, theirs))
        assert (report.data.challenges[0].deleted is None) is back


def test_an_annotation_without_modified_never_replaces() -> None:
    bundle = shipped()
    ours = records_only(known_records())
    document = export_w3c(bundle, ours)
    for annotation in items(document):
        del annotation["modified"]
        for body in annotation["body"]:
            if body.get("purpose") == "describing":
                body["value"] = "Renamed elsewhere"
    report = import_w3c(bundle, ours, document)
    assert report.updated == 0 and report.data == ours.normalised()


# -- other tools' annotations --------------------------------------------------
def test_a_foreign_rating_by_label_without_an_assessment_of_its_own() -> None:
    rating = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://example.org/anno/7",
        "type": "Annotation",
        "motivation": ["assessing"],
        "created": "2026-02-01T10:00:00Z",
        "body": [
            {"type": "TextualBody", "purpose": "classifying", "value": "Not Yet"},
            {"type": "TextualBody", "value": "Only in meetings."},
        ],
        "target": {"source": f"{URN}:ways-of-relating"},
    }
    report = import_w3c(shipped(), fresh(), [rating, {**rating, "id": "https://example.org/8"}])
    assert report.problems == [] and report.added == 2
    first = report.data.assessments[0]
    assert first.id.startswith("a-") and first.created == "2026-02-01T10:00:00Z"
    assert first.ratings == [
        Rating(dimension="ways-of-relating", level="not-yet", evidence="Only in meetings.")
    ]


def test_ratings_sharing_a_foreign_assessment_make_one() -> None:
    def rating(dimension: str, level: str) -> dict[str, Any]:
        return {
            "type": "Annotation",
            "motivation": "assessing",
            "dcterms:isPartOf": {"id": "https://example.org/survey/3"},
            "body": {"type": "TextualBody", "purpose": "classifying", "value": level},
            "target": f"{URN}:{dimension}",
            "modified": "2026-02-01T10:00:00Z",
        }

    report = import_w3c(
        shipped(), fresh(), [rating("ways-of-doing", "often"), rating("ways-of-being", "sometimes")]
    )
    [made] = report.data.assessments
    assert [(r.dimension, r.level) for r in made.ratings] == [
        ("ways-of-being", "sometimes"),
        ("ways-of-doing", "often"),
    ]
    assert report.added == 1


def test_a_foreign_challenge_with_only_a_position() -> None:
    challenge = {
        "type": "Annotation",
        "id": "https://example.org/c/1",
        "created": "2026-02-01T10:00:00Z",
        "body": [
            {"type": "TextualBody", "purpose": "describing", "value": "  Two\nteams "},
            {
                "type": "TextualBody",
                "purpose": "classifying",
                "format": "application/json",
                "value": '{"certainty": 1, "agreement": 0}',
            },
        ],
        "target": f"{URN}:stacey-model",
    }
    report = import_w3c(shipped(), fresh(), challenge)
    assert report.problems == []
    [made] = report.data.challenges
    assert made.title == "Two teams" and made.id.startswith("c-")
    assert made.moves == [Move(at="2026-02-01T10:00:00Z", certainty=1.0, agreement=0.0)]


# -- hostile input ------------------------------------------------------------
def _with_position(value: str) -> dict[str, Any]:
    challenge = items(export_w3c(shipped(), records_only(known_records())))[-1]
    hostile = copy.deepcopy(challenge)
    hostile["id"] = f"{URN}:annotation:c-hostile"
    for body in hostile["body"]:
        if body.get("format") == "application/json":
            body["value"] = value
    return hostile


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("not json", "its position is not JSON: Expecting value at character 1"),
        ("[1, 2]", "its position must be a JSON object, found a list"),
        ('{"moves": 3}', "its moves must be a list, found a number"),
        ('{"moves": [7]}', "a move must be an object, found a number"),
        (
            '{"moves": [{"at": "2026-01-01T00:00:00Z", "certainty": 1.5, "agreement": 0}]}',
            "its position is off the map: certainty must be from 0 to 1, found 1.5",
        ),
        (
            '{"moves": [{"at": "2026-01-01T00:00:00Z", "certainty": NaN, "agreement": 0}]}',
            "its position is off the map: certainty must be from 0 to 1, found nan",
        ),
        (
            '{"moves": [{"at": "2026-01-01T00:00:00Z", "certainty": true, "agreement": 0}]}',
            "its position needs a number for certainty, found true or false",
        ),
        (
            '{"moves": [{"at": "soon", "certainty": 0, "agreement": 0}]}',
            "at is not a date and time: 'soon'",
        ),
        ('{"certainty": 0.5}', "its position needs a number for agreement, found nothing"),
        ("[" * 100_000 + "]" * 100_000, "its position is not JSON: nested too deeply"),
    ],
)
def test_a_broken_position_is_refused_with_the_annotations_place(value: str, problem: str) -> None:
    bundle = shipped()
    good = items(export_w3c(bundle, known_records()))
    report = import_w3c(bundle, fresh(), [*good[:2], _with_position(value), *good[2:]])
    assert report.problems == [f"annotation 3 ({URN}:annotation:c-hostile): {problem}"]
    assert report.added == 18
    assert "c-hostile" not in {c.id for c in report.data.challenges}


def test_unreadable_ratings_and_challenges_are_refused_one_by_one() -> None:
    bundle = shipped()
    rating = items(export_w3c(bundle, records_only(known_records())))[0]
    no_level = copy.deepcopy(rating)
    no_level["body"] = [{"type": "TextualBody", "purpose": "tagging", "value": "t"}]
    bad_level = copy.deepcopy(rating)
    bad_level["body"][0]["value"] = "Quite A Lot!"
    twice = copy.deepcopy(rating)
    twice["id"] += "-again"
    bad_part = {**copy.deepcopy(rating), "dcterms:isPartOf": 5}
    untitled = _with_position('{"moves": []}')
    untitled["body"] = [b for b in untitled["body"] if b.get("purpose") != "describing"]
    two_positions = _with_position('{"moves": []}')
    two_positions["body"] += [b for b in two_positions["body"] if b.get("purpose") == "classifying"]
    long_word = copy.deepcopy(rating)
    long_word["body"][1]["value"] = "x" * (NOTES_LIMIT + 1)
    report = import_w3c(
        bundle,
        fresh(),
        [rating, no_level, bad_level, twice, bad_part, untitled, two_positions, long_word],
    )
    assert [p.split(": ", 1)[1] for p in report.problems] == [
        "it rates nothing: no level (a classifying body) and no evidence",
        "its level 'Quite A Lot!' is not on this bundle's scale "
        "(not-yet, sometimes, often, consistently)",
        "a second rating of 'ways-of-feeling' in one assessment; the first was imported",
        "dcterms:isPartOf must name its assessment, found a number",
        "a challenge needs a title (a describing text body)",
        "a challenge has one position, found 2",
        f"the text has {NOTES_LIMIT + 1:,} characters without a space or line break (from "
        f"character 1); at most {NOTES_LIMIT:,} are allowed, as longer text cannot be wrapped "
        "and would freeze the window",
    ]
    assert [p.split(" (", 1)[0] for p in report.problems] == [
        f"annotation {n}" for n in range(2, 9)
    ]
    assert report.added == 1 and len(report.data.assessments[0].ratings) == 1


def test_a_move_at_a_time_no_clock_can_show_is_left_out_with_a_warning() -> None:
    value = json.dumps(
        {
            "moves": [
                {"at": "0001-01-01T00:00:00+14:00", "certainty": 0.1, "agreement": 0.1},
                {"at": "2026-01-01T00:00:00Z", "certainty": 0.2, "agreement": 0.2},
            ]
        }
    )
    report = import_w3c(shipped(), fresh(), _with_position(value))
    assert report.problems == []
    assert any("outside the dates Companion can show" in w for w in report.warnings)
    [made] = report.data.challenges
    assert [(m.certainty, m.agreement) for m in made.moves] == [(0.2, 0.2)]
