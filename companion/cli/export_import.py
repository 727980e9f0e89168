"""``companion export`` and ``companion import``: the notes as Markdown or W3C Web Annotations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from companion.atomic import atomic_write
from companion.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from companion.cli.reading import load, load_with_notes
from companion.notes.export import export_markdown, export_w3c
from companion.notes.fileformat import NotesProblem, parse
from companion.notes.importer import import_w3c
from companion.notes.kept import adopt_leftovers
from companion.notes.lock import NotesLock
from companion.notes.store import NotesUnwritable, locate, open_notes, save_notes
from companion.paths import shipped_bundle_dir
from companion.regular_files import read_regular


def export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("markdown", "w3c"),
        default="markdown",
        help="Markdown to read, or W3C Web Annotation JSON-LD to import elsewhere "
        "(default: markdown)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )


def export(args: argparse.Namespace) -> int:
    """Write the notes as Markdown or W3C JSON-LD; the notes file is only read."""

    folder: Path = args.bundle or shipped_bundle_dir()
    loaded = load_with_notes("export", folder)
    if isinstance(loaded, int):
        return loaded
    bundle, data = loaded
    if args.format == "w3c":
        text = json.dumps(export_w3c(bundle, data), indent=2, ensure_ascii=False) + "\n"
    else:
        text = export_markdown(bundle, data)
    if args.output is None:
        # UTF-8 whatever the console's encoding, as the file would be.
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            stream.write(text.encode("utf-8"))
            stream.flush()
        return EXIT_OK
    output: Path = args.output
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as exc:
        print(
            f"companion export: error: cannot write {output}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return EXIT_OK


def _read_json(file: Path) -> Any:
    """The parsed file; a problem is raised as ``FILE:LINE:COLUMN: message``."""

    raw = read_regular(file, linked_anywhere=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValueError(
            f"{file}:{line}:{column}: not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{file}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise ValueError(f"{file}:1:1: invalid JSON: nested too deeply") from None


def _annotation_file(text: str) -> Path:
    path = Path(text)
    if path.is_dir():  # ``companion import BUNDLE_DIR`` with the file forgotten
        raise argparse.ArgumentTypeError(f"{text} is a folder; give the annotation file")
    return path


def import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=_annotation_file, metavar="FILE", help="a W3C Web Annotation JSON file"
    )


def import_(args: argparse.Namespace) -> int:
    """Merge a W3C annotation file into the notes, under the notes lock."""
    file: Path = args.file
    try:
        document = _read_json(file)
    except FileNotFoundError:
        print(f"companion import: error: no such file: {file}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"companion import: error: cannot read {file}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    folder: Path = args.bundle or shipped_bundle_dir()
    bundle = load("import", folder)
    if isinstance(bundle, int):
        return bundle
    where = locate(folder, bundle.id)
    if where.read_only is not None:
        print(
            f"companion import: error: {where.path} is read-only ({where.read_only}); nothing "
            "imported. Open the bundle in Companion and choose Continue in Data Folder, "
            "then import again",
            file=sys.stderr,
        )
        return EXIT_INVALID
    lock = NotesLock(where.path)
    try:
        if not lock.try_acquire():
            print(
                f"companion import: error: the notes are open in {lock.holder()}; "
                "close it and try again",
                file=sys.stderr,
            )
            return EXIT_INVALID
    except OSError as exc:
        print(f"companion import: error: cannot lock {where.path}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    try:
        # Read first, so that a broken notes file is reported and left exactly as it is.
        try:
            current = read_regular(where.path) if where.path.exists() else None
            if current is not None:
                parse(current, where.path)
        except NotesProblem as exc:
            print(exc, file=sys.stderr)
            return EXIT_INVALID
        except OSError as exc:
            print(f"{where.path}: cannot read: {exc.strerror}", file=sys.stderr)
            return EXIT_INVALID
        # A save cut short may have left the newest notes beside the file: the save
        # below would sweep it away after an hour, so it is kept aside first.
        for kept in adopt_leftovers(where.path, current):
            print(
                f"companion import: a save that was cut short left notes beside {where.path}; "
                f"they were kept as {kept} and Companion offers them when it next opens",
                file=sys.stderr,
            )
        opened = open_notes(where.path, bundle.id)
        for notice in opened.notices:
            print(f"{where.path}: warning: {notice}", file=sys.stderr)
        if opened.read_only is not None:
            print(f"{where.path}: {opened.read_only}; nothing imported", file=sys.stderr)
            return EXIT_INVALID
        if opened.data.bundle != bundle.id:
            print(
                f"{where.path}: names bundle '{opened.data.bundle}', not '{bundle.id}'; "
                "nothing imported",
                file=sys.stderr,
            )
            return EXIT_INVALID
        report = import_w3c(bundle, opened.data, document)
        for problem in report.problems:
            print(f"{file}: {problem}", file=sys.stderr)
        for warning in report.warnings:
            print(f"{file}: warning: {warning}", file=sys.stderr)
        if report.changed or opened.repaired:
            try:
                save_notes(where.path, report.data)
            except NotesUnwritable as exc:
                print(
                    f"companion import: error: {exc}; nothing imported",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            except OSError as exc:
                print(
                    f"companion import: error: cannot save {where.path}: {exc.strerror}; "
                    "nothing imported",
                    file=sys.stderr,
                )
                return EXIT_INVALID
        print(f"{report.summary()} (notes: {where.path})")
        return EXIT_INVALID if report.problems else EXIT_OK
    finally:
        lock.release()
