"""A cache of parsed bundles, so a warm start skips YAML entirely.

The key is made from ``bundle.yaml``'s bytes plus the model's schema, so any
edit to the bundle, or a Companion whose model changed, misses the cache.
Only bundles that validated are cached, and a damaged cache entry is ignored
(the bundle is loaded from YAML again): the cache can never change what a
learner sees. The key of each bundle loaded stays known (``key_of``): the search
index of its content is cached under the same key (``companion.search.cache``).
The cache is bounded (``companion.caches``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import msgspec

from companion import __version__
from companion.bundle.model import SCHEMA_VERSION, Bundle
from companion.caches import digest, touch
from companion.paths import BUNDLE_FILE, MAX_YAML_BYTES, user_cache_dir
from companion.regular_files import read_regular

#: Counts the times validation came to refuse more: a bundle cached before is checked again.
CHECKS = 3
#: How many bundles' keys are remembered (the window shows one; a test opens a few).
KEPT_KEYS = 8

_keys: dict[int, tuple[Bundle, str]] = {}


def key_of(bundle: Bundle) -> str | None:
    """The cache key of ``bundle`` if it came from ``load_bundle_cached`` (else None)."""
    found = _keys.get(id(bundle))
    return found[1] if found is not None and found[0] is bundle else None


def _remember(bundle: Bundle, key: str) -> Bundle:
    _keys.pop(id(bundle), None)
    _keys[id(bundle)] = (bundle, key)
    while len(_keys) > KEPT_KEYS:
        del _keys[next(iter(_keys))]
    return bundle


def cache_key(raw: bytes) -> str:
    return f"{digest(raw)}-{SCHEMA_VERSION}-{CHECKS}-{__version__}"


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
    key = cache_key(raw)
    entry = (cache_dir or user_cache_dir()) / "bundles" / f"{key}.json"
    with contextlib.suppress(OSError, msgspec.DecodeError):
        cached = msgspec.json.decode(read_regular(entry), type=Bundle)
        touch(entry)
        return _remember(cached, key)
    bundle = _load_yaml(folder, raw)
    with contextlib.suppress(OSError):
        from companion.atomic import atomic_write
        from companion.caches import prune

        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, msgspec.json.encode(bundle))
        prune(cache_dir, keep=entry)
    return _remember(bundle, key)
