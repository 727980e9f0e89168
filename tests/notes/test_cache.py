"""Notes files as last read or written are served from the cache, never stale or broken."""

from __future__ import annotations

from pathlib import Path

import msgspec

from companion import caches
from companion.notes import disk, store
from companion.notes.cache import entry_for, parse_cached
from companion.notes.fileformat import serialize
from tests.notes.support import note, with_records


def _entries() -> list[Path]:
    return sorted((caches.cache_root() / "notes").glob("*.json"))


def test_a_file_read_before_is_served_from_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "t.notes.yaml"
    data = with_records(note("n-1", "ways-of-being", "wombat"))
    raw = serialize(data)
    path.write_bytes(raw)
    assert store.open_notes(path, data.bundle).data == data.normalised()
    [entry] = _entries()
    assert entry == entry_for(path, raw)
    # What the cache holds is what is served (so the YAML was not read again).
    planted = with_records(note("n-1", "ways-of-being", "from the cache"))
    entry.write_bytes(msgspec.json.encode(planted))
    assert store.open_notes(path, data.bundle).data == planted


def test_one_byte_changed_or_a_damaged_entry_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "t.notes.yaml"
    data = with_records(note("n-1", "ways-of-being", "wombat"))
    path.write_bytes(serialize(data))
    store.open_notes(path, data.bundle)
    [entry] = _entries()
    entry.write_bytes(b'{"schema_version": "damaged"')
    assert store.open_notes(path, data.bundle).data == data.normalised()
    path.write_bytes(path.read_bytes().replace(b"wombat", b"wombaT"))
    assert store.open_notes(path, data.bundle).data.notes[0].body == "wombaT"
    assert len(_entries()) == 1  # one entry per notes file: the one before went


def test_a_save_keeps_what_it_wrote_and_the_next_read_is_the_same(tmp_path: Path) -> None:
    path = tmp_path / "t.notes.yaml"
    data = with_records(note("n-1", "ways-of-being", "wombat"), bookmarks=("ways-of-doing",))
    saved = disk.save_if_unchanged(path, data, None)
    assert isinstance(saved, disk.Saved)
    [entry] = _entries()
    assert entry == entry_for(path, saved.raw)
    assert parse_cached(saved.raw, path).data == data.normalised()


def test_a_file_that_needs_repair_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.notes.yaml"
    twice = with_records(note("n-1", "ways-of-being", "one"), note("n-1", "ways-of-doing", "two"))
    raw = serialize(twice)
    path.write_bytes(raw)
    parsed = parse_cached(raw, path)
    assert parsed.repaired and _entries() == []
    disk.save_if_unchanged(path, twice, raw)
    assert _entries() == []
