"""The known notes with self-assessments and challenges (fixed ids and times), for exports."""

from __future__ import annotations

import msgspec

from companion.bundle.model import Bundle
from companion.notes.model import NotesFile
from companion.notes.records import Assessment, Challenge, Move, Rating

from .known_notes import T1, T2, T3, known_notes, shipped

T4 = "2026-04-10T17:30:00.000Z"


def known_assessments() -> list[Assessment]:
    return [
        Assessment(
            id="a-000000000001",
            ratings=[
                Rating(
                    dimension="ways-of-feeling",
                    level="sometimes",
                    evidence="Named my values at the team day.\n\n- *courage*\n- <b>honesty</b>",
                ),
                Rating(dimension="ways-of-perceiving", level="not-yet"),
                Rating(dimension="ways-of-being", evidence="Kept calm; no level chosen yet."),
            ],
            tags=["after TP7"],
            created=T1,
            modified=T1,
        ),
        Assessment(
            id="a-000000000002",
            ratings=[
                Rating(
                    dimension="ways-of-feeling", level="often", evidence="Said no to a project."
                ),
                Rating(dimension="ways-of-thinking", level="consistently"),
                Rating(dimension="retired-dimension", level="often", evidence="From before."),
                Rating(dimension="ways-of-doing", level="brilliant"),
            ],
            created=T4,
            modified=T4,
        ),
        Assessment(
            id="a-000000000009",
            ratings=[Rating(dimension="ways-of-being", level="often")],
            created=T2,
            modified=T2,
            deleted=T3,
        ),
    ]


def known_challenges() -> list[Challenge]:
    return [
        Challenge(
            id="c-000000000001",
            title="Merging two teams",
            note="Who decides? *Nobody* agrees yet. <script>alert(1)</script>",
            tags=["work"],
            moves=[
                Move(at=T1, certainty=0.2, agreement=0.9),
                Move(at=T3, certainty=0.5, agreement=0.5),
            ],
            created=T1,
            modified=T3,
        ),
        Challenge(
            id="c-000000000002",
            title="A new rota <i>soon</i>",
            moves=[Move(at=T2, certainty=0.05, agreement=0.1)],
            created=T2,
            modified=T2,
        ),
        Challenge(
            id="c-000000000003", title="Budget", note="Not placed yet.", created=T3, modified=T3
        ),
        Challenge(
            id="c-000000000009",
            title="Deleted",
            moves=[Move(at=T1, certainty=1.0, agreement=1.0)],
            created=T1,
            modified=T1,
            deleted=T2,
        ),
    ]


def known_records(bundle: Bundle | None = None) -> NotesFile:
    return msgspec.structs.replace(
        known_notes(bundle or shipped()),
        assessments=known_assessments(),
        challenges=known_challenges(),
    )
