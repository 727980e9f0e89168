"""The caches stay bounded: unused entries go, the oldest go beyond the size limit."""

from __future__ import annotations

import os
import time
from pathlib import Path

from companion import caches
from companion.bundle.cache import load_bundle_cached
from companion.paths import shipped_bundle_dir
from tests.notes.support import copy_bundle


def _entry(root: Path, name: str, size: int, days_unused: float) -> Path:
    kind = "index" if name.endswith(".sqlite") else "bundles"
    path = root / kind / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - days_unused * 86400
    os.utime(path, (when, when))
    return path


def test_entries_unused_for_long_go_and_others_stay(tmp_path: Path) -> None:
    old = _entry(tmp_path, "old.json", 10, caches.UNUSED_DAYS + 1)
    recent = _entry(tmp_path, "recent.sqlite", 10, 1)
    removed = caches.prune(tmp_path)
    assert removed == [old] and not old.exists() and recent.exists()


def test_beyond_the_size_limit_the_least_recently_used_go(tmp_path: Path) -> None:
    oldest = _entry(tmp_path, "a.sqlite", 400, 3)
    middle = _entry(tmp_path, "b.json", 400, 2)
    newest = _entry(tmp_path, "c.sqlite", 400, 1)
    just_written = _entry(tmp_path, "d.sqlite", 400, 5)  # kept whatever its time
    caches.prune(tmp_path, max_bytes=1000, keep=just_written)
    assert [p.exists() for p in (oldest, middle, newest, just_written)] == [
        False,
        False,
        True,
        True,
    ]
    assert sum(e.size for e in caches.entries(tmp_path)) <= 1000


def test_only_the_caches_entries_are_ever_removed(tmp_path: Path) -> None:
    mine = _entry(tmp_path, "e.json", 10, 1)
    other = tmp_path / "bundles" / "notes.yaml"
    other.write_text("not a cache entry")
    beside = tmp_path / "photo.jpg"
    beside.write_bytes(b"jpeg")
    fifo = tmp_path / "index" / "f.sqlite"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    caches.clear(tmp_path)
    assert not mine.exists() and other.exists() and beside.exists() and fifo.exists()
    assert caches.entries(tmp_path) == []


def test_a_bundle_cache_entry_is_touched_when_used_and_the_cache_pruned_when_written(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    stale = _entry(cache, "stale.json", 10, caches.UNUSED_DAYS + 5)
    load_bundle_cached(shipped_bundle_dir(), cache)
    assert not stale.exists()  # pruned after a new entry was written
    [entry] = caches.entries(cache)
    long_ago = time.time() - 10 * 86400
    os.utime(entry.path, (long_ago, long_ago))
    load_bundle_cached(shipped_bundle_dir(), cache)  # a warm start uses it...
    assert entry.path.stat().st_mtime > long_ago + 86400  # ...and says so
    load_bundle_cached(copy_bundle(tmp_path), cache)
    assert len(caches.entries(cache)) == 1  # the copy is the same bundle: the same key
