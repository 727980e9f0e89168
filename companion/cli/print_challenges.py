"""``companion print-challenges``: the Stacey matrix with the learner's challenges and their
notes, on one page of PDF, with no display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from companion.cli.reading import page_setup, read_notes

COMMAND = "print-challenges"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="write a PDF")
    parser.add_argument("--paper", default="A4", help="A4 (default) or Letter")


def run(args: argparse.Namespace) -> int:
    if args.output is None:
        print(f"companion {COMMAND}: error: give -o FILE.pdf", file=sys.stderr)
        return EXIT_USAGE
    setup = page_setup(COMMAND, args)
    if isinstance(setup, int):
        return setup
    paper, bundle, folder = setup
    from companion.notes.model import NotesModel
    from companion.printing.challenges import challenges_content, render_challenges
    from companion.printing.output import PrintError, paged_pdf, save_pdf
    from companion.qt.app import make_app

    if bundle.stacey is None:
        print(
            f"companion {COMMAND}: error: {folder}: the bundle has no Stacey matrix",
            file=sys.stderr,
        )
        return EXIT_INVALID
    notes = read_notes(COMMAND, bundle, folder)
    if isinstance(notes, int):
        return notes
    make_app()
    page = challenges_content(bundle, NotesModel(notes).challenges())
    try:
        save_pdf(
            args.output, lambda: paged_pdf(page.title, lambda d: render_challenges(page, d), paper)
        )
    except PrintError as exc:
        print(f"companion {COMMAND}: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"wrote {args.output} ({len(page.challenges)} challenge{'s' * (len(page.challenges) != 1)})"
    )
    return EXIT_OK
