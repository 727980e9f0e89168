"""What the search results show, and where the matched words are in a text (no Qt here).

The index marks matched words in snippets (``MATCH_START``/``MATCH_END``); these
turn hits into rows of escaped HTML with those words in bold. Words are
compared the way the index compares them: case- and accent-insensitive
("equite" is "Équité"), the last word of a query still being typed matched as
a prefix. The same comparison finds the words again in the reading pane's text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from companion.search.documents import KIND_LABELS
from companion.search.index import (
    ELLIPSIS,
    MATCH_END,
    MATCH_START,
    Hit,
    Query,
    Scope,
    SearchIndex,
    fold,
    parse_query,
)

_WORD = re.compile(r"\w+", re.UNICODE)
#: At most this many matched words are marked in one text (a long text full of "the").
MAX_SPANS = 400


@dataclass(frozen=True)
class Terms:
    """The words of a query, folded; the last is a prefix while it is being typed."""

    words: frozenset[str]
    prefix: str = ""

    def __bool__(self) -> bool:
        return bool(self.words or self.prefix)

    def matches(self, folded: str) -> bool:
        return folded in self.words or (bool(self.prefix) and folded.startswith(self.prefix))

    @classmethod
    def of(cls, query: Query | None) -> Terms:
        if query is None:
            return cls(frozenset())
        words = [fold(w) for w in query.words]
        if not query.prefix:
            return cls(frozenset(words))
        return cls(frozenset(words[:-1]), words[-1])


@dataclass(frozen=True)
class ResultRow:
    """One result as the list shows it."""

    key: str
    kind: str
    item: str
    #: "Definition", "Note", "Stacey region", ...
    label: str
    title_html: str
    snippet_html: str
    #: The row in words, for screen readers and tooltips.
    text: str


def query_terms(query: str) -> Terms:
    """Every word of ``query`` (see ``find`` for the words a search really matched)."""
    return Terms.of(parse_query(query))


def _plain(marked: str) -> str:
    return marked.replace(MATCH_START, "").replace(MATCH_END, "")


def snippet_html(snippet: str) -> str:
    """The snippet on one line, HTML-escaped, matched words in bold."""
    text = html.escape(" ".join(snippet.split()), quote=False)
    return text.replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")


def emphasise(text: str, terms: Terms) -> str:
    """``text`` HTML-escaped, the words ``terms`` match in bold (titles have no marks)."""
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if terms.matches(fold(match.group())):
            out.append(html.escape(text[last : match.start()], quote=False))
            out.append(f"<b>{html.escape(match.group(), quote=False)}</b>")
            last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def find(
    index: SearchIndex, text: str, scope: Scope = "all", limit: int = 20
) -> tuple[list[ResultRow], Terms]:
    """What the results list shows for ``text`` typed in the search field, and the words
    to mark in the text of a result (those the index matched: "the" is left out).

    This is all a keystroke costs on the UI thread (the benchmark times it).
    """
    hits = index.search(text, limit, scope)
    parsed = parse_query(text)
    terms = Terms.of(index.significant(parsed) if parsed is not None else None)
    return result_rows(hits, terms), terms


def result_rows(hits: Iterable[Hit], terms: Terms) -> list[ResultRow]:
    """One row per hit: kind label, title with ``terms`` in bold, snippet with its marks."""
    rows = []
    for hit in hits:
        label = KIND_LABELS.get(hit.kind, hit.kind)
        label = label[:1].upper() + label[1:]
        plain = " ".join(_plain(hit.snippet).split()).strip(ELLIPSIS + " ")
        rows.append(
            ResultRow(
                key=hit.key,
                kind=hit.kind,
                item=hit.item,
                label=label,
                title_html=emphasise(hit.title, terms),
                snippet_html=snippet_html(hit.snippet),
                text=f"{label}: {hit.title}" + (f". …{plain}…" if plain else ""),
            )
        )
    return rows


def find_spans(text: str, terms: Terms, limit: int = MAX_SPANS) -> list[tuple[int, int]]:
    """Where the words ``terms`` match are in ``text``: (start, end) in code points."""
    if not terms:
        return []
    spans = []
    for match in _WORD.finditer(text):
        if terms.matches(fold(match.group())):
            spans.append(match.span())
            if len(spans) >= limit:
                break
    return spans
