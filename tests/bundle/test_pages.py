"""What a reading pane heads each item with: the source it really comes from, named properly."""

from __future__ import annotations

import pytest

from companion.bundle.model import Reading
from companion.bundle.pages import citation, joined_names


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["Sue Goss"], "Sue Goss"),
        (["Fillingham", "Weir"], "Fillingham and Weir"),
        (["Peter Senge", "Hal Hamilton", "John Kania"], "Peter Senge, Hal Hamilton and John Kania"),
    ],
)
def test_names_are_joined_as_a_reader_expects(names: list[str], joined: str) -> None:
    assert joined_names(names) == joined


def test_two_authors_by_surname_read_as_two_people() -> None:
    reading = Reading(
        id="r", title="A report", authors=["Fillingham", "Weir"], summary="S.", study_text="T."
    )
    assert citation(reading) == "Fillingham and Weir. “A report”."
