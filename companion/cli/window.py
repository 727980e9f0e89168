"""``companion [BUNDLE_DIR]``: open the study window (Qt is imported only here, and late)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from companion.cli.common import COMMANDS, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    folder: Path | None = args.bundle
    if folder is not None and not folder.is_dir():
        print(f"companion: error: no such bundle folder: {folder}", file=sys.stderr)
        return EXIT_USAGE
    if not _graphical_session():
        # Qt would abort (exit 134) blaming a missing libxcb-cursor0.
        *commands, last = COMMANDS
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
    from companion.ui.shell.app import run as run_app  # Qt is imported only for the window

    return run_app(folder)


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
