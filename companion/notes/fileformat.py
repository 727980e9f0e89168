"""The notes file on disk: YAML written in a stable order, read with exact error positions.

Older files are migrated (``MIGRATIONS``); newer ones are refused so that a
newer Companion's data is never rewritten by an older one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from companion.notes.model import NOTES_SCHEMA_VERSION, NotesFile, new_id
from companion.notes.review import review
from companion.unbroken import NOTES_LIMIT, long_runs
from companion.yamlio import Document, YamlError, YamlProblem, dump, load_document

HEADER = (
    "# Companion notes: a learner's bookmarks, notes, highlights, self-assessments and\n"
    "# challenges on bundle '{bundle}'.\n"
    "# Written by Companion; the previous version is kept as {name}.bak.\n"
    "# Items are named by their ids in the bundle, so this file survives text corrections.\n"
)


class NotesProblem(Exception):
    """The file cannot be used as it is; ``line`` counts from 1 (0: the whole file)."""

    def __init__(self, file: Path, message: str, line: int = 0) -> None:
        self.file, self.message, self.line = file, message, line
        super().__init__(str(self))

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


class NotesCorrupt(NotesProblem):
    """Unreadable or not a notes file (broken YAML, wrong types, empty)."""


class NotesTooNew(NotesProblem):
    """Written by a newer Companion: open read-only, never rewrite it."""


class SharedId(NotesProblem):
    """Not a reason to refuse the file: a record had another's id and was given its own."""


class UnshowableDate(NotesProblem):
    """Not a reason to refuse the file: a date no clock can show (kept as written)."""


def _one_line(text: str) -> str:
    """Text safe inside a YAML comment: no line breaks or control characters (escaped)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def serialize(data: NotesFile, file_name: str = "notes.yaml") -> bytes:
    """The file's bytes; the same records always give the same bytes."""
    plain = msgspec.to_builtins(data.normalised())
    header = HEADER.format(bundle=_one_line(data.bundle), name=_one_line(file_name))
    return (header + dump(plain)).encode("utf-8")


Migration = Callable[[dict[str, Any], Path], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


def migrator(from_version: int) -> Callable[[Migration], Migration]:
    """Register a step from ``from_version`` to the next version."""

    def register(step: Migration) -> Migration:
        MIGRATIONS[from_version] = step
        return step

    return register


@migrator(0)
def _from_handwritten(data: dict[str, Any], file: Path) -> dict[str, Any]:
    """Version 0: a file without ``schema_version`` (written by hand, or by a pre-release).

    Notes may lack ids and times; they get new ids and the file's modification time.
    """
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(file.stat().st_mtime, UTC).isoformat(timespec="milliseconds")
    stamp = stamp.replace("+00:00", "Z")
    for section in ("notes", "trash"):
        for note in data.get(section) or []:
            if isinstance(note, dict):
                note.setdefault("id", new_id())
                note.setdefault("created", stamp)
                note.setdefault("modified", note["created"])
    for bookmark in data.get("bookmarks") or []:
        if isinstance(bookmark, dict):
            bookmark.setdefault("created", stamp)
    data["schema_version"] = 1
    return data


@migrator(1)
def _add_highlights(data: dict[str, Any], file: Path) -> dict[str, Any]:
    """Version 2 added highlights; a version-1 file simply has none."""
    data["schema_version"] = 2
    return data


@migrator(2)
def _add_assessments_and_challenges(data: dict[str, Any], file: Path) -> dict[str, Any]:
    """Version 3 added self-assessments and challenges; a version-2 file has none."""
    data["schema_version"] = 3
    return data


_AT_PATH = re.compile(r" - at `\$(.*)`$")
_UNKNOWN = re.compile(r"Object contains unknown field `([^`]*)`")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _doc_path(message: str) -> tuple[str | int, ...]:
    found = _AT_PATH.search(message)
    if not found:
        return ()
    return tuple(name if name else int(index) for name, index in _PART.findall(found.group(1)))


@dataclass(frozen=True)
class Parsed:
    data: NotesFile
    #: The version the file was written in, when it was older and has been migrated.
    migrated_from: int | None = None
    #: What the file holds that the app works around (see ``review``), each with its line.
    findings: tuple[NotesProblem, ...] = ()
    #: ``data`` differs from the file (duplicate ids were given new ones): save it.
    repaired: bool = False


def _corrupt(file: Path, problem: YamlProblem) -> NotesCorrupt:
    return NotesCorrupt(file, problem.message, problem.mark.line if problem.mark else 0)


def _read_yaml(raw: bytes, file: Path) -> Document:
    try:
        doc = load_document(raw)
    except YamlError as exc:
        problem = exc.problems[0]
        raise NotesCorrupt(
            file, problem.message, problem.mark.line if problem.mark else 0
        ) from None
    if doc.problems:
        problem = doc.problems[0]
        raise NotesCorrupt(file, problem.message, problem.mark.line if problem.mark else 0)
    return doc


def parse(raw: bytes, file: Path) -> Parsed:
    """Read a notes file. Raises NotesCorrupt or NotesTooNew, never anything else."""
    doc = _read_yaml(raw, file)
    if doc.data is None:
        raise NotesCorrupt(file, "the file is empty (expected schema_version, bundle and records)")
    if not isinstance(doc.data, dict):
        raise NotesCorrupt(file, "expected a mapping with schema_version and bundle", 1)
    data: dict[str, Any] = doc.data
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        line = doc.mark_for(("schema_version",))
        raise NotesCorrupt(
            file,
            f"schema_version must be a whole number, found {version!r}",
            line.line if line else 0,
        )
    if version > NOTES_SCHEMA_VERSION:
        raise NotesTooNew(
            file,
            f"written by a newer Companion (notes format {version}; this one knows "
            f"{NOTES_SCHEMA_VERSION}): opened read-only, update Companion to edit",
        )
    run = next(long_runs(data, NOTES_LIMIT), None)
    if run is not None:  # the window would freeze laying it out
        mark = doc.mark_for(run.path)
        raise NotesCorrupt(file, run.describe(NOTES_LIMIT), mark.line if mark else 0)
    original = version
    while version < NOTES_SCHEMA_VERSION:
        data = MIGRATIONS[version](data, file)
        version = data["schema_version"]
    try:
        notes = msgspec.convert(data, NotesFile)
    except msgspec.ValidationError as exc:
        message = str(exc)
        path = _doc_path(message)
        unknown = _UNKNOWN.match(message)
        if unknown:
            path = (*path, unknown.group(1))
        mark = doc.mark_for(path, key=unknown is not None)
        raise NotesCorrupt(file, message.split(" - at ")[0], mark.line if mark else 0) from None

    def line_of(path: tuple[str | int, ...]) -> int:
        mark = doc.mark_for(path)
        return mark.line if mark else 0

    found = review(notes, line_of)
    return Parsed(
        found.data,
        original if original != NOTES_SCHEMA_VERSION else None,
        tuple(
            (SharedId if f.kind == "id" else UnshowableDate)(file, f.message, f.line)
            for f in found.findings
        ),
        found.repaired,
    )
