"""``companion cache``: where Companion's caches are and how big; ``--clear`` empties them."""

from __future__ import annotations

import argparse
import sys

from companion.caches import KINDS, MAX_BYTES, UNUSED_DAYS, cache_root, clear, entries
from companion.cli.common import EXIT_INVALID, EXIT_OK
from companion.paths import shown_path

WHAT = {"bundles": "parsed bundles", "index": "search indexes", "notes": "notes as last read"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clear",
        action="store_true",
        help="remove every cached bundle, search index and notes file",
    )


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} kB"


def run(args: argparse.Namespace) -> int:
    root = cache_root()
    if args.clear:
        removed = clear()
        left = entries()
        if left:
            print(
                f"companion cache: error: could not remove {len(left)} entries, "
                f"e.g. {left[0].path}",
                file=sys.stderr,
            )
            return EXIT_INVALID
        print(f"Removed {len(removed)} cache entries from {shown_path(root)}")
        return EXIT_OK
    found = entries()
    print(f"Caches in {shown_path(root)}: {_size(sum(e.size for e in found))} in total")
    for kind in KINDS:
        mine = [e for e in found if e.path.parent == root / kind]
        size = _size(sum(e.size for e in mine))
        print(f"  {kind + '/':<9}{WHAT[kind]}: {len(mine)} entries, {size}")
    print(
        f"Entries unused for {UNUSED_DAYS} days go, and the oldest go beyond "
        f"{_size(MAX_BYTES)}; `companion cache --clear` removes them all."
    )
    return EXIT_OK
