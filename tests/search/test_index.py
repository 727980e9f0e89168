"""Search finds what a learner remembers, ranked, and never chokes on what they type."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.bundle import load_bundle
from companion.bundle.model import Bundle
from companion.notes.model import NotesModel, empty_file
from companion.paths import shipped_bundle_dir
from companion.search.documents import content_docs, item_titles, note_doc, own_docs
from companion.search.index import MATCH_END, MATCH_START, Doc, SearchIndex, match_expression
from tests.search.hostile import HOSTILE_QUERIES


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle(shipped_bundle_dir())


@pytest.fixture
def index(bundle: Bundle) -> SearchIndex:
    built = SearchIndex()
    built.add(content_docs(bundle))
    return built


def test_finds_phrases_learners_remember(index: SearchIndex) -> None:
    assert index.search("balcony and dance floor")[0].item == "ways-of-perceiving"
    items = [h.item for h in index.search("coalition of the willing")]
    assert "practice-of-system-leadership" in items


def test_title_match_ranks_above_a_passing_mention() -> None:
    index = SearchIndex()
    index.add(
        [
            Doc("item:a", "reading", "a", "Notes on other things", "We mention resilience once."),
            Doc("item:b", "dimension", "b", "Resilience", "A text about courage and patience."),
        ]
    )
    assert [h.item for h in index.search("resilience")] == ["b", "a"]


def test_prefix_on_the_last_word_while_typing(index: SearchIndex) -> None:
    assert any(h.item == "ways-of-relating" for h in index.search("ways of relat"))
    # A finished word (followed by a space) is matched whole: no word is just "relat".
    assert index.search("relat ") == []


def test_case_and_accents_fold() -> None:
    index = SearchIndex()
    index.add([Doc("item:x", "voice", "x", "Équité", "L'équité en santé")])
    for query in ("equite", "EQUITÉ", "Equi"):
        assert [h.item for h in index.search(query)] == ["x"], query


def test_snippet_marks_the_matched_words(index: SearchIndex) -> None:
    snippet = index.search("mandela")[0].snippet
    assert f"{MATCH_START}Mandela{MATCH_END}" in snippet


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_syntax_is_treated_as_plain_words(index: SearchIndex, query: str) -> None:
    index.search(query)  # never raises


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=40))
def test_any_typed_text_is_a_valid_query(query: str) -> None:
    index = SearchIndex()
    index.add([Doc("item:x", "reading", "x", "Title", "some body text AND more")])
    index.search(query)
    expression = match_expression(query)
    assert expression is None or expression.startswith('"')


def test_scope_separates_content_from_own_notes(bundle: Bundle, index: SearchIndex) -> None:
    notes = NotesModel(empty_file(bundle.id))
    notes.add_note("ways-of-feeling", "My values: honesty about balcony moments")
    index.add(own_docs(notes.snapshot(), item_titles(bundle)))
    kinds_all = {h.kind for h in index.search("balcony", limit=50)}
    assert "note" in kinds_all and "dimension" in kinds_all
    assert {h.kind for h in index.search("balcony", scope="mine")} == {"note"}
    assert "note" not in {h.kind for h in index.search("balcony", limit=50, scope="content")}


def test_incremental_note_add_edit_delete(bundle: Bundle, index: SearchIndex) -> None:
    titles = item_titles(bundle)
    notes = NotesModel(empty_file(bundle.id))
    note = notes.add_note("ways-of-being", "remember the quokka")
    index.replace([note_doc(note, titles)])
    assert [h.key for h in index.search("quokka")] == [f"note:{note.id}"]
    edited = notes.update_note(note.id, body="remember the wombat")
    index.replace([note_doc(edited, titles)])
    assert index.search("quokka") == []
    assert [h.key for h in index.search("wombat")] == [f"note:{note.id}"]
    index.remove([f"note:{note.id}"])
    assert index.search("wombat") == []


def test_an_exported_index_restored_elsewhere_answers_and_changes_alike(
    bundle: Bundle, index: SearchIndex
) -> None:
    titles = item_titles(bundle)
    notes = NotesModel(empty_file(bundle.id))
    notes.add_note("ways-of-feeling", "balcony moments on the ward")
    index.add(own_docs(notes.snapshot(), titles))
    restored = SearchIndex.restore(*index.export())
    queries = ("balcony", "ways of relat", "the", "équité", "coalition of the willing")
    for query in queries:
        for scope in ("all", "content", "mine"):
            assert restored.search(query, scope=scope) == index.search(query, scope=scope)
    assert restored.count() == index.count()
    # Both go on the same way: replacing, removing, counting terms again, closing.
    quokka = notes.add_note("ways-of-being", "remember the quokka")
    for each in (index, restored):
        each.replace([note_doc(quokka, titles)])
        each.remove_kind(["dimension"])
        each._count_terms()
    for query in ("quokka", "balcony", "the"):
        assert restored.search(query) == index.search(query)
    restored.close()
    assert index.search("quokka")[0].key == f"note:{quokka.id}"
