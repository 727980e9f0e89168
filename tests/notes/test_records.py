"""What can be read off assessments and challenges, whatever their dates say."""

from __future__ import annotations

from companion.notes.records import (
    Assessment,
    Move,
    Rating,
    by_date,
    clean_ratings,
    clean_title,
    merged_moves,
    rating_of,
)


def move(at: str, c: float = 0.5, a: float = 0.5) -> Move:
    return Move(at=at, certainty=c, agreement=a)


def test_the_union_of_two_histories_is_ordered_by_time_and_has_each_move_once() -> None:
    ours = [move("2026-01-01T00:00:00Z", 0.1), move("2026-03-01T00:00:00Z", 0.3)]
    theirs = [
        move("2026-01-01T00:00:00Z", 0.1),
        move("2026-02-01T01:00:00+01:00", 0.2),  # 00:00 UTC, written elsewhere
        move("2026-04-01T00:00:00Z", 0.4),
    ]
    assert [m.certainty for m in merged_moves(ours, theirs)] == [0.1, 0.2, 0.3, 0.4]
    assert merged_moves(theirs, ours) == merged_moves(ours, theirs)


def test_moves_in_one_instant_keep_the_order_they_were_made() -> None:
    same = "2026-01-01T00:00:00.000Z"
    ours = [move(same, 0.9), move(same, 0.1)]
    assert merged_moves(ours, []) == ours


def test_a_move_whose_date_no_clock_can_show_comes_first() -> None:
    odd = move("0001-01-01T00:00:00+14:00", 0.0)
    assert merged_moves([move("2026-01-01T00:00:00Z", 1.0), odd])[0] == odd


def test_assessments_by_date_whatever_the_zone_or_a_broken_date() -> None:
    def made(i: str, created: str) -> Assessment:
        return Assessment(id=i, created=created, modified=created)

    found = by_date(
        [
            made("a-3", "2026-03-01T10:00:00+02:00"),  # 08:00 UTC
            made("a-2", "2026-03-01T09:00:00Z"),
            made("a-1", "not a date"),
            made("a-0", "2026-02-01"),
        ]
    )
    assert [a.id for a in found] == ["a-1", "a-0", "a-3", "a-2"]


def test_clean_ratings_keeps_one_per_dimension_with_something_said_by_id() -> None:
    ratings = [
        Rating(dimension="a", level="often"),
        Rating(dimension="b", evidence="   "),
        Rating(dimension="c", evidence="Did it."),
        Rating(dimension="a", level="sometimes"),
    ]
    assert clean_ratings(ratings) == [
        Rating(dimension="a", level="sometimes"),
        Rating(dimension="c", evidence="Did it."),
    ]


def test_a_hand_edited_second_rating_of_a_dimension_is_not_the_one_shown() -> None:
    twice = Assessment(
        id="a",
        ratings=[Rating(dimension="d", level="often"), Rating(dimension="d", level="not-yet")],
        created="x",
        modified="x",
    )
    assert getattr(rating_of(twice, "d"), "level", None) == "often"
    assert rating_of(twice, "e") is None


def test_a_title_is_one_line() -> None:
    assert clean_title("  two\r\nlines\tand  tabs ") == "two lines and tabs"
