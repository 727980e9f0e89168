"""File → Print Summary…, Print Preview… and Export Summary as PDF… for the study window.

The window calls ``print_summary``, ``preview_summary`` and ``export_summary`` with
itself (a ``Shell``) and a snapshot of the open notes; the page is drawn by
``companion.printing``. Each asks once, in one dialog, what to include
(``options``): Print in the print dialog itself, Preview and Export in their own.
Export opens the PDF when it is written, with ``QDesktopServices`` (the desktop's
viewer; a test registers a handler for ``file:`` URLs instead).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QPushButton, QTabWidget, QWidget

from companion.bundle.model import Bundle
from companion.notes.model import NotesFile
from companion.printing.content import Summary, summary_content
from companion.printing.output import PrintError, write_pdf
from companion.printing.render import prepare, render
from companion.qt.safe_text import warn
from companion.ui.kit.shell_api import Shell
from companion.ui.summary.options import SummaryChoices, SummaryOptions, SummaryOptionsDialog


def _paper_of(printer: QPrinter) -> str:
    # The learner's choice in the dialog wins; anything but Letter is laid out as A4.
    return "Letter" if printer.pageLayout().pageSize().id().name == "Letter" else "A4"


def _paint(summary: Summary, printer: QPrinter) -> None:
    prepare(printer, _paper_of(printer))
    render(summary, printer)


def summary_with(bundle: Bundle, notes: NotesFile | None, options: SummaryOptions) -> Summary:
    """The page with what the learner chose to include."""
    return summary_content(
        bundle,
        notes if options.with_notes else None,
        profile_from=notes if options.with_profile else None,
    )


class SummaryPrintDialog(QPrintDialog):
    """The system's print dialog, with the summary's choices as one of its option tabs."""

    def __init__(self, parent: QWidget | None, bundle: Bundle, notes: NotesFile | None) -> None:
        # The dialog does not own its printer: keep it alive as long as the dialog.
        self.kept_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.kept_printer.setDocName(bundle.title)
        super().__init__(self.kept_printer, parent)
        self.setWindowTitle("Print the six-dimension summary")
        self.choices = SummaryChoices(notes, paper=False)  # the printer's paper is chosen here
        self.setOptionTabs([self.choices])
        self._shown_choices = False
        self.accepted.connect(
            lambda: _paint(summary_with(bundle, notes, self.choices.options()), self.kept_printer)
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_choices:
            return
        self._shown_choices = True
        # Qt's own dialog folds its option tabs away behind "Options >>": open them at the
        # summary's tab, so what to include is in sight (a native dialog has neither).
        for button in self.findChildren(QPushButton):
            if button.text().replace("&", "").startswith("Options >>"):
                button.click()
        tabs = self.choices.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None:
            tabs.setCurrentWidget(self.choices)


class SummaryPreview(QPrintPreviewDialog):
    """A print preview of the one-page summary (the caller shows it)."""

    def __init__(
        self,
        parent: QWidget | None,
        bundle: Bundle,
        notes: NotesFile | None,
        options: SummaryOptions | None = None,
    ) -> None:
        options = options or SummaryOptions(with_notes=notes is not None)
        self.kept_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.kept_printer.setDocName(bundle.title)
        prepare(self.kept_printer, options.paper)
        super().__init__(self.kept_printer, parent)
        self.setWindowTitle("Summary preview")
        self.summary = summary_with(bundle, notes, options)
        self.paintRequested.connect(lambda device: _paint(self.summary, device))


def export_pdf(
    parent: QWidget, bundle: Bundle, notes: NotesFile | None, options: SummaryOptions, path: Path
) -> bool:
    try:
        write_pdf(summary_with(bundle, notes, options), path, options.paper)
    except PrintError as exc:
        warn(parent, "Could not export the summary", str(exc))
        return False
    return True


def _open_later(dialog: QDialog) -> None:
    """Show ``dialog`` window-modal and without blocking; it goes when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    QDialog.open(dialog)  # QPrintDialog.open wants a slot to call


def print_summary(shell: Shell, notes: NotesFile | None) -> SummaryPrintDialog:
    dialog = SummaryPrintDialog(shell.host, shell.bundle, notes)
    dialog.accepted.connect(lambda: shell.show_message("Summary sent to the printer", 5000))
    _open_later(dialog)
    return dialog


def preview_summary(shell: Shell, notes: NotesFile | None) -> SummaryOptionsDialog:
    dialog = SummaryOptionsDialog(shell.host, "Print preview of the summary", "Preview", notes)

    def show() -> None:
        _open_later(SummaryPreview(shell.host, shell.bundle, notes, dialog.options()))

    dialog.accepted.connect(show)
    _open_later(dialog)
    return dialog


def export_summary(shell: Shell, notes: NotesFile | None) -> SummaryOptionsDialog:
    bundle = shell.bundle
    dialog = SummaryOptionsDialog(
        shell.host,
        "Export the summary as PDF",
        "Export",
        notes,
        path=Path.home() / f"{bundle.id}-summary.pdf",
    )

    def export() -> None:
        path = dialog.target()
        if path is None:
            warn(shell.host, "Could not export the summary", "Give the PDF a file name.")
            return
        if not export_pdf(shell.host, bundle, notes, dialog.options(), path):
            return
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        shell.show_message(
            f"Summary saved as {path}" + ("" if opened else " (no PDF viewer could open it)"),
            8000,
        )

    dialog.accepted.connect(export)
    _open_later(dialog)
    return dialog
