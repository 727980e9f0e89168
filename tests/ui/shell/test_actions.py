"""The window's own actions: File → Open starts where a learner keeps bundles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from companion.ui.shell.actions import open_start
from companion.ui.shell.window import MainWindow


def test_open_starts_in_the_home_folder_not_inside_the_installed_package(
    qtbot: QtBot, window: MainWindow, user_dirs: Path
) -> None:
    seen: list[Path] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen.append(Path(dialog.directory().absolutePath()))
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.act.open_bundle.trigger()
    assert seen == [Path.home()] and Path.home() == user_dirs


def test_open_starts_beside_a_bundle_of_ones_own(tmp_path: Path) -> None:
    mine = tmp_path / "courses" / "touchpoint-8"
    mine.mkdir(parents=True)
    assert open_start(mine) == tmp_path / "courses"
    assert open_start(tmp_path / "gone" / "away") == Path.home()
