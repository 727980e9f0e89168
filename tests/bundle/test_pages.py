"""What a reading pane heads each item with: the source it really comes from, named properly."""

from __future__ import annotations

import pytest

from companion.bundle import load_bundle
from companion.bundle.model import Reading
from companion.bundle.pages import Page, PageBuilder, citation, joined_names
from companion.paths import shipped_bundle_dir

from .conftest import WriteBundle
from .samples import MINIMAL, STACEY


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


def definition_page(write_bundle: WriteBundle, source: str, *, verbatim: bool = False) -> Page:
    text = MINIMAL.replace("source: a-reading", f"source: {source}\n    verbatim: {verbatim}")
    bundle = load_bundle(write_bundle(text + STACEY))
    return PageBuilder(bundle).page(bundle.definitions[0])


def test_a_definition_from_a_reading_is_summarised_from_its_citation(
    write_bundle: WriteBundle,
) -> None:
    page = definition_page(write_bundle, "a-reading")
    assert page.attribution == "Summarised from “A reading”."
    assert "Source: [A reading](item:a-reading)" in page.body


def test_a_definition_from_the_stacey_model_names_the_model_and_its_author(
    write_bundle: WriteBundle,
) -> None:
    page = definition_page(write_bundle, "the-model")
    assert page.attribution == "Summarised from “The model”. Its author."
    assert "Source: [The model](item:the-model)" in page.body


@pytest.mark.parametrize(
    ("verbatim", "heading"),
    [
        (False, "The touch-point's own framing, in “A tiny bundle”"),
        (True, "Quoted from the touch-point, “A tiny bundle”"),
    ],
)
def test_a_definition_of_the_touch_points_own_framing_says_so(
    write_bundle: WriteBundle, verbatim: bool, heading: str
) -> None:
    page = definition_page(write_bundle, "tiny", verbatim=verbatim)
    assert page.attribution == heading
    assert "Source:" not in page.body  # no reading to open


def test_shipped_management_definition_is_headed_by_stacey_not_a_report() -> None:
    bundle = load_bundle(shipped_bundle_dir())
    [item] = [d for d in bundle.definitions if d.id == "management-and-system-leadership"]
    page = PageBuilder(bundle).page(item)
    assert page.attribution.startswith("Summarised from “The Stacey agreement and certainty model”")
    assert "Ralph D. Stacey" in page.attribution
    assert "Fillingham" not in page.attribution + page.body
