"""Run Companion and report when its notes and its search first answer, then quit.

``python3 to_ready.py [BUNDLE_DIR]`` runs ``python -m companion [BUNDLE_DIR]`` in this
process and prints ``notes-ready`` once the notes file has been read into the window
(notes, bookmarks and highlights answer), ``search-ready`` once the search index holds
the bundle and every record (search answers everything), then closes the window as
Quit does (once start-up's last steps have run too). ``tests/bench/suite.py`` times
both lines from the moment it spawned this.
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
            # Read without ``window.notes`` and ``window.search``: they would run what is
            # left of start-up at once (My Profile is built last, ahead of its first use).
            features, search = window._features, window._search
            session = features.notes.session if features is not None else None
            if session is not None and session.loaded:
                say("notes-ready")
            live = search.live if search is not None else None
            if live is not None and live.index is not None and not live.building and said:
                say("search-ready")  # after the notes: their records are in the index too
            if len(said) == 2 and window.started:
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
