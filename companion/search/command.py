"""``companion search [BUNDLE_DIR] QUERY [--limit N]``: ranked results for scripts and authors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.search.index import MATCH_END, MATCH_START, SearchIndex

EXIT_OK, EXIT_INVALID = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("words", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N results (default 20)"
    )


def run(args: argparse.Namespace) -> int:
    from companion.cli import _load, _read_notes
    from companion.paths import shipped_bundle_dir
    from companion.search.documents import KIND_LABELS, content_docs, item_titles, own_docs

    words: list[str] = list(args.words)
    folder: Path | None = args.bundle
    if folder is not None and not folder.is_dir():
        # One optional folder before free text: a first word that is no folder is a word.
        words.insert(0, str(folder))
        folder = None
    folder = folder or shipped_bundle_dir()
    bundle = _load("search", folder)
    if isinstance(bundle, int):
        return bundle
    notes = _read_notes("search", bundle, folder)
    if isinstance(notes, int):
        return notes
    index = SearchIndex()
    index.add(content_docs(bundle))
    index.add(own_docs(notes, item_titles(bundle)))
    hits = index.search(" ".join(words), limit=max(args.limit, 0))
    if not hits:
        print("no results", file=sys.stderr)
    for number, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.snippet.split()).replace(MATCH_START, "**").replace(MATCH_END, "**")
        label = KIND_LABELS.get(hit.kind, hit.kind)
        print(f"{number}. [{label}] {hit.item}: {hit.title}\n   {snippet}")
    return EXIT_OK
