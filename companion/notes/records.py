"""The learner's self-assessments and challenges: the records and what can be read off them.

- An ``Assessment`` is dated (``created``) and kept: the next one is a new record.
  Its ratings name dimensions by id; a level is a key of the bundle's scale
  (``companion.bundle.scale``), "" when only evidence was written.
- A ``Challenge`` is an issue the learner placed on the Stacey matrix. Its ``moves``
  are where it has been, oldest first; the last is where it is (none: not placed
  yet). ``certainty`` and ``agreement`` run from 0 at the axis's origin end (close to
  certainty, close to agreement) to 1 at its far end, as the diagram draws them.

Both go to the trash like notes (``deleted`` set) and carry tags, so a merge can
mark a conflict copy or a record removed elsewhere as it does notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import msgspec

from companion.notes.stamps import time_order

#: The tag on a record that another program, or an older copy of the file, removed: the
#: merge put it in the trash (see ``merge``); restoring it takes the tag off.
REMOVED_TAG = "removed elsewhere"

#: Positions are kept to this many decimals (a ten-thousandth of an axis: below a pixel).
POSITION_DECIMALS = 4

Coordinate = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]


class _Record(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """As the notes' records: unknown keys are errors, defaults left out of the file."""


class Rating(_Record, kw_only=True, frozen=True):
    dimension: str
    #: A key of the bundle's scale; "" when the learner wrote evidence but chose no level.
    level: str = ""
    #: Markdown: what the learner did that shows it.
    evidence: str = ""


class Assessment(_Record, kw_only=True, frozen=True):
    id: str
    ratings: list[Rating] = []
    tags: list[str] = []
    #: When the learner took it: the assessment's date.
    created: str
    modified: str
    #: Set when it is in the trash.
    deleted: str | None = None


class Move(_Record, kw_only=True, frozen=True):
    at: str
    certainty: Coordinate
    agreement: Coordinate


class Challenge(_Record, kw_only=True, frozen=True):
    id: str
    title: str
    #: Markdown.
    note: str = ""
    tags: list[str] = []
    #: Where it has been, in the order it was moved; the last is where it is.
    moves: list[Move] = []
    created: str
    modified: str
    #: Set when it is in the trash.
    deleted: str | None = None


AnyRecord = Assessment | Challenge


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Trimmed, without empties or repeats, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = " ".join(tag.split())
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def clean_ratings(ratings: Iterable[Rating]) -> list[Rating]:
    """Ratings worth keeping: one per dimension (the last given), not empty, by dimension id.

    Kept in one order so the same ratings are the same record, whatever order they were
    given or imported in; they are shown in the bundle's order (``profile``).
    """
    kept: dict[str, Rating] = {}
    for rating in ratings:
        kept.pop(rating.dimension, None)
        if rating.level or rating.evidence.strip():
            kept[rating.dimension] = rating
    return sorted_ratings(kept.values())


def sorted_ratings(ratings: Iterable[Rating]) -> list[Rating]:
    """By dimension id (a hand edit's second rating of one dimension stays second)."""
    return sorted(ratings, key=lambda r: r.dimension)


def normalised_assessment(assessment: Assessment) -> Assessment:
    ratings = sorted_ratings(assessment.ratings)
    if ratings == assessment.ratings:
        return assessment
    return msgspec.structs.replace(assessment, ratings=ratings)


def rating_of(assessment: Assessment, dimension: str) -> Rating | None:
    """The assessment's rating of ``dimension`` (the first, if a hand edit gave two)."""
    return next((r for r in assessment.ratings if r.dimension == dimension), None)


def clean_title(title: str) -> str:
    """A title is one line: runs of white space (line breaks too) become one space."""
    return " ".join(title.split())


def round_position(value: float) -> float:
    return round(float(value), POSITION_DECIMALS)


def position_of(challenge: Challenge) -> Move | None:
    """Where the challenge is now; None when it has not been placed yet."""
    return challenge.moves[-1] if challenge.moves else None


def merged_moves(*histories: Iterable[Move]) -> list[Move]:
    """Every move of every history once, ordered by the time each was made."""
    unique = {(m.at, m.certainty, m.agreement): m for history in histories for m in history}
    # Stable: two moves in one millisecond keep the order the first history gave them.
    return sorted(unique.values(), key=lambda m: time_order(m.at))


def by_date(assessments: Iterable[Assessment]) -> list[Assessment]:
    """Oldest first (one whose date no clock can show first), ties by id."""
    return sorted(assessments, key=lambda a: (*time_order(a.created), a.id))
