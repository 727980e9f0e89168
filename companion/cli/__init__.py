"""The command line: ``companion [BUNDLE_DIR]`` opens the window; subcommands need no display.

Exit codes: 0 success, 1 the input is invalid (or standard output refused a write),
2 a usage error (bad arguments, a missing folder, no display for the window).

``companion import`` imports every annotation it can read and exits 1 when
some could not be read (listed on stderr), 0 when all were imported.

One module per group of commands: ``window`` (no subcommand: the study window),
``checks`` (validate, check), ``export_import``, ``search``, ``print_summary``, ``profile``,
``print_challenges``, ``cache`` (Companion's caches: where, how big, ``--clear``);
``common`` holds what they share and ``console`` guards standard output. A command's
module is imported only when it runs, so the window starts without them. The command
line sits above everything else: nothing in ``companion`` imports it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from companion import __version__
from companion.cli.common import COMMANDS, WITHOUT_BUNDLE, bundle_arg

Run = Callable[[argparse.Namespace], int]
Arguments = Callable[[argparse.ArgumentParser], None]


def _command(name: str) -> tuple[Run, Arguments | None]:
    """What runs ``name`` and the arguments it takes after BUNDLE_DIR (imported now)."""
    if name in ("validate", "check"):
        from companion.cli import checks

        return (checks.validate if name == "validate" else checks.check), None
    if name in ("export", "import"):
        from companion.cli import export_import as ei

        if name == "export":
            return ei.export, ei.export_arguments
        return ei.import_, ei.import_arguments
    if name == "search":
        from companion.cli import search

        return search.run, search.add_arguments
    if name == "print-challenges":
        from companion.cli import print_challenges

        return print_challenges.run, print_challenges.add_arguments
    if name == "profile":
        from companion.cli import profile

        return profile.run, profile.add_arguments
    if name == "cache":
        from companion.cli import cache

        return cache.run, cache.add_arguments
    from companion.cli import print_summary

    return print_summary.run, print_summary.add_arguments


def _open_window(args: argparse.Namespace) -> int:
    from companion.cli import window

    return window.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Companion, an offline study companion for system leadership. "
        "Without a command, opens the study window.",
        epilog="commands: "
        + "; ".join(
            f"companion {name}{'' if name in WITHOUT_BUNDLE else ' [BUNDLE_DIR]'}: {h}"
            for name, h in COMMANDS.items()
        ),
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    bundle_arg(parser)
    parser.set_defaults(func=_open_window)
    return parser


def _subparser(name: str) -> argparse.ArgumentParser:
    run, arguments = _command(name)
    parser = argparse.ArgumentParser(prog=f"companion {name}", description=COMMANDS[name])
    if name not in WITHOUT_BUNDLE:
        bundle_arg(parser)
    if arguments is not None:
        arguments(parser)
    parser.set_defaults(func=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:  # how the desktop starts it: no parser to build (~1.5 ms)
        return _open_window(argparse.Namespace(bundle=None))
    from companion.cli.console import stdout_checked

    command = args_list[0] if args_list[0] in COMMANDS else None
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
