"""Run the real app on a bundle and visit everything it can show, then quit.

``python tests/e2e/hostile_tour.py BUNDLE_DIR`` starts Companion as ``companion
BUNDLE_DIR`` does (``companion.cli.main``) and, once its window is up, shows every
item of every tab, each panel, each note and highlight, the trash, search results,
the summary preview, the About box, the learner's copies of readings and every
tooltip (a ToolTip event, as a hovering mouse sends), then closes the window as
Quit does. A bundle that cannot be opened gets its dialog toured instead.
``tests/e2e/test_outside_reads.py`` runs it under strace.

It prints ``toured N tooltips`` at the end; anything else going wrong is a traceback.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from companion.ui.shell.window import MainWindow

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # this checkout's Companion, not an installed one

SETTLE_S = 60.0


def settle(done: Callable[[], bool] = lambda: True, turns: int = 3) -> None:
    """Let Qt work ``turns`` times, then until ``done()``."""
    from PySide6.QtWidgets import QApplication

    for _ in range(turns):
        QApplication.processEvents()
    deadline = time.monotonic() + SETTLE_S
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        QApplication.processEvents()
        time.sleep(0.01)  # a driver script polling the real app, not a test's wait


def tour() -> int:
    """Tour the window; or, for a bundle that cannot be opened, the dialog that says why."""
    from PySide6.QtWidgets import QApplication

    from companion.ui.shell.bundle_errors import BundleErrorDialog
    from companion.ui.shell.window import MainWindow
    from tests.ui.hovering import hover_all

    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def shown() -> QWidget | None:
        kinds = (MainWindow, BundleErrorDialog)
        return next((w for w in app.topLevelWidgets() if isinstance(w, kinds)), None)

    settle(lambda: shown() is not None)
    window = shown()
    if isinstance(window, BundleErrorDialog):
        settle()
        hovered = len(hover_all([window]))
        window.reject()
        return hovered
    assert isinstance(window, MainWindow)
    return tour_window(window)


def tour_window(window: MainWindow) -> int:
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtWidgets import QApplication, QDialog

    from companion.ui.reading.stacey import StaceyTab
    from tests.ui.hovering import hover, hover_all

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.finish_start()
    session = window.notes.session
    assert session is not None
    settle(lambda: session.loaded)
    settle(lambda: window.search.live.index is not None and not window.search.live.building)
    notes = window.notes
    hovered = 0
    for dock in (
        notes.item_dock,
        notes.all_notes_dock,
        notes.bookmarks_dock,
        window.highlights.dock,
    ):
        dock.show()
        dock.raise_()
        settle()
    for slot in window.slots:
        for item in slot.item_ids:
            window.navigate(item)
            settle()
            panel = notes.item_panel
            for row in range(panel.list.count()):
                panel.list.setCurrentRow(row)
                settle()
            tab = slot.content()
            if window.copies.show_source(tab.pane, "copy"):
                settle()
                hovered += len(hover_all([tab.pane]))
            if isinstance(tab, StaceyTab):
                diagram = tab.diagram
                for region in tab.stacey.regions:
                    hovered += bool(hover(diagram, diagram.region_center(region.id).toPoint()))
        hovered += len(hover_all([window]))
    for dock in (notes.all_notes_dock, notes.bookmarks_dock, window.highlights.dock):
        dock.raise_()
        settle()
        hovered += len(hover_all([window]))
    highlights = window.highlights.panel
    for model in (highlights.rows, highlights.orphan_rows):
        for entry in model.rows:
            highlights.select(entry.highlight.id)
            settle()
            hovered += len(hover_all([highlights]))
    notes.show_trash()
    assert notes.trash is not None
    for row in range(notes.trash.list.count()):
        notes.trash.list.setCurrentRow(row)
        settle()
    hovered += len(hover_all([notes.trash]))
    notes.trash.close()
    search = window.search
    for query in ("bold", "img", "canary", "nothing-matches-this"):
        search.edit.setText(query)
        search.run()
        settle()
        hovered += len(hover_all([search.popup]))
        search.escape()
    window.open_link(QUrl('item:<img src="companion-canary-link.png">'))  # said in the status bar
    window.preview_summary()
    settle(lambda: isinstance(app.activeModalWidget(), QDialog))
    options = app.activeModalWidget()  # what to include, asked first
    assert isinstance(options, QDialog)
    hovered += len(hover_all([options]))
    options.accept()
    settle(lambda: app.activeModalWidget() not in (None, options))
    preview = app.activeModalWidget()
    assert preview is not None
    settle()
    hovered += len(hover_all([preview]))
    preview.close()
    settle()
    for action in (window.act.about, window.act.shortcuts):
        QTimer.singleShot(200, lambda: (box := app.activeModalWidget()) and box.close())
        action.trigger()
    window.close()  # as Quit does: the notes are saved and released
    settle()
    return hovered


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from companion.cli import main as companion
    from companion.qt.app import make_app

    make_app([sys.argv[0]])
    outcome: list[int] = []

    def run() -> None:
        try:
            outcome.append(tour())
        except BaseException:
            traceback.print_exc()
            outcome.append(-1)
        QApplication.exit(0)

    QTimer.singleShot(0, run)
    companion(argv)
    if not outcome or outcome[0] < 0:
        return 1
    print(f"toured {outcome[0]} tooltips", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
