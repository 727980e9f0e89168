"""A CUPS printer of the test's own that writes PDFs into the test's own folder.

cups-pdf writes to the job owner's real home (its ``Out ${HOME}/PDF``, from the passwd
entry, not ``$HOME``), so a test printing through a shared printer would leave files there.
Instead each test adds a cups-pdf *instance*: the device ``cups-pdf:/NAME`` reads
``/etc/cups/cups-pdf-NAME.conf``, whose ``Out`` is the test's temporary folder and whose
``Label 2`` puts the job id in every file name, so the test finds its own job's file.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import need, need_program

CUPS_CONFIG = Path("/etc/cups")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
#: The model lpinfo -m lists for Debian's printer-driver-cups-pdf.
CUPS_PDF_MODEL = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


@dataclass(frozen=True)
class PdfPrinter:
    name: str
    folder: Path  # where cups-pdf writes this printer's jobs, and nothing else does

    def _jobs(self, which: str) -> list[str]:
        listed = subprocess.run(
            [need_program("lpstat"), "-W", which, "-o", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [line.split()[0].removeprefix(f"{self.name}-") for line in listed.splitlines()]

    def printed(self, timeout: float = 60) -> Path:
        """The PDF of the one job sent to this printer, once CUPS says it is complete."""
        deadline = time.monotonic() + timeout
        while not (done := self._jobs("completed")) and time.monotonic() < deadline:
            time.sleep(0.1)  # a CUPS job has no signal to wait for; poll its state
        every = self._jobs("all")
        assert len(done) == 1 and every == done, f"jobs on {self.name}: {every}, done: {done}"
        [pdf] = self.folder.glob(f"*-job_{done[0]}.pdf")
        return pdf


@pytest.fixture
def cups_printer(tmp_path: Path) -> Iterator[PdfPrinter]:
    lpstat = need_program("lpstat")
    lpadmin = need_program("lpadmin")
    running = subprocess.run([lpstat, "-r"], capture_output=True, text=True, check=False)
    need("scheduler is running" in running.stdout, "the CUPS scheduler is not running")
    need(CUPS_PDF_BACKEND.exists(), "cups-pdf is not installed")
    need(
        os.access(CUPS_CONFIG, os.W_OK),
        f"a printer of the test's own needs {CUPS_CONFIG} to be writable (root; CI is)",
    )
    name = f"companion-test-{secrets.token_hex(4)}"
    folder = tmp_path / "printed"
    folder.mkdir()
    config = CUPS_CONFIG / f"cups-pdf-{name}.conf"
    config.write_text(f"Out {folder}\nLabel 2\n", encoding="utf-8")
    try:
        subprocess.run(
            [lpadmin, "-p", name, "-v", f"cups-pdf:/{name}", "-m", CUPS_PDF_MODEL, "-E"],
            capture_output=True,
            check=True,
        )
        try:
            yield PdfPrinter(name, folder)
        finally:
            subprocess.run([lpadmin, "-x", name], capture_output=True, check=False)
    finally:
        config.unlink()
