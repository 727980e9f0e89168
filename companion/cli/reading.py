"""Reading a bundle and its notes for a command: a problem is said on stderr (file, line,
column) and the exit code is returned instead of raising."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.bundle import BundleInvalid, BundleNotFound, load_bundle
from companion.bundle.model import Bundle
from companion.cli.common import EXIT_INVALID, EXIT_USAGE
from companion.notes.fileformat import NotesProblem, parse
from companion.notes.model import NotesFile, empty_file
from companion.notes.store import locate
from companion.paths import shipped_bundle_dir
from companion.regular_files import read_regular


def load(command: str, folder: Path, *, count: bool = False) -> Bundle | int:
    """The bundle, or the exit code after saying what is wrong (``count``: and how much)."""
    try:
        return load_bundle(folder)
    except BundleNotFound as exc:
        print(f"companion {command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BundleInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if count:
            n = len(exc.problems)
            print(f"{n} problem{'' if n == 1 else 's'} found", file=sys.stderr)
        return EXIT_INVALID


def read_notes(command: str, bundle: Bundle, folder: Path) -> NotesFile | int:
    """The bundle's notes, read without writing anything (no notes yet: none)."""
    where = locate(folder, bundle.id)
    try:
        raw = read_regular(where.path)
    except FileNotFoundError:
        return empty_file(bundle.id)
    except OSError as exc:
        print(
            f"companion {command}: error: {where.path}: cannot read: {exc.strerror}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        data = parse(raw, where.path).data
    except NotesProblem as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    if data.bundle != bundle.id:
        print(f"{where.path}: names bundle '{data.bundle}', not '{bundle.id}'", file=sys.stderr)
        return EXIT_INVALID
    return data


def load_with_notes(command: str, folder: Path) -> tuple[Bundle, NotesFile] | int:
    """The bundle and its notes (read only), or the exit code after saying what is wrong."""
    bundle = load(command, folder)
    if isinstance(bundle, int):
        return bundle
    notes = read_notes(command, bundle, folder)
    if isinstance(notes, int):
        return notes
    return bundle, notes


def page_setup(command: str, args: argparse.Namespace) -> tuple[str, Bundle, Path] | int:
    """For the printing commands: the paper (``--paper``), the bundle and its folder, or the
    exit code after saying what is wrong. Qt is told to draw offscreen: no display needed."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported
    from companion.printing.output import PrintError, check_paper

    folder: Path = args.bundle or shipped_bundle_dir()
    try:
        paper = check_paper(args.paper)
    except PrintError as exc:
        print(f"companion {command}: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    bundle = load(command, folder)
    if isinstance(bundle, int):
        return bundle
    return paper, bundle, folder
