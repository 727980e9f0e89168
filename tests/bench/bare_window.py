"""The floor for tests/bench/startup.py: a bare Qt window shaped like Companion's.

A QMainWindow holding a QTabWidget of four QTextEdit tabs. On its first paint it prints
``first-paint`` (the same probe as ``companion.ui.shell.app``) and quits, so process start to first
paint can be compared with Companion's in the same run.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTextEdit

TABS = ("Definitions", "Six Dimensions", "Stacey Model", "Readings")
TEXT = (
    "System leadership is leadership beyond the boundaries of one organisation. "
    "It asks for ways of feeling, perceiving, thinking, relating, doing and being. "
) * 6


class FirstPaintProbe(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first-paint", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    tabs = QTabWidget()
    for name in TABS:
        edit = QTextEdit()
        edit.setPlainText(f"{name}\n\n{TEXT}")
        tabs.addTab(edit, name)
    window.setCentralWidget(tabs)
    window.resize(1100, 720)
    probe = FirstPaintProbe(window)
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
