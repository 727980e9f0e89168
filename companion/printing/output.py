"""Put the summary on paper: a PDF file, or a printer known to the system (CUPS here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from companion.atomic import atomic_write
from companion.printing.content import Summary
from companion.printing.render import PAPERS, prepare, render


class PrintError(Exception):
    """Something the learner can fix: the output folder, the printer's name, the paper."""


def check_paper(paper: str) -> str:
    for name in PAPERS:
        if name.lower() == paper.lower():
            return name
    raise PrintError(f"unknown paper size '{paper}': expected {' or '.join(PAPERS)}")


def pdf_bytes(summary: Summary, paper: str = "A4") -> bytes:
    """The summary as a PDF file's bytes (drawn in memory)."""
    return paged_pdf(summary.title, lambda device: render(summary, device), paper)


def paged_pdf(title: str, draw: Callable[[QPagedPaintDevice], None], paper: str = "A4") -> bytes:
    """What ``draw`` paints on a page of ``paper``, as a PDF file's bytes (drawn in memory)."""
    paper = check_paper(paper)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Companion")
    writer.setResolution(600)
    prepare(writer, paper)
    draw(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def write_pdf(summary: Summary, path: Path, paper: str = "A4") -> None:
    """Write the PDF with the one atomic save: never half a file, never over a device."""
    paper = check_paper(paper)
    save_pdf(path, lambda: pdf_bytes(summary, paper))


def save_pdf(path: Path, make: Callable[[], bytes]) -> None:
    """Write the PDF ``make`` gives with the one atomic save (PrintError: what went wrong)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PrintError(f"cannot write {path}: no such folder {folder}")
    try:
        atomic_write(path, make())
    except OSError as exc:
        raise PrintError(f"cannot write {path}: {exc.strerror or exc}") from None


def printer_names() -> list[str]:
    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


def print_summary(summary: Summary, printer_name: str, paper: str = "A4") -> None:
    paper = check_paper(paper)
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        known = ", ".join(printer_names()) or "none installed"
        raise PrintError(f"unknown printer '{printer_name}' (printers: {known})")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(summary.title)
    printer.setCopyCount(1)
    prepare(printer, paper)
    render(summary, printer)
