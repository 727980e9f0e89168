"""`companion print-summary`: works with no display; clear errors with exit 1."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import need_program
from tests.printing.cups_support import PdfPrinter


def run(args: list[str], repo_root: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(repo_root)
    return subprocess.run(
        [sys.executable, "-m", "companion", "print-summary", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize("paper", ["A4", "Letter", "letter"])
def test_writes_a_one_page_pdf_without_a_display(
    repo_root: Path, tmp_path: Path, paper: str
) -> None:
    out = tmp_path / "summary.pdf"
    result = run(["-o", str(out), "--paper", paper, "--with-notes"], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    info = subprocess.run(
        [need_program("pdfinfo"), str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "/no/such/folder/s.pdf"], "no such folder /no/such/folder"),
        (["-o", "s.pdf", "--paper", "B5"], "unknown paper size 'B5': expected A4 or Letter"),
        (["--printer", "no-such-printer"], "unknown printer 'no-such-printer'"),
    ],
)
def test_clear_errors_exit_1(
    repo_root: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run(args, repo_root, tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_do_is_a_usage_error(repo_root: Path, tmp_path: Path) -> None:
    assert run([], repo_root, tmp_path).returncode == 2


def test_prints_to_the_cups_pdf_printer(
    repo_root: Path, tmp_path: Path, cups_printer: PdfPrinter
) -> None:
    result = run(["--printer", cups_printer.name], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    info = subprocess.run(
        [need_program("pdfinfo"), str(cups_printer.printed())],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Pages:           1" in info


@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_writes_only_a_regular_file(repo_root: Path, tmp_path: Path, kind: str) -> None:
    # As root, -o /dev/full once made the machine's /dev/full a regular file.
    target = Path("/dev/full") if kind == "device" else tmp_path / "summary.pdf"
    if kind == "fifo":
        os.mkfifo(target)
    result = run(["-o", str(target)], repo_root, tmp_path)
    assert result.returncode == 1
    why = "a character device" if kind == "device" else "a named pipe (FIFO)"
    assert result.stderr == (
        f"companion print-summary: error: cannot write {target}: it is {why}, not a regular "
        "file (Companion reads and writes only regular files)\n"
    )
    mode = os.lstat(target).st_mode
    assert stat.S_ISCHR(mode) if kind == "device" else stat.S_ISFIFO(mode)
    assert list(target.parent.glob(f".{target.name}.*")) == []


def test_with_profile_puts_the_latest_assessment_on_the_page(
    repo_root: Path, tmp_path: Path
) -> None:
    import shutil

    from companion.bundle import load_bundle
    from companion.notes.store import locate, save_notes
    from companion.paths import shipped_bundle_dir
    from tests.printing.test_summary_pdf import pdf_info, pdf_text, some_notes_and_profile

    folder = tmp_path / "touchpoint-7"
    shutil.copytree(shipped_bundle_dir(), folder)
    save_notes(locate(folder, "touchpoint-7").path, some_notes_and_profile(load_bundle(folder)))
    out = tmp_path / "summary.pdf"
    result = run([str(folder), "-o", str(out), "--with-profile"], repo_root, tmp_path)
    assert result.returncode == 0, result.stderr
    assert pdf_info(out)["Pages"] == "1"
    text = " ".join(pdf_text(out, layout=False).split())
    assert "Self-assessment of 2026-12-01 (dashed: 2026-11-02)" in text
    assert "team day" not in text  # the notes only with --with-notes
