"""File → Print My Challenges…: the printer dialog, then the page (``companion.printing``)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from companion.bundle.model import Bundle
from companion.notes.records import Challenge
from companion.printing.challenges import challenges_content, render_challenges
from companion.printing.render import prepare


def print_to(printer: QPrinter, bundle: Bundle, challenges: list[Challenge]) -> None:
    """Lay the page out on the paper chosen in the dialog (anything but Letter is A4)."""
    paper = "Letter" if printer.pageLayout().pageSize().id().name == "Letter" else "A4"
    prepare(printer, paper)
    render_challenges(challenges_content(bundle, challenges), printer)


def print_dialog(parent: QWidget, bundle: Bundle, challenges: list[Challenge]) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("My challenges")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print my challenges")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_to(printer, bundle, challenges)
    return True
