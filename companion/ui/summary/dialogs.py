"""File → Print Summary…, Print Preview… and Export Summary as PDF… for the study window.

The window calls ``print_summary``, ``preview_summary`` and ``export_summary`` with
itself (a ``Shell``) and a snapshot of the open notes; the page is drawn by
``companion.printing``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from companion.bundle.model import Bundle
from companion.notes.model import NotesFile
from companion.printing.content import Summary, summary_content
from companion.printing.output import PrintError, write_pdf
from companion.printing.render import prepare, render
from companion.qt.safe_text import warn
from companion.ui.kit.shell_api import Shell


def _paper_of(printer: QPrinter) -> str:
    # The learner's choice in the dialog wins; anything but Letter is laid out as A4.
    return "Letter" if printer.pageLayout().pageSize().id().name == "Letter" else "A4"


def _paint(summary: Summary, printer: QPrinter) -> None:
    prepare(printer, _paper_of(printer))
    render(summary, printer)


def print_summary_dialog(parent: QWidget, bundle: Bundle, notes: NotesFile | None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(bundle.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the six-dimension summary")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _paint(summary_content(bundle, notes), printer)
    return True


class SummaryPreview(QPrintPreviewDialog):
    """A print preview of the one-page summary (the caller shows it)."""

    def __init__(self, parent: QWidget | None, bundle: Bundle, notes: NotesFile | None) -> None:
        # The dialog does not own its printer: keep it alive as long as the dialog.
        self.kept_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.kept_printer.setDocName(bundle.title)
        super().__init__(self.kept_printer, parent)
        self.setWindowTitle("Summary preview")
        self.summary = summary_content(bundle, notes)
        self.paintRequested.connect(lambda device: _paint(self.summary, device))


def export_pdf_dialog(parent: QWidget, bundle: Bundle, notes: NotesFile | None) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Export the summary as PDF",
        str(Path.home() / f"{bundle.id}-summary.pdf"),
        "PDF files (*.pdf)",
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
    try:
        write_pdf(summary_content(bundle, notes), path)
    except PrintError as exc:
        warn(parent, "Could not export the summary", str(exc))
        return None
    return path


def print_summary(shell: Shell, notes: NotesFile | None) -> None:
    if print_summary_dialog(shell.host, shell.bundle, notes):
        shell.show_message("Summary sent to the printer", 5000)


def preview_summary(shell: Shell, notes: NotesFile | None) -> None:
    preview = SummaryPreview(shell.host, shell.bundle, notes)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()


def export_summary(shell: Shell, notes: NotesFile | None) -> None:
    path = export_pdf_dialog(shell.host, shell.bundle, notes)
    if path is not None:
        shell.show_message(f"Summary saved as {path}", 8000)
