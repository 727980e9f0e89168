"""Records a notes file may hold that the app cannot use as they are, found as it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.notes.fileformat import parse
from companion.notes.model import moment
from companion.notes.review import showable

STAMP = "'2024-01-01T00:00:00.000Z'"

TWICE = f"""schema_version: 2
bundle: tp
notes:
- id: n-1
  item: a
  body: from the laptop
  created: {STAMP}
  modified: {STAMP}
- id: n-1
  item: b
  body: from the phone
  created: {STAMP}
  modified: {STAMP}
highlights:
- id: h-1
  item: a
  exact: word
  start: 0
  end: 4
  created: {STAMP}
  modified: {STAMP}
- id: h-1
  item: a
  exact: other
  start: 5
  end: 10
  created: {STAMP}
  modified: {STAMP}
trash:
- id: n-1
  item: c
  body: in the trash
  created: {STAMP}
  modified: {STAMP}
  deleted: {STAMP}
""".encode()


def test_records_sharing_an_id_are_all_kept_each_with_its_own() -> None:
    path = Path("tp.notes.yaml")
    parsed = parse(TWICE, path)
    data = parsed.data
    ids = [n.id for n in [*data.notes, *data.trash]] + [h.id for h in data.highlights]
    assert len(set(ids)) == len(ids) == 5
    assert [n.body for n in data.notes] == ["from the laptop", "from the phone"]
    assert data.notes[0].id == "n-1"  # the first keeps its id; a live note before the trash
    assert parsed.repaired
    # Each is reported where it is, FILE:LINE, with the line of the first.
    assert [(str(f.file), f.line) for f in parsed.findings] == [
        ("tp.notes.yaml", 9),
        ("tp.notes.yaml", 30),
        ("tp.notes.yaml", 22),
    ]
    assert "two records have the id 'n-1' (this one and line 4); both are kept" in str(
        parsed.findings[0]
    )
    # The same new ids every time the file is read: a read-only window agrees with the writer.
    assert parse(TWICE, path).data == data


def test_a_file_without_duplicates_is_left_as_it_is() -> None:
    once = TWICE.split(b"- id: n-1\n  item: b")[0] + b"trash: []\n"
    parsed = parse(once, Path("tp.notes.yaml"))
    assert not parsed.repaired and parsed.findings == ()


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2024-01-01T00:00:00.000Z", True),
        ("2024-01-01T00:00:00+02:00", True),
        ("2024-01-01", True),
        ("0001-01-01T00:00:00+14:00", False),  # before year 1 in UTC
        ("0001-01-01T00:00:00Z", False),  # west of UTC it is year 0
        ("9999-12-31T23:59:59-14:00", False),
        ("9999-12-31T23:59:59Z", False),
        ("yesterday", False),
        ("", False),
    ],
)
def test_which_dates_can_be_shown(stamp: str, shown: bool) -> None:
    assert showable(stamp) is shown
    assert (moment(stamp) is not None) is shown


def test_dates_that_cannot_be_shown_are_reported_and_kept_as_written() -> None:
    raw = TWICE.replace(
        b"body: from the phone\n  created: '2024-01-01T00:00:00.000Z'",
        b"body: from the phone\n  created: '0001-01-01T00:00:00+14:00'",
    )
    parsed = parse(raw, Path("tp.notes.yaml"))
    [bad] = [f for f in parsed.findings if "date" in f.message]
    assert bad.line == 12
    assert bad.message == (
        "note 'n-1': created '0001-01-01T00:00:00+14:00' is not a date Companion can show; "
        "it is kept as written and shown without it"
    )
    assert parsed.data.notes[1].created == "0001-01-01T00:00:00+14:00"


def test_a_stamp_shaped_like_ours_but_impossible_is_reported() -> None:
    assert not showable("2024-13-45T99:99:99Z")
