"""What every command shares: exit codes, the list of commands, the bundle argument.

Light on purpose: the window starts through here (``reading`` loads bundles and notes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

#: Each subcommand and what it does (for --help, and for the window's "no display" error).
COMMANDS: dict[str, str] = {
    "validate": "check a bundle and list every problem as FILE:LINE:COLUMN",
    "check": "check a bundle and its notes file; print where the notes are and counts",
    "export": "write the notes as Markdown or W3C Web Annotation JSON-LD (--format, -o FILE)",
    "import": "merge a W3C Web Annotation file (FILE) into the notes",
    "print-summary": "the one-page six-dimension summary as a PDF (-o) or on a printer (--printer)",
    "print-challenges": "the Stacey matrix with your challenges and their notes as a PDF (-o)",
    "search": "search the bundle and your notes (QUERY, --limit N)",
    "profile": "your self-assessments on the dimensions, dates as columns (--format json)",
    "cache": "where Companion's caches are and how big; --clear empties them",
}
#: Commands about Companion itself, not a bundle.
WITHOUT_BUNDLE = frozenset({"cache"})


def bundle_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        metavar="BUNDLE_DIR",
        help="a bundle folder (default: the shipped touch-point seven bundle)",
    )
