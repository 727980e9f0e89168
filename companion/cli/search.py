"""``companion search [BUNDLE_DIR] QUERY [--limit N]``: ranked results for scripts and authors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.common import EXIT_OK, EXIT_USAGE
from companion.cli.reading import load_with_notes
from companion.paths import shipped_bundle_dir
from companion.search.documents import KIND_LABELS, content_docs, item_titles, own_docs
from companion.search.index import MATCH_END, MATCH_START, SearchIndex

#: More results than anyone reads; SQLite refuses a LIMIT past 2**63 - 1.
MAX_LIMIT = 1000


def _limit(text: str) -> int:
    try:
        limit = int(text)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_LIMIT}, found '{text}'"
        )
    return limit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("words", nargs="+", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "--limit",
        type=_limit,
        default=20,
        metavar="N",
        help=f"at most N results, 1 to {MAX_LIMIT} (default 20)",
    )


def _meant_as_folder(path: Path) -> bool:
    """Whether a first word that is no folder was still written as one: an absolute path,
    or a path inside a folder that exists. A word like ``and/or`` stays a word."""
    return path.is_absolute() or (len(path.parts) > 1 and path.parent.is_dir())


def run(args: argparse.Namespace) -> int:

    words: list[str] = list(args.words)
    folder: Path | None = args.bundle
    if folder is None and len(words) == 1 and _meant_as_folder(Path(words[0])):
        print(f"companion search: error: no words to look for after {words[0]}", file=sys.stderr)
        return EXIT_USAGE
    if folder is not None and not folder.is_dir():
        if _meant_as_folder(folder):
            print(f"companion search: error: no such bundle folder: {folder}", file=sys.stderr)
            return EXIT_USAGE
        # One optional folder before free text: a first word that is no folder is a word.
        words.insert(0, str(folder))
        folder = None
    folder = folder or shipped_bundle_dir()
    loaded = load_with_notes("search", folder)
    if isinstance(loaded, int):
        return loaded
    bundle, notes = loaded
    index = SearchIndex()
    index.add(content_docs(bundle))
    index.add(own_docs(notes, item_titles(bundle), bundle.stacey))
    hits = index.search(" ".join(words), limit=args.limit)
    if not hits:
        print("no results", file=sys.stderr)
    for number, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.snippet.split()).replace(MATCH_START, "**").replace(MATCH_END, "**")
        label = KIND_LABELS.get(hit.kind, hit.kind)
        print(f"{number}. [{label}] {hit.item}: {hit.title}\n   {snippet}")
    return EXIT_OK
