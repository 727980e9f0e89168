"""``companion print-summary``: the one-page summary as a PDF or on a printer, with no display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from companion.cli.reading import page_setup, read_notes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="write a PDF")
    parser.add_argument("--paper", default="A4", help="A4 (default) or Letter")
    parser.add_argument(
        "--with-notes", action="store_true", help="add your notes and highlights per dimension"
    )
    parser.add_argument(
        "--with-profile",
        action="store_true",
        help="add your latest self-assessment: the profile chart and a rating per dimension",
    )
    parser.add_argument("--printer", metavar="NAME", help="send it to this installed printer")


def run(args: argparse.Namespace) -> int:
    if args.output is None and args.printer is None:
        print("companion print-summary: error: give -o FILE.pdf or --printer NAME", file=sys.stderr)
        return EXIT_USAGE
    setup = page_setup("print-summary", args)
    if isinstance(setup, int):
        return setup
    paper, bundle, folder = setup
    from companion.printing.content import summary_content
    from companion.printing.output import PrintError, print_summary, write_pdf
    from companion.qt.app import make_app

    mine = (
        read_notes("print-summary", bundle, folder)
        if args.with_notes or args.with_profile
        else None
    )
    if isinstance(mine, int):
        return mine
    make_app()
    summary = summary_content(
        bundle,
        mine if args.with_notes else None,
        profile_from=mine if args.with_profile else None,
    )
    try:
        if args.output is not None:
            write_pdf(summary, args.output, paper)
            print(f"wrote {args.output}")
        if args.printer is not None:
            print_summary(summary, args.printer, paper)
            print(f"sent to printer {args.printer}")
    except PrintError as exc:
        print(f"companion print-summary: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK
