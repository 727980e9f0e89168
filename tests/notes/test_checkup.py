"""What ``companion check`` counts of self-assessments and challenges."""

from __future__ import annotations

import msgspec

from companion.notes.checkup import record_lines
from companion.notes.model import empty_file
from companion.notes.records import Challenge, Move

from .known_notes import shipped
from .known_records import known_records


def test_the_counts_of_the_known_records() -> None:
    assert record_lines(shipped(), known_records()) == [
        "2 self-assessments (the latest of 2026-04-10), 1 in the trash",
        "3 challenges: 1 Technical-rational, 1 Zone of complexity, 1 not placed yet; "
        "1 in the trash",
        "self-assessments rate 'retired-dimension', which the bundle does not have "
        "(kept; shown again if it returns)",
    ]


def test_no_records_yet() -> None:
    assert record_lines(shipped(), empty_file("touchpoint-7")) == [
        "0 self-assessments",
        "0 challenges",
    ]


def test_challenges_are_counted_by_region_in_the_bundles_order() -> None:
    def at(cid: str, certainty: float, agreement: float) -> Challenge:
        move = Move(at="2026-01-01T00:00:00Z", certainty=certainty, agreement=agreement)
        return Challenge(id=cid, title=cid, moves=[move], created="x", modified="x")

    challenges = [at("c1", 1, 1), at("c2", 0.5, 0.5), at("c3", 1, 1), at("c4", 0, 1)]
    data = msgspec.structs.replace(empty_file("touchpoint-7"), challenges=challenges)
    assert record_lines(shipped(), data)[1] == (
        "4 challenges: 1 Political, 1 Zone of complexity, 2 Chaos / anarchy"
    )
    stacey = shipped().stacey
    assert stacey is not None
    one_region = msgspec.structs.replace(
        shipped(), stacey=msgspec.structs.replace(stacey, regions=stacey.regions[3:4])
    )
    assert record_lines(one_region, data)[1] == (
        "4 challenges: 1 Zone of complexity, 3 outside the bundle's regions"
    )
    no_model = msgspec.structs.replace(shipped(), stacey=None)
    assert record_lines(no_model, data)[1] == "4 challenges: 4 outside the bundle's regions"
