"""Shared by the My challenges tests: the Stacey tab of a window with writable notes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from companion.notes.model import NotesModel
from companion.ui.challenges.controller import ChallengesUi
from companion.ui.reading.stacey import StaceyTab
from companion.ui.shell.window import MainWindow
from tests.ui.notes.support import model_of


def on_stacey_tab(qtbot: QtBot, window: MainWindow) -> tuple[ChallengesUi, StaceyTab]:
    tab = window.study_tabs[2]
    assert isinstance(tab, StaceyTab)
    window.go_to_tab(2)
    challenges = window.features.challenges
    qtbot.waitUntil(lambda: challenges.panel is not None and challenges.model is not None)
    return challenges, tab


def add(qtbot: QtBot, challenges: ChallengesUi, title: str, note: str = "") -> str:
    """Add a challenge through the Add… button and its dialog, as a learner would."""
    assert challenges.panel is not None
    qtbot.mouseClick(challenges.panel.add, Qt.MouseButton.LeftButton)
    dialog = challenges.dialog
    assert dialog is not None
    dialog.title.setText(title)
    dialog.note.setPlainText(note)
    dialog.accept()
    assert challenges.selected is not None
    return challenges.selected


def drag(qtbot: QtBot, tab: StaceyTab, start: QPointF, end: QPointF, steps: int = 6) -> None:
    """Press, move in several steps, release: a real drag on the diagram."""
    diagram = tab.diagram
    qtbot.mousePress(diagram, Qt.MouseButton.LeftButton, pos=start.toPoint())
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        qtbot.mouseMove(diagram, point.toPoint())
    qtbot.mouseRelease(diagram, Qt.MouseButton.LeftButton, pos=end.toPoint())


def model(window: MainWindow) -> NotesModel:
    return model_of(window)
