"""What a notes file may hold that the app cannot use as it is, found as the file is read.

- Two records with one id (a file edited by hand, or joined by a sync tool): the
  model keys records by id, so one would silently replace the other and vanish at
  the next save. Both are kept; the later one is given a new id, the same one each
  time the file is read (so a read-only window and the writer agree on it).
- A date no clock can show (``0001-01-01T00:00:00+14:00``, the last day of year
  9999): kept as written; the app shows the record without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from companion.notes.model import NotesFile, moment

#: Where a record (or one of its fields) is in the file: its line, 0 if unknown.
LineOf = Callable[[tuple[str | int, ...]], int]

_DATES: dict[str, tuple[str, ...]] = {
    "bookmarks": ("created",),
    "notes": ("created", "modified", "deleted"),
    "highlights": ("created", "modified"),
    "trash": ("created", "modified", "deleted"),
    "assessments": ("created", "modified", "deleted"),
    "challenges": ("created", "modified", "deleted"),
}
#: Sections whose records have ids, in the order ids are claimed: a live note keeps its id.
_WITH_IDS = ("notes", "trash", "highlights", "assessments", "challenges")
_KIND = {
    "notes": "note",
    "trash": "note in the trash",
    "highlights": "highlight",
    "assessments": "self-assessment",
    "challenges": "challenge",
}
_ID_PREFIX = {"highlights": "h", "assessments": "a", "challenges": "c"}


def showable(stamp: str) -> bool:
    """A stamp the app can show as a local date and time (30,000 are checked in ~10 ms)."""
    return moment(stamp) is not None


@dataclass(frozen=True)
class Finding:
    #: "id": a record was given an id of its own; "date": a date that cannot be shown.
    kind: Literal["id", "date"]
    message: str
    line: int


@dataclass(frozen=True)
class Review:
    data: NotesFile
    findings: tuple[Finding, ...] = ()
    #: Records were given new ids: what the app holds differs from the file.
    repaired: bool = False


def review(data: NotesFile, line_of: LineOf) -> Review:
    """``data`` with every record id unique, and what was found."""
    findings: list[Finding] = []
    fixed = _unique_ids(data, line_of, findings)
    findings += _bad_dates(data, line_of)  # records named as the file names them
    return Review(fixed, tuple(findings), fixed is not data)


def _name(section: str, record: Any) -> str:
    if section == "bookmarks":
        return f"the bookmark on '{record.item}'"
    return f"{_KIND[section]} '{record.id}'"


def _new_id(old: str, section: str, index: int, taken: set[str]) -> str:
    """The same new id every time this file is read (a hash of where the record is)."""
    prefix = _ID_PREFIX.get(section, "n")
    seed = f"{old}|{section}|{index}"
    while True:
        candidate = f"{prefix}-{hashlib.sha1(seed.encode('utf-8')).hexdigest()[:12]}"
        if candidate not in taken:
            return candidate
        seed += "+"


def _unique_ids(data: NotesFile, line_of: LineOf, findings: list[Finding]) -> NotesFile:
    first: dict[str, int] = {}
    taken = {r.id for section in _WITH_IDS for r in getattr(data, section)}
    changed: dict[str, list[Any]] = {}
    for section in _WITH_IDS:
        records = list(getattr(data, section))
        for index, record in enumerate(records):
            line = line_of((section, index))
            if record.id not in first:
                first[record.id] = line
                continue
            new = _new_id(record.id, section, index, taken)
            taken.add(new)
            records[index] = msgspec.structs.replace(record, id=new)
            changed[section] = records
            where = f"line {first[record.id]}" if first[record.id] else "another record"
            findings.append(
                Finding(
                    "id",
                    f"two records have the id '{record.id}' (this one and {where}); both are kept: "
                    f"this {_KIND[section]} now has the id '{new}'",
                    line,
                )
            )
    return msgspec.structs.replace(data, **changed) if changed else data


def _stamps(data: NotesFile) -> Iterator[tuple[str, Any, str, str | None, tuple[str | int, ...]]]:
    """Every stamp in the file: section, record, what it dates, the stamp, where it is."""
    for section, fields in _DATES.items():
        for index, record in enumerate(getattr(data, section)):
            for field in fields:
                yield section, record, field, getattr(record, field), (section, index, field)
    for index, challenge in enumerate(data.challenges):
        for step, move in enumerate(challenge.moves):
            where = ("challenges", index, "moves", step, "at")
            yield "challenges", challenge, f"move {step + 1}", move.at, where


def _bad_dates(data: NotesFile, line_of: LineOf) -> Iterator[Finding]:
    for section, record, field, stamp, where in _stamps(data):
        if stamp is not None and not showable(stamp):
            yield Finding(
                "date",
                f"{_name(section, record)}: {field} {stamp!r} is not a date Companion "
                "can show; it is kept as written and shown without it",
                line_of(where),
            )
