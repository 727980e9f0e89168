"""Shared by the notes UI tests: a window on a writable copy of the shipped bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from companion.bundle import load_bundle
from companion.notes.model import NotesModel
from companion.qt.app import make_app
from companion.ui.notes.session import NotesSession
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow


def open_window(
    qtbot: QtBot, folder: Path, settings_file: Path, *, writable: bool = True
) -> MainWindow:
    """A shown, active window whose notes have been read (and are writable, if asked)."""
    make_app()
    store = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(load_bundle(folder), folder, Settings(store))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.notes.session is not None)  # starts after the first paint
    session = window.notes.session
    assert session is not None
    qtbot.waitUntil(lambda: session.loaded)
    if window.notes.problem_dialog is None:  # else the dialog is the active window
        # Shortcuts reach only the active window, as on a desktop.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    if writable:
        qtbot.waitUntil(lambda: session.writable)
    return window


def press(qtbot: QtBot, widget: QWidget, keys: str) -> None:
    """Press a key combination with ``widget`` focused, as a learner would."""
    widget.setFocus()
    combination = QKeySequence(keys)[0]  # type: ignore[index]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def session_of(window: MainWindow) -> NotesSession:
    assert window.notes.session is not None
    return window.notes.session


def model_of(window: MainWindow) -> NotesModel:
    return session_of(window).model
