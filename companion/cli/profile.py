"""``companion profile [BUNDLE_DIR] [--format json]``: the learner's self-assessments.

A table with the dimensions as rows and the assessments' dates as columns (oldest
first), levels in the bundle's words; ``--format json`` gives scripts the scale, the
dimensions and every assessment with its evidence. Read only: it never writes.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from companion.cli.common import EXIT_OK
from companion.cli.reading import load_with_notes
from companion.notes.profile import profile_json, profile_table
from companion.paths import shipped_bundle_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="a table with dates as columns (default) or JSON for scripts",
    )


def run(args: argparse.Namespace) -> int:
    folder: Path = args.bundle or shipped_bundle_dir()
    loaded = load_with_notes("profile", folder)
    if isinstance(loaded, int):
        return loaded
    bundle, notes = loaded
    live = [a for a in notes.assessments if a.deleted is None]
    if args.format == "json":
        print(json.dumps(profile_json(bundle, live), ensure_ascii=False, indent=2))
    else:
        # Dates as the learner's clock shows them (JSON keeps the stored UTC times).
        zone = datetime.now().astimezone().tzinfo
        print(profile_table(bundle, live, zone) if zone else profile_table(bundle, live), end="")
    return EXIT_OK
