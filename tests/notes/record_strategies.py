"""Hypothesis strategies for self-assessments and challenges (any text, any stamp)."""

from __future__ import annotations

from hypothesis import strategies as st

from companion.notes.records import Assessment, Challenge, Move, Rating

#: Anywhere on the matrix, the edges and the smallest steps included.
COORDINATE = st.one_of(
    st.floats(min_value=0.0, max_value=1.0, allow_subnormal=True),
    st.sampled_from([0.0, 1.0, 0.5, 5e-324, 1 - 2**-53, 0.1 + 0.2 - 0.3]),
)


def assessment(
    draw: st.DrawFn, record_id: str, text: st.SearchStrategy[str], stamp: st.SearchStrategy[str]
) -> Assessment:
    dimensions = draw(st.lists(text, unique=True, max_size=4))
    return Assessment(
        id=record_id,
        ratings=[Rating(dimension=d, level=draw(text), evidence=draw(text)) for d in dimensions],
        tags=draw(st.lists(text, max_size=3)),
        created=draw(stamp),
        modified=draw(stamp),
        deleted=draw(st.none() | stamp),
    )


def challenge(
    draw: st.DrawFn, record_id: str, text: st.SearchStrategy[str], stamp: st.SearchStrategy[str]
) -> Challenge:
    moves = draw(
        st.lists(st.builds(Move, at=stamp, certainty=COORDINATE, agreement=COORDINATE), max_size=4)
    )
    return Challenge(
        id=record_id,
        title=draw(text),
        note=draw(text),
        tags=draw(st.lists(text, max_size=3)),
        moves=moves,
        created=draw(stamp),
        modified=draw(stamp),
        deleted=draw(st.none() | stamp),
    )


@st.composite
def records(
    draw: st.DrawFn,
    ids: list[str],
    text: st.SearchStrategy[str],
    stamp: st.SearchStrategy[str],
) -> tuple[list[Assessment], list[Challenge]]:
    """Assessments and challenges with the ids given (split between them)."""
    split = draw(st.integers(0, len(ids)))
    return (
        [assessment(draw, i, text, stamp) for i in ids[:split]],
        [challenge(draw, i, text, stamp) for i in ids[split:]],
    )
