"""The profile: a table with dates as columns, JSON for scripts, and "then → now" in words."""

from __future__ import annotations

import json
from datetime import timedelta, timezone

import msgspec

from companion.bundle.model import ScaleLevel, SelfAssessment
from companion.notes.profile import (
    NO_ASSESSMENTS,
    date_labels,
    earlier_than,
    profile_json,
    profile_table,
    ratings_of,
    then_and_now,
)
from companion.notes.records import Assessment, Rating

from .known_notes import shipped


def assessment(aid: str, created: str, *ratings: tuple[str, str, str]) -> Assessment:
    return Assessment(
        id=aid,
        ratings=[Rating(dimension=d, level=level, evidence=e) for d, level, e in ratings],
        created=created,
        modified=created,
    )


MARCH = assessment(
    "a-march",
    "2026-03-02T09:15:00.000Z",
    ("ways-of-feeling", "sometimes", "Named my values at the team day."),
    ("ways-of-perceiving", "not-yet", ""),
    ("ways-of-being", "", "Kept calm; no level chosen yet."),
)
APRIL = assessment(
    "a-april",
    "2026-04-10T17:30:00.000Z",
    ("ways-of-feeling", "often", "Said no to a project."),
    ("ways-of-perceiving", "not-yet", ""),
    ("ways-of-thinking", "consistently", ""),
    ("retired-dimension", "often", "From an older bundle."),
    ("ways-of-being", "sometimes", ""),
)
APRIL_AGAIN = assessment(
    "a-april-2", "2026-04-10T20:05:00.000Z", ("ways-of-feeling", "consistently", "")
)


def test_the_table_has_dates_as_columns_and_dimensions_in_gosss_order() -> None:
    assert profile_table(shipped(), [APRIL, MARCH]) == (
        "Dimension                               2026-03-02  2026-04-10\n"
        "--------------------------------------  ----------  ------------\n"
        "Ways of feeling                         sometimes   often\n"
        "Ways of perceiving                      not yet     not yet\n"
        "Ways of thinking                        -           consistently\n"
        "Ways of relating                        -           -\n"
        "Ways of doing                           -           -\n"
        "Ways of being                           -           sometimes\n"
        "retired-dimension (not in this bundle)  -           often\n"
    )


def test_two_assessments_on_one_day_show_their_times() -> None:
    table = profile_table(shipped(), [MARCH, APRIL, APRIL_AGAIN])
    assert table.splitlines()[0] == (
        "Dimension                               2026-03-02  2026-04-10 17:30  2026-04-10 20:05"
    )
    assert table.splitlines()[2] == (
        "Ways of feeling                         sometimes   often             consistently"
    )


def test_dates_are_labelled_in_the_zone_asked_for() -> None:
    tokyo = timezone(timedelta(hours=9))
    assert date_labels([MARCH, APRIL], tokyo) == ["2026-03-02", "2026-04-11"]
    undated = msgspec.structs.replace(MARCH, id="a-x", created="0001-01-01T00:00:00+14:00")
    assert date_labels([undated, msgspec.structs.replace(undated, id="a-y")]) == [
        "undated (1)",
        "undated (2)",
    ]


def test_no_assessments_yet() -> None:
    assert profile_table(shipped(), []) == NO_ASSESSMENTS + "\n"
    assert profile_json(shipped(), [])["assessments"] == []


def test_the_bundles_own_scale_and_hostile_words_stay_on_one_line() -> None:
    scale = SelfAssessment(
        scale=[
            ScaleLevel(key="low", label="low\n\x1b[31mred"),
            ScaleLevel(key="high", label="high"),
        ]
    )
    bundle = msgspec.structs.replace(shipped(), self_assessment=scale)
    table = profile_table(bundle, [assessment("a", "2026-01-01", ("ways-of-being", "low", ""))])
    assert "Ways of being       low \\x1b[31mred\n" in table
    assert "\x1b" not in table and table.count("\n") == 8


def test_the_json_for_scripts() -> None:
    found = profile_json(shipped(), [APRIL, MARCH])
    assert found["bundle"] == "touchpoint-7"
    assert found["scale"] == [
        {"key": "not-yet", "label": "not yet", "rank": 1},
        {"key": "sometimes", "label": "sometimes", "rank": 2},
        {"key": "often", "label": "often", "rank": 3},
        {"key": "consistently", "label": "consistently", "rank": 4},
    ]
    assert [d["id"] for d in found["dimensions"]][-1] == "retired-dimension"
    assert found["dimensions"][0] == {
        "id": "ways-of-feeling",
        "name": "Ways of feeling",
        "in_bundle": True,
    }
    march = found["assessments"][0]
    assert (march["id"], march["date"], march["label"]) == (
        "a-march",
        "2026-03-02T09:15:00.000Z",
        "2026-03-02",
    )
    assert march["ratings"] == [
        {
            "dimension": "ways-of-feeling",
            "level": "sometimes",
            "label": "sometimes",
            "rank": 2,
            "evidence": "Named my values at the team day.",
        },
        {
            "dimension": "ways-of-perceiving",
            "level": "not-yet",
            "label": "not yet",
            "rank": 1,
            "evidence": "",
        },
        {
            "dimension": "ways-of-being",
            "level": "",
            "label": None,
            "rank": None,
            "evidence": "Kept calm; no level chosen yet.",
        },
    ]
    assert json.loads(json.dumps(found)) == found


def test_then_and_now_per_dimension_in_words() -> None:
    moved = then_and_now(shipped(), MARCH, APRIL)
    assert [m.text() for m in moved] == [
        "Ways of feeling: sometimes → often",
        "Ways of perceiving: not yet → not yet",
        "Ways of thinking: not rated → consistently",
        "Ways of relating: not rated → not rated",
        "Ways of doing: not rated → not rated",
        "Ways of being: not rated → sometimes",
        "retired-dimension (not in this bundle): not rated → often",
    ]
    assert [m.direction for m in moved] == [
        "up",
        "same",
        "new",
        "same",
        "same",
        "new",
        "new",
    ]
    back = then_and_now(shipped(), APRIL, MARCH)
    assert [m.direction for m in back][:3] == ["down", "same", "unrated"]
    first = then_and_now(shipped(), None, MARCH)
    assert first[0].text() == "Ways of feeling: no earlier assessment → sometimes"


def test_a_level_the_scale_lacks_has_no_direction() -> None:
    odd = assessment("a-odd", "2026-05-01", ("ways-of-feeling", "brilliant", ""))
    [feeling, *_] = then_and_now(shipped(), MARCH, odd)
    assert feeling.direction == "unknown"
    assert feeling.now.words == "brilliant (not on this bundle's scale)"
    assert feeling.now.rank is None


def test_rows_for_the_chart_have_ranks_in_order() -> None:
    rows = ratings_of(shipped(), APRIL)
    assert [(r.dimension, r.rank) for r in rows] == [
        ("ways-of-feeling", 3),
        ("ways-of-perceiving", 1),
        ("ways-of-thinking", 4),
        ("ways-of-relating", None),
        ("ways-of-doing", None),
        ("ways-of-being", 2),
        ("retired-dimension", 3),
    ]
    assert [r.in_bundle for r in rows][-2:] == [True, False]


def test_earlier_assessments_to_compare_with_newest_first() -> None:
    assert [a.id for a in earlier_than([MARCH, APRIL_AGAIN, APRIL], APRIL_AGAIN)] == [
        "a-april",
        "a-march",
    ]
    assert earlier_than([MARCH], MARCH) == []
