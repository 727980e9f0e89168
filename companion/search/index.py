"""Full-text search over a bundle and the learner's notes: SQLite FTS5 from the standard library.

Ranked with BM25 (a title match counts ten times a body match), case- and
accent-insensitive (``unicode61 remove_diacritics 2``: "equite" finds "équité"),
the last word matched as a prefix while typing. Whatever a person types is
turned into plain quoted words, so search syntax (quotes, ``*``, ``-``, ``AND``,
``NEAR``, parentheses) can never raise an error.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Scope = Literal["all", "content", "mine"]

#: Kinds that are the learner's own records (the rest are bundle content).
OWN_KINDS = frozenset({"note", "highlight", "bookmark"})
#: Marks around matched words in snippets; callers turn them into emphasis.
MATCH_START, MATCH_END = "\x02", "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Doc:
    """One searchable thing: ``key`` is unique ("item:ID", "note:ID", "highlight:ID", ...)."""

    key: str
    kind: str
    item: str
    title: str
    body: str


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    item: str
    title: str
    #: Text around the match, matched words between MATCH_START and MATCH_END.
    snippet: str
    rank: float


def match_expression(query: str) -> str | None:
    """A safe FTS5 query for what a person typed, or None when there is nothing to find.

    Every word is quoted (so AND, NEAR, ``-`` and ``*`` are just words); the
    last one is a prefix unless the person has finished it with a space.
    """
    words = _WORD.findall(query)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if not query[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


class SearchIndex:
    """An in-memory FTS5 table; safe to build on a worker and query from the UI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "key UNINDEXED, kind UNINDEXED, item UNINDEXED, title, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, docs: Iterable[Doc]) -> None:
        rows = [(d.key, d.kind, d.item, d.title, d.body) for d in docs]
        with self._lock, self._db:
            self._db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows)

    def remove(self, keys: Iterable[str]) -> None:
        with self._lock, self._db:
            self._db.executemany("DELETE FROM docs WHERE key = ?", [(k,) for k in keys])

    def replace(self, docs: Iterable[Doc], removed: Iterable[str] = ()) -> None:
        """Update in one transaction: ``docs`` replace any with the same key."""
        docs = list(docs)
        gone = [(k,) for k in [*removed, *(d.key for d in docs)]]
        rows = [(d.key, d.kind, d.item, d.title, d.body) for d in docs]
        with self._lock, self._db:
            self._db.executemany("DELETE FROM docs WHERE key = ?", gone)
            self._db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows)

    def remove_kind(self, kinds: Iterable[str]) -> None:
        with self._lock, self._db:
            self._db.executemany("DELETE FROM docs WHERE kind = ?", [(k,) for k in kinds])

    def count(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT count(*) FROM docs").fetchone()
        return int(row[0])

    def search(self, query: str, limit: int = 20, scope: Scope = "all") -> list[Hit]:
        expression = match_expression(query)
        if expression is None or limit <= 0:
            return []
        where = ""
        if scope != "all":
            marks = ", ".join("?" * len(OWN_KINDS))
            where = f" AND kind {'IN' if scope == 'mine' else 'NOT IN'} ({marks})"
        sql = (
            "SELECT key, kind, item, title, "
            f"snippet(docs, 4, ?, ?, ?, {SNIPPET_TOKENS}), "
            f"bm25(docs, 0, 0, 0, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "
            f"FROM docs WHERE docs MATCH ?{where} ORDER BY score LIMIT ?"
        )
        params: list[object] = [MATCH_START, MATCH_END, ELLIPSIS, expression]
        if scope != "all":
            params += sorted(OWN_KINDS)
        params.append(limit)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [
            Hit(key, kind, item, title, snippet, score)
            for key, kind, item, title, snippet, score in rows
        ]
