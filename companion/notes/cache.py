"""Notes files as last read or written, so a warm start skips parsing YAML (seconds at
10,000 records).

An entry is keyed by the notes file's path (one entry per file: the one before goes)
and its bytes (their length and two checksums) and the notes format: a file that
changed in any way, or another Companion, misses it. Only records that read cleanly
are kept (no migration, no repair, nothing to report); an entry that does not decode is
ignored and the YAML read: the cache can never change what a learner sees. A save keeps
the records it wrote (``remember``), so the start after an evening's edits is warm too.
Entries live in the user's cache folder (``notes/``), bounded with the others
(``companion.caches``); ``companion cache --clear`` removes them.
"""

from __future__ import annotations

import contextlib
import glob
import zlib
from pathlib import Path

import msgspec

from companion import __version__
from companion.caches import cache_root, digest, prune, touch
from companion.notes.fileformat import Parsed, parse
from companion.notes.model import NOTES_SCHEMA_VERSION, NotesFile
from companion.notes.review import review
from companion.regular_files import read_regular


def _file_key(path: Path) -> str:
    return f"{zlib.crc32(str(path.absolute()).encode('utf-8', 'surrogateescape')):08x}"


def entry_for(path: Path, raw: bytes, cache_dir: Path | None = None) -> Path:
    name = f"{_file_key(path)}-{digest(raw)}-{NOTES_SCHEMA_VERSION}-{__version__}"
    return cache_root(cache_dir) / "notes" / f"{name}.json"


def parse_cached(raw: bytes, path: Path, cache_dir: Path | None = None) -> Parsed:
    """``fileformat.parse(raw, path)``, from the cache when these bytes were read before."""
    entry = entry_for(path, raw, cache_dir)
    with contextlib.suppress(OSError, msgspec.DecodeError):
        data = msgspec.json.decode(read_regular(entry), type=NotesFile)
        touch(entry)
        return Parsed(data)
    parsed = parse(raw, path)
    if parsed.migrated_from is None and not parsed.findings and not parsed.repaired:
        _keep(entry, parsed.data, cache_dir)
    return parsed


def remember(path: Path, raw: bytes, data: NotesFile, cache_dir: Path | None = None) -> None:
    """``raw``, just written to ``path``, holds ``data``: the next read need not parse it."""
    found = review(data, lambda _path: 0)
    if found.findings or found.data is not data:
        return  # reading it would repair it or report something: let it be read
    _keep(entry_for(path, raw, cache_dir), data.normalised(), cache_dir)


def _keep(entry: Path, data: NotesFile, cache_dir: Path | None) -> None:
    with contextlib.suppress(OSError):
        from companion.atomic import atomic_write

        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, msgspec.json.encode(data))
        same_file = glob.escape(entry.name.split("-", 1)[0])
        for older in entry.parent.glob(f"{same_file}-*.json"):
            if older != entry:
                older.unlink(missing_ok=True)
        prune(cache_dir, keep=entry)
