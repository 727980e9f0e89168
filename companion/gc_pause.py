"""No cyclic garbage collection while a big file is parsed, decoded or indexed (no Qt)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collections_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large file is parsed (or decoded).

    A parse makes millions of objects; full collections during it held the GIL
    for 100-600 ms at a time, which froze the UI thread (tests/bench/stalls.py).
    Decoding the 10,000 records the helper process parsed still triggered one (60 ms).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
