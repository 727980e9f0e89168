"""Companion's caches on disk (parsed bundles and notes, search indexes): bounded, emptied on
request.

Everything here can be rebuilt, so it is kept only while it is worth its room: an
entry is touched (its modification time) each time it is used, entries not used
for ``UNUSED_DAYS`` go, and the least recently used go until the caches fit in
``MAX_BYTES``. Only files named like the caches' entries are ever removed, so a
cache folder pointed at the wrong place (``$XDG_CACHE_HOME`` set to a home
folder) loses nothing else.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from companion.paths import user_cache_dir

#: Each cache's folder inside the cache folder, and the names of its entries.
KINDS = {"bundles": ("*.json",), "index": ("*.sqlite",), "notes": ("*.json",)}
#: An entry not used for this long goes (a bundle opened once for a test, an old version).
UNUSED_DAYS = 30
#: All the caches together stay under this (a 10,000-item bundle's index is about 90 MB).
MAX_BYTES = 512 * 1024 * 1024
#: Left-overs of a save cut short (``atomic_write``'s temporary files) this old go too.
STALE_TEMP_S = 3600.0


@dataclass(frozen=True)
class Entry:
    path: Path
    size: int
    used: float


def digest(raw: bytes) -> str:
    """Changes whenever ``raw`` does: its length and two 32-bit checksums (two versions of a
    file share all three about once in 2**64). hashlib would load OpenSSL before the first
    paint (~3 ms)."""
    return f"{len(raw)}-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def cache_root(cache_dir: Path | None = None) -> Path:
    return cache_dir or user_cache_dir()


def entries(cache_dir: Path | None = None) -> list[Entry]:
    """Every entry of every cache (regular files only), the least recently used first."""
    found = []
    root = cache_root(cache_dir)
    for kind, patterns in KINDS.items():
        for pattern in patterns:
            for path in (root / kind).glob(pattern):
                with contextlib.suppress(OSError):
                    info = path.lstat()
                    if stat.S_ISREG(info.st_mode):
                        found.append(Entry(path, info.st_size, info.st_mtime))
    return sorted(found, key=lambda e: e.used)


def _temps(cache_dir: Path | None) -> list[Path]:
    root = cache_root(cache_dir)
    return [p for kind in KINDS for p in (root / kind).glob(".*.tmp")]


def touch(path: Path) -> None:
    """Mark ``path`` as used now (the access time is not kept by every file system)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(
    cache_dir: Path | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    unused_days: float = UNUSED_DAYS,
    keep: Path | None = None,
) -> list[Path]:
    """Remove entries unused for ``unused_days``, then the oldest until all fit in
    ``max_bytes`` (never ``keep``, the entry just written). Returns what was removed."""
    now = time.time()
    removed: list[Path] = []
    left = entries(cache_dir)
    total = sum(e.size for e in left)
    for entry in left:
        old = now - entry.used > unused_days * 86400
        if entry.path == keep or not (old or total > max_bytes):
            continue
        with contextlib.suppress(OSError):
            entry.path.unlink()
            removed.append(entry.path)
            total -= entry.size
    for temp in _temps(cache_dir):
        with contextlib.suppress(OSError):
            if now - temp.lstat().st_mtime > STALE_TEMP_S:
                temp.unlink()
                removed.append(temp)
    return removed


def clear(cache_dir: Path | None = None) -> list[Path]:
    """Remove every entry of every cache (and left-over temporary files)."""
    return prune(cache_dir, max_bytes=-1, unused_days=-1) + [
        p for p in _temps(cache_dir) if _unlinked(p)
    ]


def _unlinked(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True
