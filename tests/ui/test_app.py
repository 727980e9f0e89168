"""Starting the application: the style and theme every window is drawn with."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
from companion.ui.app import run
sys.exit(run(None))
"""


def test_the_app_draws_with_fusion_and_its_style_sheet_whatever_the_desktop_asks() -> None:
    # A desktop (KDE, say) may ask for its own style; the style sheet is written for Fusion.
    env = {**os.environ, "QT_STYLE_OVERRIDE": "windows", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", REPORT_INSTEAD_OF_RUNNING],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["fusion", "True"]
