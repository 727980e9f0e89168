"""Assessments and challenges in the notes file: format 3, migrated from 2, checked on reading."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from companion.notes.fileformat import (
    NotesCorrupt,
    SharedId,
    UnshowableDate,
    parse,
    serialize,
)
from companion.notes.model import NOTES_SCHEMA_VERSION, NotesFile, NotesModel
from companion.notes.records import Assessment, Challenge, Move, Rating
from companion.notes.store import NotesUnwritable, open_notes, save_notes
from companion.unbroken import NOTES_LIMIT

from .known_notes import known_notes

#: A notes file exactly as Companion wrote format 2 (the last before assessments and
#: challenges), from the known notes: never rewrite it.
GOLDEN_V2 = Path(__file__).parent / "golden" / "notes-v2.yaml"
FILE = Path("touchpoint-7.notes.yaml")
STAMP = "'2026-03-01T00:00:00.000Z'"


#: Where the golden file's highlights sat in their item's text when it was written, where
#: that text has changed since (the reading's editorial note then came before its text):
#: a file keeps the positions it was written with; showing the text places them again.
WRITTEN_AT = {"h-3d4e5f607182": (791, 914)}


def v2_records() -> NotesFile:
    """What the golden file holds."""
    known = known_notes()
    highlights = [
        msgspec.structs.replace(h, start=WRITTEN_AT[h.id][0], end=WRITTEN_AT[h.id][1])
        if h.id in WRITTEN_AT
        else h
        for h in known.highlights
    ]
    return msgspec.structs.replace(
        known, highlights=highlights, assessments=[], challenges=[]
    ).normalised()


def test_the_golden_file_is_format_2() -> None:
    raw = GOLDEN_V2.read_bytes()
    assert b"\nschema_version: 2\n" in raw
    assert b"assessments" not in raw and b"challenges" not in raw
    assert NOTES_SCHEMA_VERSION == 3


def test_a_format_2_file_opens_with_everything_and_no_assessments_or_challenges(
    tmp_path: Path,
) -> None:
    path = tmp_path / FILE.name
    raw = GOLDEN_V2.read_bytes()
    path.write_bytes(raw)
    opened = open_notes(path, "touchpoint-7")
    assert opened.problem is None and opened.read_only is None
    assert opened.migrated_from == 2
    assert opened.data.schema_version == 3
    assert opened.data == msgspec.structs.replace(v2_records(), schema_version=3)
    assert opened.data.assessments == [] and opened.data.challenges == []
    kept = path.with_name(f"{path.name}.v2.bak")
    assert kept.read_bytes() == raw
    assert f"Notes were updated from format 2; the original is {kept.name}" in opened.notices
    # Saved as format 3: the same records, read back without a migration.
    model = NotesModel(opened.data)
    model.add_assessment([Rating(dimension="ways-of-feeling", level="often")])
    save_notes(path, model.snapshot())
    again = open_notes(path, "touchpoint-7")
    assert again.migrated_from is None and again.data == model.snapshot().normalised()
    assert b"\nschema_version: 3\n" in path.read_bytes()
    assert kept.read_bytes() == raw


def test_the_format_2_records_are_written_as_before() -> None:
    """Only the header and the version differ: a diff of the migrated file is small."""
    old = GOLDEN_V2.read_text(encoding="utf-8").splitlines()
    new = serialize(parse(GOLDEN_V2.read_bytes(), FILE).data, FILE.name).decode().splitlines()
    assert old[3:] == [line.replace("schema_version: 3", "schema_version: 2") for line in new[4:]]


def test_assessments_and_challenges_are_written_readably() -> None:
    data = msgspec.structs.replace(
        v2_records(),
        schema_version=3,
        assessments=[
            Assessment(
                id="a-1",
                ratings=[
                    Rating(
                        dimension="ways-of-feeling",
                        level="often",
                        evidence="Said no.\n\nTwice.",
                    )
                ],
                created="2026-03-01T00:00:00.000Z",
                modified="2026-03-01T00:00:00.000Z",
            )
        ],
        challenges=[
            Challenge(
                id="c-1",
                title="Rota",
                moves=[Move(at="2026-03-01T00:00:00.000Z", certainty=0.25, agreement=1.0)],
                created="2026-03-01T00:00:00.000Z",
                modified="2026-03-01T00:00:00.000Z",
            )
        ],
    )
    text = serialize(data, FILE.name).decode()
    assert (
        "assessments:\n- id: a-1\n  ratings:\n  - dimension: ways-of-feeling\n    level: often\n"
        "    evidence: |-\n      Said no.\n\n      Twice.\n"
    ) in text
    assert (
        "challenges:\n- id: c-1\n  title: Rota\n  moves:\n  - at: '2026-03-01T00:00:00.000Z'\n"
        "    certainty: 0.25\n    agreement: 1.0\n"
    ) in text
    assert parse(text.encode(), FILE).data == data.normalised()


def _file(records: str) -> bytes:
    return f"schema_version: 3\nbundle: tp\n{records}".encode()


CHALLENGE = f"""challenges:
- id: c-1
  title: Rota
  moves:
  - at: {STAMP}
    certainty: 0.5
    agreement: AGREEMENT
  created: {STAMP}
  modified: {STAMP}
"""


@pytest.mark.parametrize(
    ("agreement", "message"),
    [
        ("1.5", "Expected `float` <= 1.0"),
        ("-0.5", "Expected `float` >= 0.0"),
        (".nan", "Expected `float` >= 0.0"),
        (".inf", "Expected `float` <= 1.0"),
        ("'0.5'", "Expected `float`, got `str`"),
        ("yes", "Expected `float`, got `bool`"),
    ],
)
def test_a_position_off_the_map_is_refused_with_its_line(agreement: str, message: str) -> None:
    with pytest.raises(NotesCorrupt) as refused:
        parse(_file(CHALLENGE.replace("AGREEMENT", agreement)), FILE)
    assert refused.value.line == 9 and refused.value.message == message


def test_an_unknown_key_in_a_rating_is_refused_with_its_line() -> None:
    records = f"""assessments:
- id: a-1
  ratings:
  - dimension: ways-of-feeling
    levle: often
  created: {STAMP}
  modified: {STAMP}
"""
    with pytest.raises(NotesCorrupt) as refused:
        parse(_file(records), FILE)
    assert refused.value.line == 7
    assert refused.value.message == "Object contains unknown field `levle`"


def test_unbroken_evidence_is_refused_on_reading_and_never_written(tmp_path: Path) -> None:
    word = "x" * (NOTES_LIMIT + 1)
    records = f"""assessments:
- id: a-1
  ratings:
  - dimension: ways-of-feeling
    evidence: before {word}
  created: {STAMP}
  modified: {STAMP}
"""
    with pytest.raises(NotesCorrupt) as refused:
        parse(_file(records), FILE)
    assert refused.value.line == 7 and "without a space or line break" in refused.value.message
    model = NotesModel(parse(_file(""), FILE).data)
    model.add_challenge("Rota", note=f"before {word}")
    path = tmp_path / FILE.name
    with pytest.raises(NotesUnwritable, match="without a space or line break"):
        save_notes(path, model.snapshot())
    assert not path.exists()


def test_assessments_and_challenges_sharing_an_id_are_all_kept() -> None:
    records = f"""assessments:
- id: x-1
  created: {STAMP}
  modified: {STAMP}
- id: x-1
  created: {STAMP}
  modified: {STAMP}
challenges:
- id: x-1
  title: Rota
  created: {STAMP}
  modified: {STAMP}
"""
    parsed = parse(_file(records), FILE)
    ids = [*(a.id for a in parsed.data.assessments), *(c.id for c in parsed.data.challenges)]
    assert ids[0] == "x-1" and len(set(ids)) == 3
    assert ids[1].startswith("a-") and ids[2].startswith("c-")
    assert parsed.repaired
    shared = [f for f in parsed.findings if isinstance(f, SharedId)]
    assert [f.line for f in shared] == [7, 11]
    assert "this self-assessment now has the id" in shared[0].message
    assert "this challenge now has the id" in shared[1].message
    # The same new ids each time the file is read.
    again = parse(_file(records), FILE)
    assert [*(a.id for a in again.data.assessments), *(c.id for c in again.data.challenges)] == ids


def test_dates_no_clock_can_show_are_kept_and_reported_with_their_lines() -> None:
    early = "'0001-01-01T00:00:00+14:00'"
    records = f"""assessments:
- id: a-1
  created: {early}
  modified: {STAMP}
challenges:
- id: c-1
  title: Rota
  moves:
  - at: {STAMP}
    certainty: 0.5
    agreement: 0.5
  - at: '9999-12-31T23:59:59-14:00'
    certainty: 0.5
    agreement: 0.6
  created: {STAMP}
  modified: {STAMP}
"""
    parsed = parse(_file(records), FILE)
    found = [(f.line, f.message) for f in parsed.findings if isinstance(f, UnshowableDate)]
    assert found == [
        (
            5,
            "self-assessment 'a-1': created '0001-01-01T00:00:00+14:00' is not a date Companion "
            "can show; it is kept as written and shown without it",
        ),
        (
            14,
            "challenge 'c-1': move 2 '9999-12-31T23:59:59-14:00' is not a date Companion can "
            "show; it is kept as written and shown without it",
        ),
    ]
    assert parsed.data.challenges[0].moves[1].at == "9999-12-31T23:59:59-14:00"
