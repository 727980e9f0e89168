"""Answering a real message box the way a learner would: read it, then click a button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

#: Looks for the box this many times, 10 ms apart, before giving up.
LOOKS = 1000


@dataclass
class Seen:
    title: str
    text: str
    details: str
    plain: bool


def answer_next_box(button: QMessageBox.StandardButton) -> list[Seen]:
    """Click ``button`` on the next modal message box; the list fills with what it said.

    Call it before the action that opens the box (which waits in the box's own loop).
    """
    seen: list[Seen] = []
    looks = [0]

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            plain = box.textFormat() == Qt.TextFormat.PlainText
            seen.append(Seen(box.windowTitle(), box.text(), box.informativeText(), plain))
            box.button(button).click()
        elif looks[0] < LOOKS:
            looks[0] += 1
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    return seen
