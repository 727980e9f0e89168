"""Real printing through CUPS to a cups-pdf printer of the test's own (cups_support)."""

from __future__ import annotations

import subprocess

from companion.bundle import load_bundle
from companion.paths import shipped_bundle_dir
from companion.printing.content import summary_content
from companion.printing.output import print_summary, printer_names

from ..conftest import need_program
from .cups_support import PdfPrinter


def test_summary_prints_as_one_page(cups_printer: PdfPrinter) -> None:
    from companion.qt.app import make_app

    make_app()
    assert cups_printer.name in printer_names()
    summary = summary_content(load_bundle(shipped_bundle_dir()))
    print_summary(summary, cups_printer.name, "A4")
    printed = cups_printer.printed()
    info = subprocess.run(
        [need_program("pdfinfo"), str(printed)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    assert "(A4)" in info
    assert summary.title in info  # cups-pdf keeps the job's name as the PDF's title
