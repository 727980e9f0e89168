"""File → Print Summary… (Ctrl+P), Print Preview… and Export Summary as PDF… in the window."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from companion.ui.shell.window import MainWindow
from companion.ui.summary.dialogs import SummaryPreview


def test_print_actions_are_in_the_file_menu_with_ctrl_p(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    for name in ("Print Summary…", "Print Preview…", "Export Summary as PDF…"):
        assert name in texts
    assert QKeySequence("Ctrl+P") in window.act.print_summary.shortcuts()


def test_preview_from_the_menu_shows_one_page(qtbot: QtBot, window: MainWindow) -> None:
    window.act.preview_summary.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SummaryPreview))
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, SummaryPreview)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert widget.pageCount() == 1
    preview.close()
