"""A cache of parsed bundles, so a warm start skips YAML entirely.

The key is made from ``bundle.yaml``'s bytes plus the model's schema, so any
edit to the bundle, or a Companion whose model changed, misses the cache.
Only bundles that validated are cached, and a damaged cache entry is ignored
(the bundle is loaded from YAML again): the cache can never change what a
learner sees.
"""

from __future__ import annotations

import contextlib
import zlib
from pathlib import Path

import msgspec

from companion import __version__
from companion.bundle.model import SCHEMA_VERSION, Bundle
from companion.paths import BUNDLE_FILE, MAX_YAML_BYTES, user_cache_dir
from companion.regular_files import read_regular

#: Counts the times validation came to refuse more: a bundle cached before is checked again.
CHECKS = 2


def cache_key(raw: bytes) -> str:
    # The length and two 32-bit checksums: two versions of a file share all three about
    # once in 2**64. hashlib would load OpenSSL before the first paint (~3 ms).
    checksums = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    return f"{len(raw)}-{checksums}-{SCHEMA_VERSION}-{CHECKS}-{__version__}"


def _load_yaml(folder: Path, raw: bytes | None = None) -> Bundle:
    # The loader, and the YAML parser it needs, are imported only on a miss.
    from companion.bundle.loader import load_bundle

    return load_bundle(folder, raw)


def load_bundle_cached(folder: Path, cache_dir: Path | None = None) -> Bundle:
    """Like :func:`load_bundle`, but served from the cache when the file is unchanged."""
    file = folder / BUNDLE_FILE
    try:
        if file.stat().st_size > MAX_YAML_BYTES:
            return _load_yaml(folder)  # it reports the size without reading
        raw = read_regular(file, linked_anywhere=True)
    except OSError:
        return _load_yaml(folder)  # it explains a missing folder or file
    entry = (cache_dir or user_cache_dir()) / "bundles" / f"{cache_key(raw)}.json"
    with contextlib.suppress(OSError, msgspec.DecodeError):
        return msgspec.json.decode(read_regular(entry), type=Bundle)
    bundle = _load_yaml(folder, raw)
    with contextlib.suppress(OSError):
        from companion.atomic import atomic_write

        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, msgspec.json.encode(bundle))
    return bundle
