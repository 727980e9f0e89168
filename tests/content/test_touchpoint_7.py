"""The shipped touch-point: definitions cite what they come from; links open what they name.

A definition's note opens by naming its origin in words a learner reads ("Quoted … from
"The revolution will be improvised"", "Summarised from Ralph Stacey's … model", "The
touch-point's own framing …"). The heading the app shows is built from ``source``
instead, so the two can drift apart; this test reads the note's words and holds them to it.
"""

from __future__ import annotations

import re

import pytest

from companion.bundle import load_bundle
from companion.bundle.model import Bundle, Definition, iter_items, title_of
from companion.paths import shipped_bundle_dir

BUNDLE = load_bundle(shipped_bundle_dir())


def naming_patterns(bundle: Bundle) -> dict[str, re.Pattern[str]]:
    """For each citable source, the words by which a note names it."""
    names: dict[str, list[str]] = {}
    for reading in bundle.readings:
        titles = [f'"{reading.title}"', f"“{reading.title}”"]
        surnames = [author.split()[-1] for author in reading.authors]
        names[reading.id] = [re.escape(t) for t in titles] + [rf"\b{s}\b" for s in surnames]
    if bundle.stacey is not None:
        # The model is named for its author: the capitalised words of its title after the first.
        words = bundle.stacey.title.split()[1:]
        names[bundle.stacey.id] = [rf"\b{w}\b" for w in words if w[:1].isupper()]
    names[bundle.id] = [r"\btouch-point's (?:own )?framing\b"]
    return {source: re.compile("|".join(found)) for source, found in names.items() if found}


def named_first(note: str, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """The source the note names first, or None when it names none."""
    found = [(m.start(), source) for source, p in patterns.items() if (m := p.search(note))]
    return min(found)[1] if found else None


@pytest.mark.parametrize("definition", BUNDLE.definitions, ids=lambda d: d.id)
def test_a_definitions_cited_source_is_the_one_its_note_names(definition: Definition) -> None:
    note = " ".join(definition.note.split())
    assert named_first(note, naming_patterns(BUNDLE)) == definition.source, note


def test_the_note_reader_tells_the_sources_apart() -> None:
    """The reader of notes is not circular: it finds a different source in different words."""
    patterns = naming_patterns(BUNDLE)
    assert named_first("Summarised from Ralph Stacey's model.", patterns) == "stacey-model"
    assert named_first("The touch-point's framing of the article.", patterns) == BUNDLE.id
    assert named_first('Quoted from "The Dawn of System Leadership".', patterns) == (
        "dawn-of-system-leadership"
    )
    assert named_first("As Fillingham and Weir show.", patterns) == "aqua-discovery-communities"
    assert named_first("Paraphrased from the article.", patterns) is None


LINK = re.compile(r"\[([^\]]+)\]\(item:([^)\s]+)\)")


def links(bundle: Bundle) -> list[tuple[str, str, str]]:
    """Every ``[words](item:id)`` in the bundle's texts, with the item it sits in."""
    found = []
    for _, item in iter_items(bundle):
        for field in ("text", "study_text", "summary", "description", "practice"):
            for words, target in LINK.findall(getattr(item, field, "")):
                found.append((item.id, " ".join(words.split()), target))
    return found


def test_a_link_that_names_an_item_opens_that_item() -> None:
    titles = {title_of(item).casefold(): item.id for _, item in iter_items(BUNDLE)}
    wrong = [
        (where, words, target)
        for where, words, target in links(BUNDLE)
        if titles.get(words.casefold(), target) != target
    ]
    assert not wrong, "link texts naming one item but opening another"


def test_the_overview_of_the_dimensions_links_all_six_or_none() -> None:
    [overview] = {d.source for d in BUNDLE.dimensions}
    dimensions = {d.id for d in BUNDLE.dimensions}
    linked = {target for where, _, target in links(BUNDLE) if where == overview} & dimensions
    assert linked in (set(), dimensions)
