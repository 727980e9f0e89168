"""Five challenges as a learner might place them; the first has moved twice (a trail)."""

from __future__ import annotations

FIVE: list[tuple[str, str, list[tuple[float, float]]]] = [
    (
        "Merging two school trusts",
        "Boards disagree on **who leads**.",
        [(0.2, 0.85), (0.35, 0.72), (0.5, 0.56)],
    ),
    ("Timetable software upgrade", "Everyone agrees; the vendor knows how.", [(0.12, 0.1)]),
    ("Reducing exclusions across the area", "No one knows what works yet.", [(0.66, 0.42)]),
    ("New curriculum pilot", "We agree on the aim, not yet on the method.", [(0.85, 0.12)]),
    ("Cuts to the youth service", "Nobody agrees and nobody knows.", [(0.9, 0.9)]),
]
