from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from companion.bundle.model import Bundle
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow


@pytest.fixture
def settings_file(user_dirs: Path) -> Path:
    return user_dirs / ".config" / "Companion" / "Companion.ini"


@pytest.fixture
def make_window(qtbot: QtBot, shipped: Bundle, settings_file: Path) -> Callable[[], MainWindow]:
    """A fresh window on the shipped bundle, with settings in the test's temp home."""
    make_app()

    def make() -> MainWindow:
        store = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = MainWindow(shipped, shipped_bundle_dir(), Settings(store))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # Shortcuts reach only the active window, as on a desktop.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    return make_window()


class UrlRecorder(QObject):
    """Receives URLs that Qt's QDesktopServices would hand to the system."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def opened_urls() -> Iterator[list[str]]:
    """Every URL Companion asks the desktop to open (instead of a real browser)."""
    recorder = UrlRecorder()
    schemes = ["http", "https", "mailto", "file", "javascript", "ftp"]
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, recorder, "open")  # type: ignore[arg-type]
    yield recorder.opened
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped bundle whose notes land beside it (a writable location)."""
    from tests.notes.support import copy_bundle

    return copy_bundle(tmp_path)


@pytest.fixture
def win(qtbot: QtBot, folder: Path, settings_file: Path) -> MainWindow:
    """A window on that copy, with its notes session started."""
    from tests.ui.notes.support import open_window

    return open_window(qtbot, folder, settings_file)


@pytest.fixture(autouse=True)
def usual_text_size() -> Iterator[None]:
    """A test that zooms leaves the application's font as it found it (the zoom scales the
    whole window through it): the next test's widgets start at the usual size."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    usual = app.property("companionUsualPoints") if isinstance(app, QApplication) else None
    if isinstance(app, QApplication) and usual is not None:
        font = app.font()
        if font.pointSizeF() != float(usual):
            font.setPointSizeF(float(usual))
            QApplication.setFont(font)
