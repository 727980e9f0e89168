"""Shared by the notes UI tests: a writable copy of the shipped bundle and a window on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from companion.bundle import load_bundle
from companion.notes.fileformat import parse
from companion.notes.model import Bookmark, Note, NotesFile, NotesModel, empty_file
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.notes_session import NotesSession
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow

BUNDLE_ID = "touchpoint-7"
STAMP = "2026-01-02T03:04:05.000Z"


def copy_bundle(tmp_path: Path) -> Path:
    """The shipped bundle in a folder of its own, so its notes land beside it in tmp_path."""
    folder = tmp_path / "bundles" / BUNDLE_ID
    shutil.copytree(shipped_bundle_dir(), folder)
    return folder


def notes_file(folder: Path) -> Path:
    return folder.parent / f"{BUNDLE_ID}.notes.yaml"


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


def on_disk(path: Path) -> NotesFile:
    """The records in the file (an AssertionError until it exists, so waitUntil waits)."""
    assert path.exists(), f"{path} has not been written yet"
    return parse(path.read_bytes(), path).data


def saved_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def session_of(window: MainWindow) -> NotesSession:
    assert window.notes.session is not None
    return window.notes.session


def model_of(window: MainWindow) -> NotesModel:
    return session_of(window).model


def note(note_id: str, item: str, body: str) -> Note:
    return Note(id=note_id, item=item, body=body, created=STAMP, modified=STAMP)


def with_records(*notes: Note, bookmarks: tuple[str, ...] = ()) -> NotesFile:
    """A notes file of the shipped bundle holding ``notes`` and bookmarks on ``bookmarks``."""
    marks = [Bookmark(item=i, created=STAMP) for i in bookmarks]
    return msgspec.structs.replace(empty_file(BUNDLE_ID), notes=list(notes), bookmarks=marks)
