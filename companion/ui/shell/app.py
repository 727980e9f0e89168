"""Start the Qt application on a bundle."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from companion.bundle.cache import load_bundle_cached
from companion.bundle.errors import BundleInvalid, BundleNotFound, with_quoted_lines
from companion.bundle.model import Bundle
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.kit.theme import (
    DARK,
    Colors,
    ThemeChoice,
    apply_palette,
    apply_style_sheet,
    apply_theme,
    current_colors,
)
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow

if TYPE_CHECKING:
    from companion.ui.shell.quit_signals import QuitOnSignals

EXIT_INVALID = 1


def follow_system_theme(app: QApplication, settings: Settings) -> None:
    """Re-apply the "System" theme when the desktop switches between light and dark."""

    def system_changed() -> None:
        if settings.theme() is ThemeChoice.SYSTEM:
            apply_theme(app, ThemeChoice.SYSTEM)

    QGuiApplication.styleHints().colorSchemeChanged.connect(system_changed)


def apply_start_palette(app: QApplication, settings: Settings) -> Colors:
    """The theme's palette; for "System" a guess, which the window checks after its first paint."""
    system_dark = settings.system_dark()  # as it was last time
    if system_dark is None:  # ours is not applied yet: the palette is the desktop's
        system_dark = current_colors() is DARK
    return apply_palette(app, settings.theme(), system_dark)


def try_load(folder: Path) -> tuple[Bundle | None, list[str]]:
    """The bundle, or the problems as printable lines."""
    try:
        return load_bundle_cached(folder), []
    except BundleNotFound as exc:
        return None, [str(exc)]
    except BundleInvalid as exc:
        return None, with_quoted_lines(exc.problems)


def open_bundle(
    folder: Path | None, parent: MainWindow | None = None
) -> tuple[Bundle, Path] | None:
    """Load ``folder`` (default: shipped); on problems show them and offer an alternative."""
    folder = folder or shipped_bundle_dir()
    bundle, problems = try_load(folder)
    if bundle is not None:
        return bundle, folder
    from PySide6.QtWidgets import QDialog

    from companion.ui.shell.bundle_errors import BundleErrorDialog  # only when something is wrong

    app = QApplication.instance()
    if isinstance(app, QApplication) and not app.styleSheet():
        apply_style_sheet(app, current_colors())  # at start-up it comes with the window

    shipped = shipped_bundle_dir()
    if parent is not None:
        alternative = "The bundle you had open stays open"
    elif folder.resolve() == shipped.resolve():
        alternative = "Companion closes; reinstalling it brings back its own bundle"
    else:
        alternative = "The bundle that comes with Companion opens instead"
    dialog = BundleErrorDialog(folder, problems, alternative, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or parent is not None:
        return None
    if folder.resolve() == shipped.resolve():
        return None
    bundle, _ = try_load(shipped)
    return (bundle, shipped) if bundle is not None else None


#: Set by tests/bench/startup.py: print a marker at the first paint, then quit.
FIRST_PAINT_ENV = "COMPANION_BENCH_FIRST_PAINT"


class _FirstPaintProbe(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first-paint", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def settle_runtime() -> None:
    """Once the window exists: the interpreter's settings for the rest of the run."""
    # The bundle and the widgets live as long as the app: keep them out of every
    # later full collection (which holds the GIL the UI thread needs).
    gc.freeze()
    gc.enable()  # the command line turned it off while starting
    # Give the UI thread the GIL back sooner while workers parse or index (default 5 ms).
    sys.setswitchinterval(0.001)


def run(folder: Path | None) -> int:
    app = make_app()
    settings = Settings()
    colors = apply_start_palette(app, settings)
    opened = open_bundle(folder)
    if opened is None:
        return EXIT_INVALID
    window = MainWindow(*opened, settings)
    # The style sheet only now: a widget made under one is restyled each time it joins
    # a layout; made first, each is styled once, when first shown (~4 ms of start-up).
    apply_style_sheet(app, colors)
    follow_system_theme(app, settings)
    settle_runtime()

    def switch(new_folder: Path) -> None:
        result = open_bundle(new_folder, window)
        if result is not None:
            window.set_bundle(*result)

    window.sig_open_bundle.connect(switch)
    if os.environ.get(FIRST_PAINT_ENV):
        probe = _FirstPaintProbe(window)
        window.installEventFilter(probe)

    def quit_on_signal(signum: int) -> None:
        window.close()  # as Quit does: the notes are saved and their lock given up
        app.exit(128 + signum)  # how a shell reports a process ended by a signal

    guards: list[QuitOnSignals] = []

    def guard() -> None:
        from companion.ui.shell.quit_signals import QuitOnSignals  # ~2.5 ms: not before the window

        guards.append(QuitOnSignals(quit_on_signal, app))

    window.show()
    window.welcome()  # a first start: Start here, once the notes and search are in
    QTimer.singleShot(0, guard)  # the notes load after the first paint: nothing to lose before
    try:
        return app.exec()
    finally:
        for installed in guards:
            installed.uninstall()
