"""A bundle's search index kept on disk, so a warm start need not make it again.

Making searchable text of a 10,000-item bundle and indexing it takes seconds; reading
the finished SQLite database back takes a fraction of one. The index is kept under
the key of the parsed-bundle cache (``companion.bundle.cache.key_of``): any change
to ``bundle.yaml``, or another Companion, misses it. With the bundle's content it
holds the learner's records as they were last indexed, each with its fingerprint
(``search.records``), so only the records changed since are put in again.

An entry is a regular SQLite database, ``index/KEY.CHECKSUM.sqlite``: CHECKSUM is the
CRC-32 of its bytes. It is read whole (never opened in place: a read-only folder, a
named pipe or a second Companion cannot trouble it), and trusted only if the checksum,
SQLite's ``application_id``, the format and the key all agree and the database reads
back as a search index; anything else is removed and the index made again. It is
written whole, atomically (``companion.atomic``), and the caches stay bounded
(``companion.caches``).
"""

from __future__ import annotations

import contextlib
import glob
import json
import sqlite3
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from companion.caches import cache_root, prune, touch
from companion.regular_files import read_regular
from companion.search.index import SearchIndex

#: Bumped whenever what is indexed or how changes (``documents``, ``records``, ``index``).
FORMAT = 1
#: SQLite's application_id of an index cache ("CmpI"): another program's database is not one.
APPLICATION_ID = 0x436D7049
TABLE = "companion_cache"
#: The size of SQLite's file header: a shorter file is no database.
SQLITE_HEADER = 100
#: A file bigger than this is not an index Companion wrote.
MAX_ENTRY_BYTES = 1 << 30
#: A file's checksum is taken this much at a time.
CHUNK_BYTES = 1 << 22


class NotAnIndex(ValueError):
    """A cache entry that is not an index Companion wrote for this key, or is damaged."""


@dataclass
class Cached:
    """An index read from the cache, and the records it holds (fingerprints, by key)."""

    index: SearchIndex
    records: dict[str, str]
    path: Path


def index_dir(cache_dir: Path | None = None) -> Path:
    return cache_root(cache_dir) / "index"


def _checksum_of(path: Path, key: str) -> int | None:
    middle = path.name[len(key) + 1 : -len(".sqlite")]
    try:
        return int(middle, 16) if len(middle) == 8 else None
    except ValueError:
        return None


def load(key: str, cache_dir: Path | None = None) -> Cached | None:
    """The index kept for ``key``, or None (none kept, or it could not be trusted)."""
    for path in index_dir(cache_dir).glob(f"{glob.escape(key)}.*.sqlite"):
        try:
            cached = _read(path, key)
        except OSError:
            continue  # unreadable, or not a regular file: left alone, never trusted
        except (NotAnIndex, sqlite3.Error):
            discard(path)
            continue
        touch(path)
        return cached
    return None


def _read(path: Path, key: str) -> Cached:
    expected = _checksum_of(path, key)
    if path.lstat().st_size > MAX_ENTRY_BYTES:
        raise NotAnIndex(f"{path.name} is too big")
    raw = read_regular(path)
    if expected is None or zlib.crc32(raw) != expected or len(raw) < SQLITE_HEADER:
        raise NotAnIndex(f"{path.name} is damaged")
    db = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        try:
            db.deserialize(raw)
        except MemoryError:
            raise NotAnIndex(f"{path.name} is not a database") from None
        del raw
        if db.execute("PRAGMA application_id").fetchone() != (APPLICATION_ID,):
            raise NotAnIndex(f"{path.name} is not a Companion index")
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'docs'").fetchone()
        if not str(sql).startswith("CREATE VIRTUAL TABLE docs USING fts5("):
            raise NotAnIndex(f"{path.name} holds no search index")
        rows = dict(db.execute(f"SELECT name, value FROM {TABLE}").fetchall())
        if rows.get("format") != str(FORMAT) or rows.get("key") != key:
            raise NotAnIndex(f"{path.name} is another Companion's index, or another bundle's")
        db.execute(f"DROP TABLE {TABLE}")
        state = json.loads(rows["state"])
        records = json.loads(rows["records"])
        if not isinstance(records, dict) or len(state[0]) != _count(db):
            raise NotAnIndex(f"{path.name} does not hold what it says")
        return Cached(SearchIndex.restore(state, db), records, path)
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        db.close()
        raise NotAnIndex(f"{path.name} cannot be read: {exc}") from None
    except BaseException:
        db.close()
        raise


def _count(db: sqlite3.Connection) -> int:
    (count,) = db.execute("SELECT count(*) FROM docs").fetchone()
    return int(count)


def save(
    key: str, index: SearchIndex, records: Mapping[str, str], cache_dir: Path | None = None
) -> Path | None:
    """Keep ``index`` (holding ``records``) for ``key``; None when it cannot be kept."""
    from companion.atomic import atomic_fill

    rows = {"format": str(FORMAT), "key": key, "records": json.dumps(dict(records))}

    def fill(tmp: Path) -> str:
        index.copy_with(TABLE, rows, tmp)
        return f"{key}.{_crc32_of(tmp):08x}.sqlite"

    try:
        index.set_application_id(APPLICATION_ID)
        folder = index_dir(cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = atomic_fill(folder, key, fill)
    except (OSError, sqlite3.Error):
        return None  # a read-only cache folder, a full disk: the next start makes it again
    for older in folder.glob(f"{glob.escape(key)}.*.sqlite"):
        if older != path:
            discard(older)
    prune(cache_dir, keep=path)
    return path


def _crc32_of(path: Path) -> int:
    """The CRC-32 of a file, read in chunks (zlib and reads let other threads run)."""
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            crc = zlib.crc32(chunk, crc)
    return crc


def discard(path: Path) -> None:
    """Remove a cache entry that cannot be used (a non-regular file is left alone)."""
    with contextlib.suppress(OSError):
        if path.is_file() and not path.is_symlink():
            path.unlink()
