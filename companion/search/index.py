"""Full-text search over a bundle and the learner's notes: SQLite FTS5 from the standard library.

Ranked with BM25 (a title match counts ten times a body match), case- and
accent-insensitive (``unicode61 remove_diacritics 2``: "equite" finds "équité"),
the last word matched as a prefix while typing. Whatever a person types is
turned into plain quoted words, so search syntax (quotes, ``*``, ``-``, ``AND``,
``NEAR``, parentheses) can never raise an error.

Words that are in more than half of all documents ("the", "of", "and") weigh
nothing in BM25 (FTS5 clamps their IDF to 1e-6). In a large index, when a
query has other words, they are left out of the match: there they only cost
time. ``significant`` names the words that count, which are the ones worth
marking in a text (marking every "the" would hide what the learner looked for).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Scope = Literal["all", "content", "mine"]

#: Kinds that are the learner's own records (the rest are bundle content).
OWN_KINDS = frozenset({"note", "highlight", "bookmark", "evidence", "challenge"})
#: Marks around matched words in snippets; callers turn them into emphasis.
MATCH_START, MATCH_END = "\x02", "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
#: The learner's records have rowids from here on; bundle content below.
OWN_BASE = 1 << 40
_LAST = (1 << 63) - 1
#: A query matching more documents than this ranks the first this many (see SearchIndex).
RANK_WINDOW = 2000
#: From this many documents, words without weight are left out of the match.
LEAN_FROM = 1000

#: Pages a backup step copies (4 MiB of 4 KiB pages) between two looks at Python's lock.
BACKUP_PAGES = 1024

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


@dataclass(frozen=True)
class Query:
    """What a person typed, as words; the last is a prefix unless a space ended it."""

    words: tuple[str, ...]
    prefix: bool

    def expression(self) -> str:
        """A safe FTS5 query: every word quoted (so AND, NEAR, ``-`` and ``*`` are just words)."""
        quoted = ['"' + w.replace('"', '""') + '"' for w in self.words]
        if self.prefix:
            quoted[-1] += "*"
        return " ".join(quoted)


def parse_query(query: str) -> Query | None:
    """The words of ``query``, or None when there is nothing to find."""
    words = _WORD.findall(query)
    if not words:
        return None
    return Query(tuple(words), not query[-1:].isspace())


def match_expression(query: str) -> str | None:
    """A safe FTS5 query for what a person typed, or None when there is nothing to find.

    Every word is quoted (so AND, NEAR, ``-`` and ``*`` are just words); the
    last one is a prefix unless the person has finished it with a space.
    """
    parsed = parse_query(query)
    return None if parsed is None else parsed.expression()


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as the tokenizer stores it, so words compare as the index compares them.

    The one fold of search: the index's ``significant`` words and the marks in a text
    (``results``). ``unicode61 remove_diacritics 2`` folds case one character to one
    (a Greek capital or final sigma to the small sigma, but "ß" stays "ß": ``str.casefold``
    would make it "ss", and ``str.lower`` keeps a final sigma) and drops the accents of
    Latin letters only ("é" → "e", "ά" stays).
    """
    if word.isascii():
        return word.lower()
    kept: list[str] = []
    latin = False
    for char in unicodedata.normalize("NFD", word):
        if not unicodedata.combining(char):
            latin = unicodedata.name(char, "").startswith("LATIN")
        elif latin:
            continue
        kept.append(char)
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFC", "".join(kept)))


def _fold_char(char: str) -> str:
    """Unicode's simple case folding: one character for one (``casefold`` may give two)."""
    folded = char.casefold()
    return folded if len(folded) == 1 else char.lower()


class SearchIndex:
    """An in-memory FTS5 table; safe to build on a worker and query from the UI thread.

    Each document has a rowid the index chooses: bundle content below ``OWN_BASE``,
    the learner's records from it, so a scope is a rowid range that FTS5 seeks to,
    and replacing or removing a document by key is one rowid lookup, not a table scan.
    Prefix indexes of one to three characters keep the word being typed cheap to
    expand. A query matching more than ``RANK_WINDOW`` documents (a word or two
    letters that are in nearly everything) is ranked among the first ``RANK_WINDOW``
    of them in index order (content in bundle order, then the learner's records), so
    no keystroke scores the whole collection.
    """

    def __init__(self, database: bytes | sqlite3.Connection | None = None) -> None:
        """An empty index, or (``database``) the tables ``export`` gave, without the state
        (as bytes, or a connection holding them, made with ``check_same_thread=False``)."""
        self._lock = threading.Lock()
        if isinstance(database, sqlite3.Connection):
            self._db = database
        else:
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
        if isinstance(database, bytes):
            # Before any table is made here: FTS5 remembers the tables a connection made,
            # and would take a replaced one for the one in the bytes (a crash in SQLite).
            self._db.deserialize(database)
        elif database is None:
            self._db.execute(
                "CREATE VIRTUAL TABLE docs USING fts5("
                "key UNINDEXED, kind UNINDEXED, item UNINDEXED, title, body, "
                "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
            )
            # ORDER BY rank lets FTS5 sort by score itself: snippets only for the rows returned.
            self._db.execute(
                "INSERT INTO docs(docs, rank) VALUES ('rank', ?)",
                (f"bm25(0, 0, 0, {TITLE_WEIGHT}, {BODY_WEIGHT})",),
            )
        #: key -> (rowid, kind) of every document.
        self._rows: dict[str, tuple[int, str]] = {}
        self._next = {False: 1, True: OWN_BASE}
        #: Terms in more than half the documents, and every prefix of one (see ``significant``).
        self._common: frozenset[str] = frozenset()
        self._common_prefixes: frozenset[str] = frozenset()
        self._counted = 0

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def export(self) -> tuple[list[Any], bytes]:
        """This index as plain values and the database's bytes, for ``restore`` elsewhere."""
        with self._lock:
            return self._state(), self._db.serialize()

    def _state(self) -> list[Any]:
        rows = self._rows
        return [
            list(rows),
            [rowid for rowid, _ in rows.values()],
            [kind for _, kind in rows.values()],
            self._next[False],
            self._next[True],
            sorted(self._common),
            self._counted,
        ]

    def set_application_id(self, number: int) -> None:
        """Mark the database as what it is (SQLite's header field, kept in its bytes)."""
        with self._lock:
            self._db.execute(f"PRAGMA application_id = {int(number)}")

    def copy_with(
        self,
        table: str,
        rows: dict[str, str],
        target: Path,
        progress: Callable[[int, int, int], object] | None = None,
    ) -> None:
        """Copy the database into the file ``target`` with a table ``table`` added: ``rows``
        (name, value) and the row "state", what ``restore`` needs besides the database
        (JSON). What the index is about (``search.cache``) travels with it.

        SQLite's backup copies a few pages at a time without holding Python's lock:
        ``serialize`` held it for the whole copy (60 ms at 10,000 items + 10,000 notes,
        a stall of the UI thread while a worker thread saved the index). ``progress`` is
        called after each step, as ``sqlite3.Connection.backup`` calls it.
        """
        with self._lock:
            self._db.execute(f"CREATE TABLE {table} (name TEXT PRIMARY KEY, value TEXT)")
            try:
                state = {**rows, "state": json.dumps(self._state())}
                with self._db:
                    self._db.executemany(f"INSERT INTO {table} VALUES (?, ?)", state.items())
                copy = sqlite3.connect(target)
                try:
                    # No journal beside the copy (a kill would leave one that no sweep knows):
                    # the copy is a temporary file until it is whole (``atomic.atomic_fill``).
                    copy.execute("PRAGMA journal_mode = OFF")
                    copy.execute("PRAGMA synchronous = OFF")  # atomic_fill syncs it once
                    self._db.backup(copy, pages=BACKUP_PAGES, progress=progress)
                finally:
                    copy.close()
            finally:
                self._db.execute(f"DROP TABLE {table}")

    @classmethod
    def restore(cls, meta: list[Any], db: bytes | sqlite3.Connection) -> SearchIndex:
        """The index ``export`` gave (SQLite copies the bytes without holding Python's lock)."""
        keys, rowids, kinds, next_content, next_own, common, counted = meta
        index = cls(db)
        index._rows = dict(zip(keys, zip(rowids, kinds, strict=True), strict=True))
        index._next = {False: next_content, True: next_own}
        index._set_common(frozenset(common))
        index._counted = counted
        return index

    def _delete(self, keys: Iterable[str]) -> None:
        gone = [(row[0],) for k in keys if (row := self._rows.pop(k, None)) is not None]
        self._db.executemany("DELETE FROM docs WHERE rowid = ?", gone)

    def _insert(self, docs: list[Doc]) -> None:
        docs = list({d.key: d for d in docs}.values())  # a key twice: the last one counts
        self._delete(d.key for d in docs if d.key in self._rows)
        rows = []
        for d in docs:
            own = d.kind in OWN_KINDS
            rowid = self._next[own]
            self._next[own] = rowid + 1
            self._rows[d.key] = (rowid, d.kind)
            rows.append((rowid, d.key, d.kind, d.item, d.title, d.body))
        self._db.executemany(
            "INSERT INTO docs(rowid, key, kind, item, title, body) VALUES (?, ?, ?, ?, ?, ?)", rows
        )

    def add(self, docs: Iterable[Doc]) -> None:
        """Add documents (one with the key of a document already here replaces it)."""
        docs = list(docs)
        with self._lock:
            with self._db:
                self._insert(docs)
            # Bulk loads (on a worker) count terms again; small updates leave the counts be.
            if abs(len(self._rows) - self._counted) > self._counted // 10:
                self._count_terms()

    def _count_terms(self) -> None:
        half = len(self._rows) // 2
        self._db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs, row)"
        )
        self._set_common(
            frozenset(
                t for (t,) in self._db.execute("SELECT term FROM temp.vocab WHERE doc > ?", (half,))
            )
        )
        self._counted = len(self._rows)

    def _set_common(self, common: frozenset[str]) -> None:
        self._common = common
        self._common_prefixes = frozenset(t[:n] for t in common for n in range(1, len(t) + 1))

    def remove(self, keys: Iterable[str]) -> None:
        with self._lock, self._db:
            self._delete(keys)

    def replace(
        self, docs: Iterable[Doc], removed: Iterable[str] = (), prefixes: Iterable[str] = ()
    ) -> None:
        """Update in one transaction: ``docs`` replace any with the same key; the documents
        keyed ``removed``, or whose key starts with one of ``prefixes``, go first."""
        docs = list(docs)
        starts = tuple(prefixes)
        with self._lock, self._db:
            self._delete(removed)
            if starts:
                self._delete([key for key in self._rows if key.startswith(starts)])
            self._insert(docs)

    def replace_prefix(self, prefix: str, docs: Iterable[Doc]) -> None:
        """In one transaction: every document whose key starts with ``prefix`` goes, ``docs``
        come in (the documents of one record, which may have had more before)."""
        docs = list(docs)
        with self._lock, self._db:
            self._delete([key for key in self._rows if key.startswith(prefix)])
            self._insert(docs)

    def remove_kind(self, kinds: Iterable[str]) -> None:
        kinds = set(kinds)
        with self._lock, self._db:
            self._delete([key for key, (_, kind) in self._rows.items() if kind in kinds])

    def doc_keys(self) -> set[str]:
        """The key of every document in the index."""
        with self._lock:
            return set(self._rows)

    def count(self) -> int:
        with self._lock:
            return len(self._rows)

    def significant(self, query: Query) -> Query:
        """``query`` without the words in more than half the documents, if others remain.

        A prefix is left out when a common word starts with it ("th" as "the" is typed).
        """
        last = len(query.words) - 1
        keep = [
            i
            for i, word in enumerate(query.words)
            if fold(word)
            not in (self._common_prefixes if query.prefix and i == last else self._common)
        ]
        if not keep or len(keep) == len(query.words):
            return query
        return Query(tuple(query.words[i] for i in keep), query.prefix and keep[-1] == last)

    def search(self, query: str, limit: int = 20, scope: Scope = "all") -> list[Hit]:
        parsed = parse_query(query)
        if parsed is None or limit <= 0:
            return []
        lean = len(self._rows) >= LEAN_FROM
        expression = (self.significant(parsed) if lean else parsed).expression()
        low, high = {"all": (0, _LAST), "content": (0, OWN_BASE - 1), "mine": (OWN_BASE, _LAST)}[
            scope
        ]
        where = "docs MATCH ? AND rowid BETWEEN ? AND ?"
        with self._lock:
            # Past RANK_WINDOW matches, rank only the first RANK_WINDOW (cheap to find).
            last = self._db.execute(
                f"SELECT rowid FROM docs WHERE {where} LIMIT 1 OFFSET ?",
                (expression, low, high, max(RANK_WINDOW, limit) - 1),
            ).fetchone()
            if last is not None:
                high = last[0]
            rows = self._db.execute(
                "SELECT key, kind, item, title, "
                f"snippet(docs, 4, ?, ?, ?, {SNIPPET_TOKENS}), rank "
                f"FROM docs WHERE {where} ORDER BY rank LIMIT ?",
                (MATCH_START, MATCH_END, ELLIPSIS, expression, low, high, limit),
            ).fetchall()
        return [
            Hit(key, kind, item, title, snippet, score)
            for key, kind, item, title, snippet, score in rows
        ]
