"""What the one-page summary says: its own words agree with the source it cites."""

from __future__ import annotations

import re
from datetime import date

import msgspec
import pytest

from companion.bundle import load_bundle
from companion.paths import shipped_bundle_dir
from companion.printing.content import counted, summary_content


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "No dimensions"), (1, "One dimension"), (6, "Six dimensions"), (13, "13 dimensions")],
)
def test_counted_spells_small_numbers(count: int, words: str) -> None:
    assert counted(count, "dimension") == words


def test_subtitle_and_footer_count_the_dimensions_printed() -> None:
    shipped = load_bundle(shipped_bundle_dir())
    three = msgspec.structs.replace(shipped, dimensions=shipped.dimensions[:3])
    summary = summary_content(three, printed=date(2025, 1, 2))
    assert summary.subtitle == "Three dimensions to practise and reflect on"
    assert summary.footer.startswith("Three dimensions from Sue Goss. “Systems leadership")


def test_the_page_uses_no_term_the_cited_source_spells_otherwise() -> None:
    """The touch-point writes "system leadership", Goss "systems leadership": each in its place."""
    summary = summary_content(load_bundle(shipped_bundle_dir()), printed=date(2025, 1, 2))
    terms = re.compile(r"\bsystems? leadership\b", re.IGNORECASE)
    assert not terms.findall(summary.subtitle)
    assert terms.findall(summary.title) == ["system leadership"]  # the touch-point's own name
    assert terms.findall(summary.footer) == ["Systems leadership"]  # Goss's title, as she has it
