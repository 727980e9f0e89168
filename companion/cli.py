"""Command line: ``companion [BUNDLE_DIR]`` opens the app; subcommands work without a display.

Exit codes: 0 success, 1 the input is invalid, 2 a usage error (bad arguments,
missing folder).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from companion import __version__
from companion.bundle.model import iter_items
from companion.paths import shipped_bundle_dir

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
    from companion.bundle import BundleInvalid, BundleNotFound, load_bundle

    folder: Path = args.bundle or shipped_bundle_dir()
    try:
        bundle = load_bundle(folder)
    except BundleNotFound as exc:
        print(f"companion validate: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BundleInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        n = len(exc.problems)
        print(f"{n} problem{'' if n == 1 else 's'} found", file=sys.stderr)
        return EXIT_INVALID
    print(_summary(bundle))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the bundle and its notes file; read-only: it never writes anything."""
    from companion.bundle import BundleInvalid, BundleNotFound, load_bundle
    from companion.notes.fileformat import NotesProblem, parse
    from companion.notes.store import locate

    folder: Path = args.bundle or shipped_bundle_dir()
    try:
        bundle = load_bundle(folder)
    except BundleNotFound as exc:
        print(f"companion check: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BundleInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    print(_summary(bundle))
    where = locate(folder, bundle.id)
    print(f"notes: {where.path} ({where.reason})")
    try:
        raw = where.path.read_bytes()
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
    if parsed.migrated_from is not None:
        print(f"format {parsed.migrated_from}: Companion will update it when it next opens it")
    if data.bundle != bundle.id:
        print(f"{where.path}: names bundle '{data.bundle}', not '{bundle.id}'", file=sys.stderr)
        return EXIT_INVALID
    referenced = {n.item for n in data.notes} | {b.item for b in data.bookmarks}
    unknown = sorted(referenced - {item.id for _, item in iter_items(bundle)})
    for item in unknown:
        print(
            f"{where.path}: notes refer to '{item}', which the bundle does not have "
            "(kept; they reappear if the item returns)"
        )
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    folder: Path | None = args.bundle
    if folder is not None and not folder.is_dir():
        print(f"companion: error: no such bundle folder: {folder}", file=sys.stderr)
        return EXIT_USAGE
    # PySide6 runs a hook after every import that follows its own; importing the
    # Qt-free core first keeps those modules out of it (measured: ~25 ms of start-up).
    import companion.bundle.cache
    import companion.bundle.pages
    import companion.notes.store  # noqa: F401
    from companion.ui.app import run  # Qt is imported only for the window

    return run(folder)


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "validate": ("check a bundle and list every problem as FILE:LINE:COLUMN", cmd_validate),
    "check": ("check a bundle and its notes file; print where the notes are and counts", cmd_check),
}


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
    parser.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # A plain positional (the bundle folder) and subcommands share the first
    # slot, so dispatch by hand rather than with argparse subparsers.
    if args_list and args_list[0] in SUBCOMMANDS:
        parser = _subparser(args_list[0])
        args_list = args_list[1:]
    else:
        parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: --help, --version (0) or bad usage (2)
        return int(exc.code or 0)
    result: int = args.func(args)
    return result
