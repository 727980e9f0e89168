"""Result rows and matched words, compared as the index compares them (no Qt)."""

from __future__ import annotations

import pytest

from companion.search.index import Doc, SearchIndex, fold
from companion.search.results import Terms, emphasise, find, find_spans, query_terms


def test_words_fold_without_case_or_accents() -> None:
    assert fold("Équité") == "equite" and fold("SYSTEM") == "system"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Straße", "STRASSE"),  # casefold says "strasse"; the index keeps "ß"
        ("Die Straße", "straße"),
        ("ΟΔΟΣ", "οδος"),  # lower() keeps the final sigma; the index folds it
        ("οδος", "ΟΔΟΣ"),
        ("Équité", "equite"),
        ("ﬁle", "file"),  # a ligature: the index keeps it
        ("Σίσυφος", "σισυφος"),  # Greek accents stay in the index
        ("İstanbul", "istanbul"),
    ],
)
def test_a_text_is_marked_exactly_where_the_index_finds_the_query(text: str, query: str) -> None:
    index = SearchIndex()
    index.add([Doc("def:a", "definition", "a", "A title", text)])
    rows, terms = find(index, query, "all", 5)
    assert bool(find_spans(text, terms)) == bool(rows), fold(text)


def test_the_last_word_being_typed_matches_as_a_prefix() -> None:
    terms = query_terms("system lead")
    assert terms.matches("system") and terms.matches("leadership")
    assert not terms.matches("systems")
    assert find_spans("System leaders lead.", terms) == [(0, 6), (7, 14), (15, 19)]
    assert not Terms(frozenset())


def test_titles_are_escaped_with_the_matched_words_in_bold() -> None:
    assert emphasise("<Leaders> & system", query_terms("system")) == (
        "&lt;Leaders&gt; &amp; <b>system</b>"
    )


def test_rows_are_what_the_index_found() -> None:
    index = SearchIndex()
    index.add([Doc("def:a", "definition", "a", "System leadership", "Seeing the <b>system</b>")])
    rows, terms = find(index, "system", "all", 5)
    assert [r.item for r in rows] == ["a"] and rows[0].label == "Definition"
    assert "<b>System</b>" in rows[0].title_html and "&lt;b&gt;" in rows[0].snippet_html
    assert terms.matches("system")
