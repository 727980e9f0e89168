"""The index kept on disk: used when it is this bundle's, never trusted otherwise."""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from companion.bundle.model import Bundle
from companion.search import cache
from companion.search import index as search_index
from companion.search.building import content_index
from companion.search.index import SearchIndex
from tests.conftest import read_only_folder

KEY = "61378-1d7ebc72e0eb352a-1-2-0.1.0"
RECORDS = {"note:n-1": "12-0000000000000000"}


@pytest.fixture
def index(shipped: Bundle) -> SearchIndex:
    return content_index(shipped).index


def test_an_index_kept_comes_back_the_same(tmp_path: Path, index: SearchIndex) -> None:
    path = cache.save(KEY, index, RECORDS, tmp_path)
    assert path is not None and path.parent == cache.index_dir(tmp_path)
    kept = cache.load(KEY, tmp_path)
    assert kept is not None and kept.records == RECORDS and kept.path == path
    assert kept.index.doc_keys() == index.doc_keys()
    for query in ("balcony and dance", "stacey", "le"):
        assert kept.index.search(query) == index.search(query)
    kept.index.add([])  # it can be written to, as a live index is
    assert cache.load("another-key", tmp_path) is None


def test_saving_again_replaces_the_entry_of_that_key(tmp_path: Path, index: SearchIndex) -> None:
    first = cache.save(KEY, index, {}, tmp_path)
    second = cache.save(KEY, index, RECORDS, tmp_path)
    assert first is not None and second is not None and first != second
    assert list(cache.index_dir(tmp_path).iterdir()) == [second]


def test_a_save_cut_short_is_never_taken_for_an_index(tmp_path: Path, index: SearchIndex) -> None:
    folder = cache.index_dir(tmp_path)
    folder.mkdir(parents=True)
    half = folder / f".{KEY}.k9x2.tmp"  # what a save killed mid-copy leaves
    half.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert cache.load(KEY, tmp_path) is None
    path = cache.save(KEY, index, RECORDS, tmp_path)
    kept = cache.load(KEY, tmp_path)
    assert kept is not None and kept.path == path
    assert index.doc_keys() == kept.index.doc_keys()
    assert "companion_cache" not in _tables_of(index)  # the live index is as it was


def test_copying_an_index_out_leaves_nothing_beside_the_copy(
    tmp_path: Path, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save killed mid-copy leaves its temporary file, which the cache sweeps; a journal
    # beside it (".NAME.tmp-journal") no sweep would ever know. A page a step: every
    # moment of the copy is looked at.
    monkeypatch.setattr(search_index, "BACKUP_PAGES", 1)
    target = tmp_path / ".entry.x1.tmp"
    target.touch()
    seen: list[list[str]] = []
    index.copy_with(
        "companion_cache", {"key": KEY}, target, lambda *_: seen.append(_names(tmp_path))
    )
    assert seen and all(names == [target.name] for names in seen)
    assert _names(tmp_path) == [target.name]


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _tables_of(index: SearchIndex) -> set[str]:
    return {name for (name,) in index._db.execute("SELECT name FROM sqlite_master")}


def _flip_a_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    path.write_bytes(bytes(raw))


def _renamed_to_its_checksum(path: Path, key: str = KEY) -> Path:
    new = path.with_name(f"{key}.{zlib.crc32(path.read_bytes()):08x}.sqlite")
    path.rename(new)
    return new


def test_a_damaged_entry_is_discarded(tmp_path: Path, index: SearchIndex) -> None:
    path = cache.save(KEY, index, RECORDS, tmp_path)
    assert path is not None
    _flip_a_byte(path)
    assert cache.load(KEY, tmp_path) is None
    assert not path.exists()


@pytest.mark.parametrize("cut", [0, 100, 4096])
def test_a_truncated_entry_is_discarded(tmp_path: Path, index: SearchIndex, cut: int) -> None:
    path = cache.save(KEY, index, RECORDS, tmp_path)
    assert path is not None
    path.write_bytes(path.read_bytes()[:cut])
    path = _renamed_to_its_checksum(path)  # even with a checksum that matches
    assert cache.load(KEY, tmp_path) is None
    assert not path.exists()


def test_another_programs_database_is_not_trusted(tmp_path: Path) -> None:
    folder = cache.index_dir(tmp_path)
    folder.mkdir(parents=True)
    foreign = folder / "foreign.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE docs (key TEXT)")
    db.execute("CREATE TABLE companion_cache (name TEXT, value TEXT)")
    db.commit()
    db.close()
    path = _renamed_to_its_checksum(foreign)
    assert cache.load(KEY, tmp_path) is None
    assert not path.exists()


def test_a_database_marked_as_ours_without_a_search_index_is_not_trusted(
    tmp_path: Path, index: SearchIndex
) -> None:
    path = cache.save(KEY, index, RECORDS, tmp_path)
    assert path is not None
    db = sqlite3.connect(path)
    db.execute("DROP TABLE docs")
    db.execute("CREATE TABLE docs (key TEXT, kind TEXT, item TEXT, title TEXT, body TEXT)")
    (state,) = db.execute("SELECT value FROM companion_cache WHERE name = 'state'").fetchone()
    keys = json.loads(state)[0]  # as many rows as it says: only the table's kind is wrong
    db.executemany("INSERT INTO docs VALUES (?, '', '', '', '')", [(k,) for k in keys])
    db.commit()
    db.close()
    path = _renamed_to_its_checksum(path)
    assert cache.load(KEY, tmp_path) is None
    assert not path.exists()


def test_another_bundles_or_formats_index_is_not_trusted(
    tmp_path: Path, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = cache.save("other-key", index, RECORDS, tmp_path)
    assert path is not None
    _renamed_to_its_checksum(path)  # named as this key's, holding another's
    assert cache.load(KEY, tmp_path) is None
    assert cache.save(KEY, index, RECORDS, tmp_path) is not None
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)  # a Companion that indexes otherwise
    assert cache.load(KEY, tmp_path) is None


def test_a_named_pipe_in_the_cache_neither_hangs_nor_is_trusted(
    tmp_path: Path, index: SearchIndex
) -> None:
    folder = cache.index_dir(tmp_path)
    folder.mkdir(parents=True)
    fifo = folder / f"{KEY}.00000000.sqlite"
    os.mkfifo(fifo)
    assert cache.load(KEY, tmp_path) is None  # opened without waiting, refused
    assert fifo.exists()  # not ours to remove
    path = cache.save(KEY, index, RECORDS, tmp_path)
    assert path is not None and cache.load(KEY, tmp_path) is not None


def test_a_cache_folder_that_cannot_be_written_only_means_no_cache(
    tmp_path: Path, index: SearchIndex
) -> None:
    kept = cache.save(KEY, index, RECORDS, tmp_path)
    assert kept is not None
    with read_only_folder(cache.index_dir(tmp_path)):
        assert cache.load(KEY, tmp_path) is not None  # read whole, never opened in place
        assert cache.save("other-key", index, RECORDS, tmp_path) is None
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    assert cache.save(KEY, index, RECORDS, blocked) is None
    fifo_root = tmp_path / "fifo-root"
    fifo_root.mkdir()
    os.mkfifo(fifo_root / "index")
    assert cache.save(KEY, index, RECORDS, fifo_root) is None
    assert cache.load(KEY, fifo_root) is None
