"""Command line: ``companion [BUNDLE_DIR]`` opens the app; subcommands work without a display.

Exit codes: 0 success, 1 the input is invalid (or standard output refused a write),
2 a usage error (bad arguments, a missing folder, no display for the window).

``companion import`` imports every annotation it can read and exits 1 when
some could not be read (listed on stderr), 0 when all were imported.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from companion import __version__
from companion.paths import shipped_bundle_dir

if TYPE_CHECKING:
    from companion.bundle.model import Bundle
    from companion.notes.model import NotesFile

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _bundle_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        metavar="BUNDLE_DIR",
        help="a bundle folder (default: the shipped touch-point seven bundle)",
    )


def _summary(bundle: object) -> str:
    from companion.bundle.model import Bundle

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


def cmd_validate(args: argparse.Namespace) -> int:
    bundle = _load("validate", args.bundle or shipped_bundle_dir(), count=True)
    if isinstance(bundle, int):
        return bundle
    print(_summary(bundle))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the bundle and its notes file; read-only: it never writes anything."""
    from companion.notes import checkup
    from companion.notes.fileformat import NotesProblem, parse
    from companion.notes.store import locate
    from companion.regular_files import read_regular

    folder: Path = args.bundle or shipped_bundle_dir()
    bundle = _load("check", folder)
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
    from companion.bundle.model import iter_items

    unknown = sorted(referenced - {item.id for _, item in iter_items(bundle)})
    for item in unknown:
        print(
            f"{where.path}: notes refer to '{item}', which the bundle does not have "
            "(kept; they reappear if the item returns)"
        )
    return EXIT_INVALID if parsed.findings else EXIT_OK


def _highlight_counts(bundle: Bundle, data: NotesFile) -> str:
    """Where the highlights are placed in the bundle's text as it is now."""
    from companion.notes.export import count_placements

    n = len(data.highlights)
    if not n:
        return "0 highlights"
    counts = count_placements(bundle, data.highlights)
    return (
        f"{n} highlight{'' if n == 1 else 's'}: {counts.exact} placed exactly, "
        f"{counts.approximate} placed approximately, {counts.orphaned} orphaned"
    )


def _load(command: str, folder: Path, *, count: bool = False) -> Bundle | int:
    """The bundle, or the exit code after saying what is wrong (``count``: and how much)."""
    from companion.bundle import BundleInvalid, BundleNotFound, load_bundle

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


def _read_notes(command: str, bundle: Bundle, folder: Path) -> NotesFile | int:
    """The bundle's notes, read without writing anything (no notes yet: none)."""
    from companion.notes.fileformat import NotesProblem, parse
    from companion.notes.model import empty_file
    from companion.notes.store import locate
    from companion.regular_files import read_regular

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


def cmd_export(args: argparse.Namespace) -> int:
    """Write the notes as Markdown or W3C JSON-LD; the notes file is only read."""
    import json

    from companion.atomic import atomic_write
    from companion.notes.export import export_markdown, export_w3c

    folder: Path = args.bundle or shipped_bundle_dir()
    bundle = _load("export", folder)
    if isinstance(bundle, int):
        return bundle
    data = _read_notes("export", bundle, folder)
    if isinstance(data, int):
        return data
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
    import json

    from companion.regular_files import read_regular

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


def cmd_import(args: argparse.Namespace) -> int:
    """Merge a W3C annotation file into the notes, under the notes lock."""
    from companion.notes.fileformat import NotesProblem, parse
    from companion.notes.importer import import_w3c
    from companion.notes.kept import adopt_leftovers
    from companion.notes.lock import NotesLock
    from companion.notes.store import NotesUnwritable, locate, open_notes, save_notes
    from companion.regular_files import read_regular

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
    bundle = _load("import", folder)
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


def cmd_open(args: argparse.Namespace) -> int:
    folder: Path | None = args.bundle
    if folder is not None and not folder.is_dir():
        print(f"companion: error: no such bundle folder: {folder}", file=sys.stderr)
        return EXIT_USAGE
    if not _graphical_session():
        # Qt would abort (exit 134) blaming a missing libxcb-cursor0.
        *commands, last = SUBCOMMANDS
        print(
            "companion: error: the study window needs a graphical session (DISPLAY or "
            "WAYLAND_DISPLAY) and there is none; without one, use companion "
            f"{', '.join(commands)} or {last}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    # No collections while starting: everything made until the window exists lives as
    # long as the app and is frozen then (companion.ui.shell.app.run), so they would find
    # nothing (measured: ~7 ms of start-up). Hence no bundle module is imported at the
    # top of this one.
    gc.disable()
    import_msgspec_alone()
    # PySide6 runs a hook after every import that follows its own; importing the
    # Qt-free core first keeps those modules out of it (measured: ~25 ms of start-up).
    # The notes (and YAML) load after the window's first paint.
    import companion.bundle.cache
    import companion.bundle.pages  # noqa: F401
    from companion.ui.shell.app import run  # Qt is imported only for the window

    return run(folder)


def _graphical_session() -> bool:
    """Whether Qt has somewhere to show a window (a platform chosen by hand counts)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def import_msgspec_alone() -> None:
    """Import msgspec without the typing_extensions it loads when that is installed.

    msgspec takes backports from typing_extensions (get_type_hints, Required and
    NotRequired) that Python 3.11's typing already has. Companion does not need it, test
    and development tools install it, and loading it costs ~3 ms of start-up (measured).
    """
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # its import fails
    try:
        import msgspec  # noqa: F401
    finally:
        del sys.modules["typing_extensions"]


def _export_args(parser: argparse.ArgumentParser) -> None:
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


def _annotation_file(text: str) -> Path:
    path = Path(text)
    if path.is_dir():  # ``companion import BUNDLE_DIR`` with the file forgotten
        raise argparse.ArgumentTypeError(f"{text} is a folder; give the annotation file")
    return path


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=_annotation_file, metavar="FILE", help="a W3C Web Annotation JSON file"
    )


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "validate": ("check a bundle and list every problem as FILE:LINE:COLUMN", cmd_validate),
    "check": ("check a bundle and its notes file; print where the notes are and counts", cmd_check),
    "export": (
        "write the notes as Markdown or W3C Web Annotation JSON-LD (--format, -o FILE)",
        cmd_export,
    ),
    "import": ("merge a W3C Web Annotation file (FILE) into the notes", cmd_import),
    "print-summary": (
        "the one-page six-dimension summary as a PDF (-o) or on a printer (--printer)",
        lambda args: _printing().run(args),
    ),
    "search": ("search the bundle and your notes (QUERY, --limit N)", lambda a: _search().run(a)),
}
#: Arguments after BUNDLE_DIR, by command.
EXTRA_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "export": _export_args,
    "import": _import_args,
    "print-summary": lambda parser: _printing().add_arguments(parser),
    "search": lambda parser: _search().add_arguments(parser),
}


def _printing() -> ModuleType:
    from companion.printing import command

    return command


def _search() -> ModuleType:
    from companion.search import command

    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Companion, an offline study companion for system leadership. "
        "Without a command, opens the study window.",
        epilog="commands: "
        + "; ".join(f"companion {name} [BUNDLE_DIR]: {h}" for name, (h, _) in SUBCOMMANDS.items()),
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    _bundle_arg(parser)
    parser.set_defaults(func=cmd_open)
    return parser


def _subparser(name: str) -> argparse.ArgumentParser:
    help_text, func = SUBCOMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"companion {name}", description=help_text)
    _bundle_arg(parser)
    if name in EXTRA_ARGUMENTS:
        EXTRA_ARGUMENTS[name](parser)
    parser.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:  # how the desktop starts it: no parser to build (~1.5 ms)
        return cmd_open(argparse.Namespace(bundle=None))
    from companion.console import stdout_checked

    command = args_list[0] if args_list[0] in SUBCOMMANDS else None
    return stdout_checked(
        f"companion {command}" if command else "companion", lambda: _run(command, args_list)
    )


def _run(command: str | None, args_list: list[str]) -> int:
    # A plain positional (the bundle folder) and subcommands share the first
    # slot, so dispatch by hand rather than with argparse subparsers.
    if command is not None:
        parser = _subparser(command)
        args_list = args_list[1:]
    else:
        parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: --help, --version (0) or bad usage (2)
        return int(exc.code or 0)
    result: int = args.func(args)
    return result
