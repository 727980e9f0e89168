"""Starting the application: the style and theme every window is drawn with."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from companion.bundle.model import Bundle
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.kit.theme import (
    DARK,
    LIGHT,
    ThemeChoice,
    apply_style_sheet,
    apply_theme,
    current_colors,
)
from companion.ui.shell.app import apply_start_palette
from companion.ui.shell.docks import make_docks
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow

REPO = Path(__file__).resolve().parents[2]

#: Starts the app on the shipped bundle and, instead of running it, reports how it is drawn.
REPORT_INSTEAD_OF_RUNNING = """
import sys
from PySide6.QtWidgets import QApplication

def report(app):
    sheet = app.styleSheet()
    app.setStyleSheet("")  # the style under the sheet
    print(app.style().name(), bool(sheet), flush=True)
    return 0

QApplication.exec = report
from companion.ui.shell.app import run
sys.exit(run(None))
"""


def run_app(code: str, **env: str) -> str:
    """What ``code`` (which starts the app) prints, run offscreen with ``env`` added."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_app_draws_with_fusion_and_its_style_sheet_whatever_the_desktop_asks() -> None:
    # A desktop (KDE, say) may ask for its own style; the style sheet is written for Fusion.
    report = run_app(REPORT_INSTEAD_OF_RUNNING, QT_STYLE_OVERRIDE="windows")
    assert report.split() == ["fusion", "True"]


#: Starts the app on the shipped bundle and, at its first paint, reports whether Qt's
#: namespace (``PySide6.QtCore.Qt``, made by PySide on first use) has been made by then.
REPORT_AT_FIRST_PAINT = """
import builtins, os, runpy, sys
real_print = builtins.print

def report(*args, **kwargs):
    if args and args[0] == "first-paint":
        import PySide6.QtCore
        real_print("Qt namespace made:", "Qt" in vars(PySide6.QtCore), flush=True)
        os._exit(0)
    real_print(*args, **kwargs)

builtins.print = report
sys.argv = ["companion"]
runpy.run_module("companion", run_name="__main__", alter_sys=True)
"""


def first_paint_report() -> str:
    return run_app(REPORT_AT_FIRST_PAINT, COMPANION_BENCH_FIRST_PAINT="1")


def test_the_first_paint_comes_before_qts_namespace_is_made(settings_file: Path) -> None:
    # Making it builds 93 Python enums: a third of what start-up does beyond a bare window.
    assert first_paint_report() == "Qt namespace made: False"
    # A window whose panels share a side with their tabs showing needs it before its paint
    # (and this shows the report can tell).
    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    Settings(store).set_window_state(QByteArray(two_panels_open()))
    store.sync()
    assert first_paint_report() == "Qt namespace made: True"


def two_panels_open() -> bytes:
    make_app()
    window = QMainWindow()
    docks = make_docks(window)
    docks.bookmarks.show()
    state = bytes(window.saveState().data())
    window.deleteLater()
    return state


def test_a_wrong_guess_at_the_system_theme_is_put_right_after_the_first_paint(
    qtbot: QtBot, shipped: Bundle, settings_file: Path
) -> None:
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.set_system_dark(True)  # as the desktop was last time
    app = make_app()
    try:
        colors = apply_start_palette(app, settings)
        assert colors is DARK and current_colors() is DARK  # the first paint's guess
        window = MainWindow(shipped, shipped_bundle_dir(), settings)
        qtbot.addWidget(window)
        apply_style_sheet(app, colors)
        window.show()
        qtbot.waitUntil(lambda: current_colors() is LIGHT)  # offscreen Qt is never dark
        assert "#1e2023" not in app.styleSheet()  # the dark window colour
        window.close()
        assert settings.system_dark() is False  # the next start guesses that
    finally:
        apply_theme(app, ThemeChoice.LIGHT)


def test_a_chosen_theme_is_kept_whatever_the_desktop_was_last_time(
    qtbot: QtBot, shipped: Bundle, settings_file: Path
) -> None:
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.set_system_dark(True)
    settings.set_theme(ThemeChoice.DARK)
    app = make_app()
    try:
        assert apply_start_palette(app, settings) is DARK
        window = MainWindow(shipped, shipped_bundle_dir(), settings)
        qtbot.addWidget(window)
        window.show()
        window.finish_start()  # the check of a "System" guess has run
        assert current_colors() is DARK  # offscreen Qt is not dark: the choice holds
        window.close()
        assert settings.system_dark() is True  # only a "System" theme records the desktop's
    finally:
        apply_theme(app, ThemeChoice.LIGHT)
