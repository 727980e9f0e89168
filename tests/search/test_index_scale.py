"""What keeps search fast on a big bundle: key lookups, scopes as rowid ranges, lean queries."""

from __future__ import annotations

import pytest

from companion.search import index as index_module
from companion.search.index import Doc, Query, SearchIndex, parse_query


def docs(n: int, kind: str = "reading", words: str = "the of trust") -> list[Doc]:
    return [
        Doc(f"item:{kind}-{i}", kind, f"{kind}-{i}", f"Title {i}", f"{words} w{i}")
        for i in range(n)
    ]


def test_replacing_and_removing_by_key_touch_one_document() -> None:
    index = SearchIndex()
    index.add(docs(50))
    index.add([Doc("item:reading-3", "reading", "reading-3", "Title 3", "wombat")])  # same key
    assert index.count() == 50
    assert [h.key for h in index.search("wombat")] == ["item:reading-3"]
    assert "item:reading-3" not in {h.key for h in index.search("w3")}
    index.replace(
        [Doc("note:n1", "note", "reading-1", "Note", "quokka")], removed=["item:reading-3"]
    )
    assert index.count() == 50 and index.search("wombat") == []
    assert [h.kind for h in index.search("quokka")] == ["note"]
    twice = [Doc("note:n2", "note", "x", "Note", w) for w in ("first", "second")]
    index.add(twice)
    assert index.search("first") == [] and len(index.search("second")) == 1
    index.remove_kind(["note"])
    assert index.count() == 49 and index.search("quokka") == [] and index.search("second") == []


def test_scopes_keep_content_and_own_records_apart_whatever_the_order_added() -> None:
    index = SearchIndex()
    index.add([Doc("note:a", "note", "x", "Note", "trust")])
    index.add(docs(5))
    index.add([Doc("bookmark:x", "bookmark", "x", "Bookmark: trust", "")])
    assert {h.kind for h in index.search("trust", scope="mine")} == {"note", "bookmark"}
    assert {h.kind for h in index.search("trust", scope="content")} == {"reading"}
    assert len(index.search("trust", limit=50)) == 7


def test_words_in_more_than_half_the_documents_are_not_significant() -> None:
    index = SearchIndex()
    index.add(docs(40))
    index.add(docs(10, "voice", "coalition willing"))
    query = parse_query("coalition of the willing")
    assert query is not None
    assert index.significant(query) == Query(("coalition", "willing"), True)
    # While "th" is typed it could be "the": left out; "thx" could not.
    assert index.significant(Query(("coalition", "th"), True)).words == ("coalition",)
    assert index.significant(Query(("coalition", "thx"), True)).words == ("coalition", "thx")
    # Only common words: all of them count.
    assert index.significant(Query(("of", "the"), False)).words == ("of", "the")


def test_a_big_index_leaves_weightless_words_out_of_the_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = SearchIndex()
    index.add(docs(40))
    index.add([Doc("item:v", "voice", "v", "Coalition", "willing coalition, no stop words")])
    assert index.search("coalition of the willing") == []  # small: every word must match
    monkeypatch.setattr(index_module, "LEAN_FROM", 10)
    assert [h.key for h in index.search("coalition of the willing")] == ["item:v"]


def test_a_query_matching_too_much_ranks_a_window_but_never_fewer_than_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "RANK_WINDOW", 5)
    index = SearchIndex()
    index.add(docs(30))
    assert len(index.search("trust", limit=3)) == 3
    assert len(index.search("trust", limit=20)) == 20
    hits = index.search("trust", limit=3)
    assert all(int(h.item.split("-")[1]) < 5 for h in hits)  # the first five in index order
