"""File → Print Summary… (Ctrl+P), Print Preview… and Export Summary as PDF… in the window.

Each asks once, in one dialog, for the paper and what of the learner's to include; the
pages are real PDFs checked with poppler. Export opens the PDF it wrote: the desktop is
asked through ``QDesktopServices``, whose ``file:`` handler the ``opened_urls`` fixture
sets to a recorder (Qt's own hook for this), so no viewer starts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from companion.notes.records import Rating
from companion.ui.shell.window import MainWindow
from companion.ui.summary.dialogs import SummaryPreview, SummaryPrintDialog
from companion.ui.summary.options import SummaryOptionsDialog
from tests.printing.test_summary_pdf import pdf_info, pdf_text
from tests.ui.message_boxes import answer_next_box
from tests.ui.notes.support import model_of


def test_print_actions_are_in_the_file_menu_with_ctrl_p(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    for name in ("Print Summary…", "Print Preview…", "Export Summary as PDF…"):
        assert name in texts
    assert QKeySequence("Ctrl+P") in window.act.print_summary.shortcuts()


def options_dialog(qtbot: QtBot) -> SummaryOptionsDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SummaryOptionsDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SummaryOptionsDialog)
    return dialog


def press_ok(dialog: SummaryOptionsDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    ok.click()


def test_preview_asks_once_then_shows_one_page(qtbot: QtBot, window: MainWindow) -> None:
    window.act.preview_summary.trigger()
    dialog = options_dialog(qtbot)
    # No notes and no assessments yet: nothing of the learner's to include.
    assert not dialog.choices.notes.isEnabled() and not dialog.choices.profile.isEnabled()
    assert dialog.target() is None  # Preview writes no file
    press_ok(dialog)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SummaryPreview))
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, SummaryPreview)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert widget.pageCount() == 1
    preview.close()


def with_records(window: MainWindow) -> None:
    model = model_of(window)
    model.add_note("ways-of-relating", "Ask Sam about the ward huddle.")
    model.add_assessment(
        [Rating(dimension="ways-of-feeling", level="often", evidence="Said no.")],
        created="2026-12-01T10:00:00.000Z",
    )


def test_export_asks_once_writes_the_choices_and_opens_the_pdf(
    qtbot: QtBot, win: MainWindow, tmp_path: Path, opened_urls: list[str]
) -> None:
    with_records(win)
    win.act.export_summary.trigger()
    dialog = options_dialog(qtbot)
    choices = dialog.choices
    assert choices.notes.isChecked() and choices.profile.isChecked()
    assert choices.paper is not None
    choices.paper.setCurrentText("Letter")
    choices.notes.setChecked(False)
    assert dialog.path is not None
    dialog.path.setText(str(tmp_path / "mine"))  # ".pdf" is added
    press_ok(dialog)
    out = tmp_path / "mine.pdf"
    qtbot.waitUntil(lambda: opened_urls == [QUrl.fromLocalFile(str(out)).toString()])
    info = pdf_info(out)
    assert info["Pages"] == "1" and "(letter)" in info["Page size"]
    text = " ".join(pdf_text(out, layout=False).split())
    assert "Self-assessment of 2026-12-01" in text and "1. Ways of feeling often" in text
    assert "Ask Sam" not in text  # notes left out, as chosen
    assert str(out) in win.statusBar().currentMessage()


def test_export_into_a_missing_folder_says_so_and_opens_nothing(
    qtbot: QtBot, win: MainWindow, tmp_path: Path, opened_urls: list[str]
) -> None:
    win.act.export_summary.trigger()
    dialog = options_dialog(qtbot)
    assert dialog.path is not None
    dialog.path.setText(str(tmp_path / "nowhere" / "s.pdf"))
    seen = answer_next_box(QMessageBox.StandardButton.Ok)
    press_ok(dialog)
    qtbot.waitUntil(lambda: bool(seen))
    assert "no such folder" in seen[0].text and seen[0].title == "Could not export the summary"
    assert opened_urls == []


def test_print_asks_in_the_print_dialog_and_prints_one_page(
    qtbot: QtBot, win: MainWindow, tmp_path: Path
) -> None:
    with_records(win)
    out = tmp_path / "printed.pdf"
    dialog = SummaryPrintDialog(win, win.bundle, model_of(win).snapshot())
    qtbot.addWidget(dialog)
    assert dialog.choices.notes.isChecked() and dialog.choices.profile.isChecked()
    assert dialog.choices.paper is None  # the print dialog has its own
    dialog.choices.profile.setChecked(False)
    QDialog.open(dialog)
    qtbot.waitUntil(dialog.choices.isVisible)  # in sight, not folded behind "Options >>"
    # As a learner would: "Print to File (PDF)" in the dialog's list of printers.
    printers = dialog.findChild(QComboBox, "printers")
    assert printers is not None
    printers.setCurrentText("Print to File (PDF)")
    filename = dialog.findChild(QLineEdit, "filename")
    assert filename is not None
    filename.setText(str(out))
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert pdf_info(out)["Pages"] == "1"
    text = " ".join(pdf_text(out, layout=False).split())
    assert "Ask Sam about the ward huddle." in text
    assert "Self-assessment of" not in text
