"""Run Companion and report when its notes and its search first answer, then quit.

``python3 to_ready.py [BUNDLE_DIR]`` runs ``python -m companion [BUNDLE_DIR]`` in this
process and prints ``notes-ready`` once the notes file has been read into the window
(notes, bookmarks and highlights answer), ``search-ready`` once the search index holds
the bundle and every record (search answers everything), then closes the window as
Quit does. ``tests/bench/suite.py`` times both lines from the moment it spawned this.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
POLL_MS = 5


def main() -> None:
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from companion.ui.shell.window import MainWindow

    real_show = MainWindow.show
    said: set[str] = set()

    def say(marker: str) -> None:
        if marker not in said:
            said.add(marker)
            print(marker, flush=True)

    def show_and_watch(window: MainWindow, *args: Any) -> None:
        real_show(window, *args)
        timer = QTimer(window)

        def check() -> None:
            if not window.started:  # ``window.notes`` would run what is left of start-up
                return
            session, live = window.notes.session, window.search.live
            if session is not None and session.loaded:
                say("notes-ready")
            if live.index is not None and not live.building and "notes-ready" in said:
                say("search-ready")
            if len(said) == 2:
                timer.stop()
                window.close()
                QApplication.quit()

        timer.timeout.connect(check)
        timer.start(POLL_MS)

    MainWindow.show = show_and_watch  # type: ignore[method-assign, assignment]
    sys.argv = ["companion", *sys.argv[1:]]
    runpy.run_module("companion", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
