"""Real printing through CUPS to the cups-pdf virtual printer (set up by .ci/run)."""

from __future__ import annotations

import os
import pwd
import subprocess
import time
from pathlib import Path

import pytest

from companion.bundle import load_bundle
from companion.paths import shipped_bundle_dir
from companion.printing.content import summary_content
from companion.printing.output import print_summary, printer_names

from ..conftest import need, need_program

PRINTER = "PDF"


def cups_pdf_folder() -> Path:
    # cups-pdf writes to the job owner's real home (its config: Out ${HOME}/PDF), not $HOME.
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"


@pytest.fixture
def cups_printer() -> str:
    lpstat = need_program("lpstat")
    running = subprocess.run([lpstat, "-r"], capture_output=True, text=True, check=False)
    need("scheduler is running" in running.stdout, "the CUPS scheduler is not running")
    need(Path("/usr/lib/cups/backend/cups-pdf").exists(), "cups-pdf is not installed")
    from companion.ui.app import make_app

    make_app()
    need(PRINTER in printer_names(), f"no CUPS printer named {PRINTER} (see .ci/run)")
    return PRINTER


def wait_for_new_pdf(folder: Path, before: set[Path], deadline: float) -> Path:
    while time.monotonic() < deadline:
        fresh = sorted(set(folder.glob("*.pdf")) - before) if folder.is_dir() else []
        if fresh:
            size = -1
            while time.monotonic() < deadline:  # cups-pdf may still be writing it
                now = fresh[0].stat().st_size
                if now == size and now > 0:
                    return fresh[0]
                size = now
                time.sleep(0.2)
        time.sleep(0.2)
    raise AssertionError(f"no new PDF appeared in {folder}")


def test_summary_prints_as_one_page(cups_printer: str) -> None:
    folder = cups_pdf_folder()
    before = set(folder.glob("*.pdf")) if folder.is_dir() else set()
    print_summary(summary_content(load_bundle(shipped_bundle_dir())), cups_printer, "A4")
    printed = wait_for_new_pdf(folder, before, time.monotonic() + 60)
    info = subprocess.run(
        [need_program("pdfinfo"), str(printed)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    assert "(A4)" in info
