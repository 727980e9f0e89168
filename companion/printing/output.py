"""Put the summary on paper: a PDF file, or a printer known to the system (CUPS here)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from companion.printing.content import Summary
from companion.printing.render import PAPERS, prepare, render


class PrintError(Exception):
    """Something the learner can fix: the output folder, the printer's name, the paper."""


def check_paper(paper: str) -> str:
    for name in PAPERS:
        if name.lower() == paper.lower():
            return name
    raise PrintError(f"unknown paper size '{paper}': expected {' or '.join(PAPERS)}")


def write_pdf(summary: Summary, path: Path, paper: str = "A4") -> None:
    """Write the PDF atomically: a reader never sees half a file, an error leaves none."""
    paper = check_paper(paper)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PrintError(f"cannot write {path}: no such folder {folder}")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PrintError(f"cannot write {path}: {exc.strerror}") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setTitle(summary.title)
        writer.setCreator("Companion")
        writer.setResolution(600)
        prepare(writer, paper)
        render(summary, writer)
        del writer  # closes the file
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        raise PrintError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        temp.unlink(missing_ok=True)


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
