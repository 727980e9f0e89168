"""How notes read in lists: excerpts, times and tags typed with commas."""

from __future__ import annotations

from companion.notes.text import EMPTY_NOTE, excerpt, parse_tags, tags_text, when, written


def test_an_excerpt_is_the_first_line_with_text_without_markup() -> None:
    assert excerpt("\n\n# **Systems** thinking\nmore") == "Systems thinking"
    assert excerpt("  \n- ") == EMPTY_NOTE
    assert excerpt("x" * 100, limit=10) == "x" * 9 + "…"


def test_times_that_cannot_be_shown_are_left_out() -> None:
    assert when("not a date") == "" and when(None) == ""
    stamp = "2026-01-02T03:04:05.000Z"
    assert written(stamp, stamp) == f"Written {when(stamp)}"
    assert written("nonsense", stamp) == f"Edited {when(stamp)}"


def test_tags_are_typed_with_commas() -> None:
    assert parse_tags(" systems ,, leadership ") == ["systems", "leadership"]
    assert tags_text(["a", "b"]) == "a, b"
