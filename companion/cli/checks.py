"""``companion validate`` and ``companion check``: a bundle, and its notes (read only)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.bundle.model import Bundle, iter_items
from companion.cli.common import EXIT_INVALID, EXIT_OK
from companion.cli.reading import load
from companion.notes import checkup
from companion.notes.export import count_placements
from companion.notes.fileformat import NotesProblem, parse
from companion.notes.model import NotesFile
from companion.notes.store import locate
from companion.paths import shipped_bundle_dir
from companion.regular_files import read_regular


def _summary(bundle: object) -> str:

    assert isinstance(bundle, Bundle)

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [
        count(len(bundle.definitions), "definition"),
        count(len(bundle.dimensions), "dimension"),
    ]
    if bundle.stacey is not None:
        parts.append(f"1 Stacey model ({count(len(bundle.stacey.regions), 'region')})")
    parts += [count(len(bundle.readings), "reading"), count(len(bundle.voices), "voice")]
    return f"{bundle.id} {bundle.version} is valid: {', '.join(parts)}"


def validate(args: argparse.Namespace) -> int:
    bundle = load("validate", args.bundle or shipped_bundle_dir(), count=True)
    if isinstance(bundle, int):
        return bundle
    print(_summary(bundle))
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    """Validate the bundle and its notes file; read-only: it never writes anything."""
    folder: Path = args.bundle or shipped_bundle_dir()
    bundle = load("check", folder)
    if isinstance(bundle, int):
        return bundle
    print(_summary(bundle))
    where = locate(folder, bundle.id)
    print(f"notes: {where.path} ({where.reason})")
    for line in [
        *checkup.location_lines(where),
        *checkup.lock_lines(where),
        *checkup.waiting_lines(where, bundle.id),
    ]:
        print(line)
    try:
        raw = read_regular(where.path)
    except FileNotFoundError:
        print("no notes yet: 0 notes, 0 bookmarks")
        return EXIT_OK
    except OSError as exc:
        print(f"{where.path}: cannot read: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    try:
        parsed = parse(raw, where.path)
    except NotesProblem as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    data = parsed.data
    print(
        f"{len(data.notes)} notes, {len(data.bookmarks)} bookmarks, {len(data.trash)} in the trash"
    )
    print(_highlight_counts(bundle, data))
    for line in checkup.record_lines(bundle, data):
        print(line)
    if parsed.migrated_from is not None:
        print(f"format {parsed.migrated_from}: Companion will update it when it next opens it")
    for finding in parsed.findings:  # duplicate ids, dates no clock can show
        print(finding, file=sys.stderr)
    if data.bundle != bundle.id:
        print(f"{where.path}: names bundle '{data.bundle}', not '{bundle.id}'", file=sys.stderr)
        return EXIT_INVALID
    referenced = (
        {n.item for n in data.notes}
        | {b.item for b in data.bookmarks}
        | {h.item for h in data.highlights}
    )

    unknown = sorted(referenced - {item.id for _, item in iter_items(bundle)})
    for item in unknown:
        print(
            f"{where.path}: notes refer to '{item}', which the bundle does not have "
            "(kept; they reappear if the item returns)"
        )
    return EXIT_INVALID if parsed.findings else EXIT_OK


def _highlight_counts(bundle: Bundle, data: NotesFile) -> str:
    """Where the highlights are placed in the bundle's text as it is now."""
    n = len(data.highlights)
    if not n:
        return "0 highlights"
    counts = count_placements(bundle, data.highlights)
    return (
        f"{n} highlight{'' if n == 1 else 's'}: {counts.exact} placed exactly, "
        f"{counts.approximate} placed approximately, {counts.orphaned} orphaned"
    )
