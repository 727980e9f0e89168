"""The learner's profile on the dimensions: each assessment in Goss's order, and how they moved.

Pure functions of the bundle and the assessments, for the My profile view, its chart,
the printed summary and ``companion profile`` (a table, or JSON for scripts). Levels
are shown as the scale's words, never bare numbers; ``rank`` (1 = the lowest level)
is for drawing and scripts.

Dimensions come in the bundle's order (Goss's); a rating of a dimension the bundle no
longer has is kept and shown after them, under its id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any, Literal

from companion.bundle.model import Bundle
from companion.bundle.scale import level_words, rank_of, scale_of
from companion.notes.records import Assessment, by_date, rating_of
from companion.notes.stamps import moment

NOT_IN_BUNDLE = "not in this bundle"
#: A table cell for a dimension the assessment did not rate.
NO_RATING = "-"
NO_ASSESSMENTS = "No self-assessments yet."


@dataclass(frozen=True)
class DimensionRating:
    """One dimension in one assessment, ready to show."""

    dimension: str
    #: The dimension's name, or its id with NOT_IN_BUNDLE when the bundle lacks it.
    name: str
    in_bundle: bool
    #: The stored level key; "" when not rated.
    level: str
    #: The level in words ("not rated" when there is none).
    words: str
    #: 1 for the scale's lowest level; None when not rated or not on the scale.
    rank: int | None
    evidence: str


def dimensions_named(bundle: Bundle, assessments: Iterable[Assessment]) -> list[tuple[str, str]]:
    """(id, name) of the bundle's dimensions in order, then the ids ratings name beyond them."""
    known = [(d.id, d.name) for d in bundle.dimensions]
    ids = {d for d, _ in known}
    extra = sorted({r.dimension for a in assessments for r in a.ratings} - ids)
    return known + [(d, f"{d} ({NOT_IN_BUNDLE})") for d in extra]


def ratings_of(
    bundle: Bundle, assessment: Assessment, dimensions: Sequence[tuple[str, str]] | None = None
) -> list[DimensionRating]:
    """Every dimension (``dimensions``, or the bundle's and this one's) with its rating here."""
    in_bundle = {d.id for d in bundle.dimensions}
    rows = []
    for dimension, name in dimensions or dimensions_named(bundle, [assessment]):
        rating = rating_of(assessment, dimension)
        level = rating.level if rating else ""
        rows.append(
            DimensionRating(
                dimension=dimension,
                name=name,
                in_bundle=dimension in in_bundle,
                level=level,
                words=level_words(bundle, level),
                rank=rank_of(bundle, level) if level else None,
                evidence=rating.evidence if rating else "",
            )
        )
    return rows


Direction = Literal["up", "down", "same", "new", "unrated", "unknown"]


@dataclass(frozen=True)
class Movement:
    """How one dimension moved from an earlier assessment to a later one."""

    dimension: str
    name: str
    then: DimensionRating | None
    now: DimensionRating
    #: "new": rated now, not then; "unrated": rated then, not now; "unknown": a level is
    #: not on the scale, so no direction can be told.
    direction: Direction

    def text(self) -> str:
        """ "Ways of feeling: sometimes → often" (words, not numbers)."""
        then = self.then.words if self.then is not None else "no earlier assessment"
        return f"{self.name}: {then} → {self.now.words}"


def _direction(then: DimensionRating | None, now: DimensionRating) -> Direction:
    if then is None or (not then.level and now.level):
        return "new"
    if then.level and not now.level:
        return "unrated"
    if then.level == now.level:
        return "same"
    if then.rank is None or now.rank is None:
        return "unknown"
    return "up" if now.rank > then.rank else "down"


def then_and_now(bundle: Bundle, then: Assessment | None, now: Assessment) -> list[Movement]:
    """Per dimension, in order: where the learner was (``then``, if any) and is (``now``)."""
    dimensions = dimensions_named(bundle, [now] if then is None else [then, now])
    before = None if then is None else ratings_of(bundle, then, dimensions)
    after = ratings_of(bundle, now, dimensions)
    return [
        Movement(
            row.dimension,
            row.name,
            None if before is None else before[i],
            row,
            _direction(None if before is None else before[i], row),
        )
        for i, row in enumerate(after)
    ]


def earlier_than(assessments: Iterable[Assessment], latest: Assessment) -> list[Assessment]:
    """The assessments before ``latest`` (to choose one to compare with), newest first."""
    ordered = by_date(assessments)
    at = next((i for i, a in enumerate(ordered) if a.id == latest.id), len(ordered))
    return ordered[:at][::-1]


def _one_line(text: str) -> str:
    """Text for one cell of a terminal table: one line, control characters escaped."""
    text = " ".join(text.split())
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def date_labels(assessments: Sequence[Assessment], zone: tzinfo = UTC) -> list[str]:
    """A label per assessment: its date in ``zone``; with the time when two share a day."""
    days, times = [], []
    for assessment in assessments:
        when = moment(assessment.created)
        local = when.astimezone(zone) if when is not None else None
        days.append(local.date().isoformat() if local else "undated")
        times.append(f"{days[-1]} {local:%H:%M}" if local else "undated")
    day_count = Counter(days)
    labels = [t if day_count[d] > 1 else d for d, t in zip(days, times, strict=True)]
    label_count, seen = Counter(labels), Counter[str]()
    unique = []
    for label in labels:
        seen[label] += 1
        unique.append(f"{label} ({seen[label]})" if label_count[label] > 1 else label)
    return unique


def profile_table(bundle: Bundle, assessments: Iterable[Assessment], zone: tzinfo = UTC) -> str:
    """The assessments as a text table: dimensions as rows, dates as columns (oldest first)."""
    ordered = by_date(assessments)
    if not ordered:
        return NO_ASSESSMENTS + "\n"
    dimensions = dimensions_named(bundle, ordered)
    columns = [ratings_of(bundle, a, dimensions) for a in ordered]
    header = ["Dimension", *date_labels(ordered, zone)]
    rows = [
        [_one_line(name), *(_one_line(c[i].words) if c[i].level else NO_RATING for c in columns)]
        for i, (_, name) in enumerate(dimensions)
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    ruler = ["-" * width for width in widths]
    return "\n".join(line(cells).rstrip() for cells in [header, ruler, *rows]) + "\n"


def profile_json(bundle: Bundle, assessments: Iterable[Assessment]) -> dict[str, Any]:
    """The assessments for scripts: the scale, the dimensions, each assessment oldest first."""
    ordered = by_date(assessments)
    dimensions = dimensions_named(bundle, ordered)
    in_bundle = {d.id for d in bundle.dimensions}
    return {
        "bundle": bundle.id,
        "scale": [
            {"key": level.key, "label": level.label, "rank": rank}
            for rank, level in enumerate(scale_of(bundle), start=1)
        ],
        "dimensions": [
            {"id": dimension, "name": name, "in_bundle": dimension in in_bundle}
            for dimension, name in dimensions
        ],
        "assessments": [
            {
                "id": assessment.id,
                "date": assessment.created,
                "label": label,
                "tags": list(assessment.tags),
                "ratings": [
                    {
                        "dimension": row.dimension,
                        "level": row.level,
                        "label": row.words if row.level else None,
                        "rank": row.rank,
                        "evidence": row.evidence,
                    }
                    for row in ratings_of(bundle, assessment, dimensions)
                    if row.level or row.evidence
                ],
            }
            for assessment, label in zip(ordered, date_labels(ordered), strict=True)
        ],
    }
