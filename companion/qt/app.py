"""The one QApplication: named, with Companion's icon and the Fusion style.

The study window, the offscreen printing of ``companion print-summary`` and the
screenshot and benchmark scripts all start Qt here, so each draws as the others do.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from companion import __version__
from companion.paths import resources_dir

#: One look on every desktop: the style sheet is written for Qt's Fusion style.
STYLE = "Fusion"


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Chosen on Qt's command line, not with setStyle(): that returns the style to
        # Python, and setting up its Python type alone costs ~10 ms of start-up.
        app = QApplication([*(argv or sys.argv[:1]), "-style", STYLE])
    app.setApplicationName("Companion")
    app.setOrganizationName("Companion")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("companion")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "companion.svg")))
    return app
