"""Self-assessments and challenges into Companion from W3C annotations (as ``export_records``).

- An annotation with motivation ``assessing`` is one rating: the dimension is its
  target, the level its ``classifying`` text body (a key of the bundle's scale, or
  one of its labels), the evidence its ``commenting`` (or other) text bodies, the
  tags its ``tagging`` bodies. Ratings sharing ``dcterms:isPartOf`` make one
  assessment; one without it is an assessment of its own.
- An annotation with a ``classifying`` body in ``application/json`` is a challenge:
  its title the ``describing`` text body, its note the ``commenting`` ones, where it
  is and has been the JSON (``moves``; or only ``certainty`` and ``agreement``, taken
  as one move made when the annotation was).

Ids: Companion's own (``urn:companion:<bundle>:assessment:<id>``,
``...:annotation:<id>``) are kept; any other gets ``a-``/``c-`` and a digest of it,
so importing again never duplicates. A record replaces the one with its id only when
its ``modified`` is later (one in the trash: later than its deletion).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

from companion.bundle.model import Bundle
from companion.bundle.scale import scale_of
from companion.bundle.stacey_map import OffTheMap, check_position
from companion.notes.export_records import PART_OF, POSITION_FORMAT
from companion.notes.model import NotesFile
from companion.notes.records import (
    Assessment,
    Challenge,
    Move,
    Rating,
    clean_ratings,
    clean_tags,
    clean_title,
)
from companion.notes.w3c_common import (
    SLUG,
    Unreadable,
    as_list,
    first_target,
    item_of,
    kind_in_words,
    record_id,
    text_at,
    time_at,
    when,
)

_ASSESSMENT_URN = re.compile(r"^urn:companion:[^:\s]+:assessment:([A-Za-z0-9_.-]+)$")
_PART_OF_KEYS = (PART_OF, "http://purl.org/dc/terms/isPartOf", "partOf")
Outcome = Literal["added", "updated", "unchanged"]


def _purposes(body: dict[str, Any]) -> set[str]:
    return {p for p in as_list(body.get("purpose", [])) if isinstance(p, str)}


def _motivations(annotation: dict[str, Any]) -> set[str]:
    return {m for m in as_list(annotation.get("motivation", [])) if isinstance(m, str)}


def is_rating(annotation: dict[str, Any]) -> bool:
    return "assessing" in _motivations(annotation)


def is_challenge(annotation: dict[str, Any]) -> bool:
    return any(
        isinstance(body, dict)
        and body.get("format") == POSITION_FORMAT
        and "classifying" in _purposes(body)
        for body in as_list(annotation.get("body", []))
    )


@dataclass
class _Bodies:
    """An annotation's text bodies by purpose."""

    classifying: list[dict[str, Any]] = field(default_factory=list)
    describing: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _bodies(annotation: dict[str, Any], warn: list[str]) -> _Bodies:
    found = _Bodies()
    value = text_at(annotation, "bodyValue")
    if value:
        found.texts.append(value)
    skipped = 0
    for body in as_list(annotation.get("body", [])):
        if not isinstance(body, dict) or "value" not in body:
            skipped += 1  # a link or a Choice: not text to keep
            continue
        text = text_at(body, "value") or ""
        purposes = _purposes(body)
        if "classifying" in purposes:
            found.classifying.append(body)
        elif "tagging" in purposes:
            found.tags.append(text)
        elif "describing" in purposes:
            found.describing.append(text)
        elif text:
            found.texts.append(text)
    if skipped:
        warn.append(f"{skipped} of its bodies are not text and were left out")
    return found


def _times(annotation: dict[str, Any], stamp: str, warn: list[str]) -> tuple[str, str, bool]:
    """Created and modified (either standing in for the other), and whether it said when."""
    created, modified = time_at(annotation, "created", warn), time_at(annotation, "modified", warn)
    has_modified = modified is not None
    created = created or modified or stamp
    return created, modified or created, has_modified


def _digest(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


# -- ratings ----------------------------------------------------------------
@dataclass
class RatingRead:
    assessment_id: str
    rating: Rating
    tags: list[str]
    created: str
    modified: str
    has_modified: bool
    target_bundle: str


def _assessment_id(annotation: dict[str, Any]) -> str:
    part_of = next((annotation[k] for k in _PART_OF_KEYS if k in annotation), None)
    if isinstance(part_of, dict):
        part_of = part_of.get("id", part_of.get("@id"))
    if part_of is None:
        return record_id(annotation, "a")  # an assessment of one rating
    if not isinstance(part_of, str) or not part_of:
        raise Unreadable(f"{PART_OF} must name its assessment, found {kind_in_words(part_of)}")
    own = _ASSESSMENT_URN.match(part_of)
    return own.group(1) if own else _digest("a", part_of)


def _level(bundle: Bundle, bodies: _Bodies, warn: list[str]) -> str:
    if not bodies.classifying:
        return ""
    if len(bodies.classifying) > 1:
        warn.append(f"it has {len(bodies.classifying)} levels; only the first was imported")
    value = (text_at(bodies.classifying[0], "value") or "").strip()
    scale = scale_of(bundle)
    for level in scale:
        if value == level.key or value.casefold() == level.label.casefold():
            return level.key
    if SLUG.match(value):
        warn.append(f"its level '{value}' is not on this bundle's scale; kept as it is")
        return value
    keys = ", ".join(level.key for level in scale)
    raise Unreadable(f"its level {value!r} is not on this bundle's scale ({keys})")


def read_rating(
    bundle: Bundle, annotation: dict[str, Any], stamp: str, warn: list[str]
) -> RatingRead:
    urn, _ = first_target(annotation, warn)
    target = item_of(urn)
    created, modified, has_modified = _times(annotation, stamp, warn)
    bodies = _bodies(annotation, warn)
    level = _level(bundle, bodies, warn)
    evidence = "\n\n".join([*bodies.describing, *bodies.texts])
    if not level and not evidence.strip():
        raise Unreadable("it rates nothing: no level (a classifying body) and no evidence")
    return RatingRead(
        _assessment_id(annotation),
        Rating(dimension=target.group(2), level=level, evidence=evidence),
        clean_tags(bodies.tags),
        created,
        modified,
        has_modified,
        target.group(1),
    )


# -- challenges -------------------------------------------------------------
def _number(node: dict[str, Any], key: str) -> float:
    value = node.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise Unreadable(f"its position needs a number for {key}, found {kind_in_words(value)}")
    return float(value)


def _moves(position: dict[str, Any], created: str, warn: list[str]) -> list[Move]:
    moves = position.get("moves", [])
    if not isinstance(moves, list):
        raise Unreadable(f"its moves must be a list, found {kind_in_words(moves)}")
    found: list[Move] = []
    try:
        for move in moves:
            if not isinstance(move, dict):
                raise Unreadable(f"a move must be an object, found {kind_in_words(move)}")
            at = time_at(move, "at", warn)
            certainty, agreement = _number(move, "certainty"), _number(move, "agreement")
            check_position(certainty, agreement)
            if at is not None:  # a time no clock can show: time_at warned, the move is left
                found.append(Move(at=at, certainty=certainty, agreement=agreement))
        if not moves and ("certainty" in position or "agreement" in position):
            certainty, agreement = _number(position, "certainty"), _number(position, "agreement")
            check_position(certainty, agreement)
            found.append(Move(at=created, certainty=certainty, agreement=agreement))
    except OffTheMap as exc:
        raise Unreadable(f"its position is off the map: {exc}") from None
    return found


def _position(bodies: _Bodies) -> dict[str, Any]:
    if len(bodies.classifying) != 1:
        raise Unreadable(f"a challenge has one position, found {len(bodies.classifying)}")
    text = text_at(bodies.classifying[0], "value") or ""
    try:
        position = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"character {exc.pos + 1}"
        raise Unreadable(f"its position is not JSON: {exc.msg} at {where}") from None
    except RecursionError:
        raise Unreadable("its position is not JSON: nested too deeply") from None
    if not isinstance(position, dict):
        raise Unreadable(f"its position must be a JSON object, found {kind_in_words(position)}")
    return position


def read_challenge(
    annotation: dict[str, Any], stamp: str, warn: list[str]
) -> tuple[Challenge, bool, str]:
    """The challenge, whether the annotation said when it was modified, its target's bundle."""
    urn, _ = first_target(annotation, warn)
    target = item_of(urn)
    created, modified, has_modified = _times(annotation, stamp, warn)
    bodies = _bodies(annotation, warn)
    title = clean_title(" ".join(bodies.describing))
    if not title:
        raise Unreadable("a challenge needs a title (a describing text body)")
    challenge = Challenge(
        id=record_id(annotation, "c"),
        title=title,
        note="\n\n".join(bodies.texts),
        tags=clean_tags(bodies.tags),
        moves=_moves(_position(bodies), created, warn),
        created=created,
        modified=modified,
    )
    return challenge, has_modified, target.group(1)


# -- merging ----------------------------------------------------------------
def _newer(record: Assessment | Challenge, old: Assessment | Challenge, has_modified: bool) -> bool:
    if not has_modified or record == old:
        return False
    since = old.deleted if old.deleted is not None else old.modified
    return when(record.modified) > when(since)


@dataclass
class _Pending:
    ratings: dict[str, Rating]
    tags: list[str]
    created: str
    modified: str
    has_modified: bool


class RecordsMerger:
    """Imported assessments and challenges merged into the ones there, by id."""

    def __init__(self, data: NotesFile) -> None:
        self.assessments = {a.id: a for a in data.assessments}
        self.challenges = {c.id: c for c in data.challenges}
        self._pending: dict[str, _Pending] = {}

    def add_rating(self, read: RatingRead) -> None:
        """Gather a rating into its assessment (merged once all are read: ``assessments_in``)."""
        pending = self._pending.get(read.assessment_id)
        if pending is None:
            self._pending[read.assessment_id] = _Pending(
                {read.rating.dimension: read.rating},
                read.tags,
                read.created,
                read.modified,
                read.has_modified,
            )
            return
        if read.rating.dimension in pending.ratings:
            raise Unreadable(
                f"a second rating of '{read.rating.dimension}' in one assessment; "
                "the first was imported"
            )
        pending.ratings[read.rating.dimension] = read.rating
        pending.tags = clean_tags([*pending.tags, *read.tags])
        pending.has_modified |= read.has_modified
        if when(read.modified) > when(pending.modified):
            pending.modified = read.modified

    def _take(self, records: dict[str, Any], record: Any, has_modified: bool) -> Outcome:
        old = records.get(record.id)
        if old is None:
            records[record.id] = record
            return "added"
        if _newer(record, old, has_modified):
            records[record.id] = record
            return "updated"
        return "unchanged"

    def take_challenge(self, challenge: Challenge, has_modified: bool) -> Outcome:
        return self._take(self.challenges, challenge, has_modified)

    def assessments_in(self) -> list[tuple[Assessment, Outcome]]:
        """Merge the assessments gathered; each with its outcome."""
        outcomes = []
        for assessment_id, pending in self._pending.items():
            assessment = Assessment(
                id=assessment_id,
                ratings=clean_ratings(pending.ratings.values()),
                tags=pending.tags,
                created=pending.created,
                modified=pending.modified,
            )
            outcome = self._take(self.assessments, assessment, pending.has_modified)
            outcomes.append((assessment, outcome))
        self._pending.clear()
        return outcomes

    def data(self, data: NotesFile) -> NotesFile:
        return msgspec.structs.replace(
            data,
            assessments=list(self.assessments.values()),
            challenges=list(self.challenges.values()),
        )
