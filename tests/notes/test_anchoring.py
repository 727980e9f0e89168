"""Highlights follow their words through edits of the text, or become orphans, never lost."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.notes.anchoring import How, describe, place

TEXT = (
    "Systems leadership is a way of working that shares the burden of leadership to "
    "achieve large-scale change across communities. It goes beyond organisational "
    "boundaries and extends across staff at all levels, professions and sectors.\n"
    "Leaders need time and space to pause, to listen and to relate before they act.\n"
    "The balcony and the dance floor: step back to see the pattern, then step in."
)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_unchanged_text_places_by_position() -> None:
    anchor = describe(TEXT, *span(TEXT, "shares the burden of leadership"))
    assert anchor.exact == "shares the burden of leadership"
    assert len(anchor.prefix) == 32 and len(anchor.suffix) == 32
    placed = place(TEXT, anchor)
    assert (placed.start, placed.end, placed.how) == (anchor.start, anchor.end, How.POSITION)


def test_text_inserted_and_removed_around_the_quote() -> None:
    anchor = describe(TEXT, *span(TEXT, "time and space to pause"))
    edited = "A new opening paragraph.\n" + TEXT.replace("large-scale ", "") + "\nA coda."
    placed = place(edited, anchor)
    assert placed.how is How.EXACT
    assert edited[placed.start : placed.end] == "time and space to pause"


def test_paragraphs_reordered() -> None:
    anchor = describe(TEXT, *span(TEXT, "step back to see the pattern"))
    reordered = "\n".join(reversed(TEXT.split("\n")))
    placed = place(reordered, anchor)
    assert reordered[placed.start : placed.end] == "step back to see the pattern"


def test_small_edit_inside_the_quote_keeps_it_on_the_right_words() -> None:
    anchor = describe(TEXT, *span(TEXT, "extends across staff at all levels, professions"))
    corrected = TEXT.replace("staff at all levels", "staff at every level")
    placed = place(corrected, anchor)
    assert placed.how is How.APPROXIMATE
    assert corrected[placed.start : placed.end].startswith("extends across staff at every")
    assert corrected[placed.start : placed.end].rstrip(",. ").endswith("professions")


def test_removed_passage_becomes_an_orphan() -> None:
    anchor = describe(TEXT, *span(TEXT, "The balcony and the dance floor"))
    without = TEXT.split("\nThe balcony")[0]
    assert place(without, anchor).how is How.ORPHAN


def test_repeated_quote_goes_where_its_context_fits() -> None:
    text = "First, listen to patients. Then act.\nSecond, listen to carers. Then act."
    anchor = describe(text, text.rindex("Then act."), len(text))
    moved = "Preface.\n" + text
    placed = place(moved, anchor)
    assert placed.start == moved.rindex("Then act.")
    # Paragraphs swapped and the position lost: the context still picks the right one.
    shuffled = "Intro.\nSecond, listen to carers. Then act.\nFirst, listen to patients. Then act."
    placed = place(shuffled, anchor)
    assert shuffled[: placed.start].endswith("carers. ")


def test_text_with_many_distinct_characters() -> None:
    cjk = "".join(chr(0x4E00 + i) for i in range(600))
    text = cjk + "系统领导力是一种共享领导负担的工作方式" + cjk[::-1]
    anchor = describe(text, *span(text, "共享领导负担"))
    edited = "前言" + text.replace("共享领导负担", "共享领导的负担")
    placed = place(edited, anchor)
    assert placed.placed
    assert "领导" in edited[placed.start : placed.end]


def test_empty_quote_is_an_orphan() -> None:
    assert place(TEXT, describe(TEXT, 5, 5)).how is How.ORPHAN


WORDS = st.lists(
    st.sampled_from(
        [
            "system",
            "leadership",
            "change",
            "place",
            "people",
            "care",
            "patient",
            "share",
            "burden",
            "time",
            "space",
            "listen",
            "relate",
            "act",
            "balcony",
            "dance",
            "floor",
            "value",
            "trust",
        ]
    ),
    min_size=60,
    max_size=200,
)


@settings(max_examples=150, deadline=None)
@given(words=WORDS, seed=st.integers(0, 2**32))
def test_edits_away_from_the_quote_never_orphan_it(words: list[str], seed: int) -> None:
    rng = random.Random(seed)
    text = " ".join(words)
    start = rng.randrange(0, len(text) - 40)
    end = start + rng.randint(15, 40)
    anchor = describe(text, start, end)
    before, quote, after = text[:start], text[start:end], text[end:]
    for _ in range(rng.randint(1, 5)):
        insert = " ".join(rng.choices(words, k=rng.randint(1, 12)))
        if rng.random() < 0.5:
            cut = rng.randint(0, len(before))
            before = before[:cut] + insert + before[cut:]
        else:
            cut = rng.randint(0, len(after))
            after = after[:cut] + insert + after[cut:]
    edited = before + quote + after
    placed = place(edited, anchor)
    assert placed.placed
    assert edited[placed.start : placed.end] == quote
