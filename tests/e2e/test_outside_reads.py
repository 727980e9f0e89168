"""Nothing a bundle or a notes file says makes Companion read a file outside the bundle.

The real app runs (offscreen, in a subprocess) under strace on a bundle and a notes
file whose every text names a canary file outside the bundle folder, as HTML images,
Markdown images, style sheets, relative paths and ``file://host/share`` addresses
(``tests/hostile_text.py``). ``hostile_tour.py`` shows every item, panel, note,
highlight, list row and tooltip; afterwards no file system call may name the canary
and no network connection may have been made. Before the fix, one tour named it
about three million times.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.bundle import load_bundle
from companion.bundle.model import iter_items
from tests.conftest import need_program
from tests.hostile_text import (
    BUNDLE_ID,
    CANARY,
    make_canaries,
    write_broken_bundle,
    write_bundle,
    write_copies,
    write_notes,
)

TOUR = Path(__file__).with_name("hostile_tour.py")
#: Every call that opens, looks at or connects to something.
TRACED = "openat,open,stat,statx,newfstatat,access,connect"
TOUR_TIMEOUT_S = 540
#: A string argument in strace's output ("..." with \" inside).
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')

pytestmark = [pytest.mark.slow, pytest.mark.timeout(TOUR_TIMEOUT_S + 60)]


def traced(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run Python with ``args`` under strace; the result and the traced calls."""
    strace = need_program("strace")
    log = cwd / "strace.txt"
    env = dict(os.environ)  # HOME and XDG_* point into a temp folder (conftest)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [strace, "-f", "-qq", "-o", str(log), "-e", f"trace={TRACED}", sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TOUR_TIMEOUT_S,
        check=False,
    )
    return result, log.read_text(encoding="utf-8", errors="replace").splitlines()


def assert_nothing_reached_outside(calls: list[str], bundles: Path) -> None:
    """No call named the canary, except in the names of the bundle's own files."""
    assert len(calls) > 1000, "strace saw almost nothing: did it trace the app?"
    inside = f"{bundles}/"
    named = [
        line
        for line in calls
        for path in QUOTED.findall(line)
        if CANARY in path and not path.replace('\\"', '"').startswith(inside)
    ]
    assert named == [], f"{len(named)} calls named the canary, first: {named[:5]}"
    network = [line for line in calls if "connect(" in line and "AF_INET" in line]
    assert network == []


def tour(folder: Path, bundles: Path, work: Path) -> None:
    """Run ``hostile_tour.py`` on ``folder`` under strace; nothing outside ``bundles`` is named."""
    result, calls = traced([str(TOUR), str(folder)], work)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "toured" in result.stdout
    assert_nothing_reached_outside(calls, bundles)


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(the folder outside with the canaries, the bundles' folder, the working folder)."""
    outside, bundles, work = tmp_path / "outside", tmp_path / "bundles", tmp_path / "work"
    make_canaries(outside)
    work.mkdir()
    return outside, bundles, work


def test_touring_the_window_reads_nothing_outside_the_bundle(
    places: tuple[Path, Path, Path],
) -> None:
    outside, bundles, work = places
    folder = write_bundle(bundles / BUNDLE_ID, outside)
    bundle = load_bundle(folder)
    notes = write_notes(
        bundles / f"{BUNDLE_ID}.notes.yaml", outside, [item.id for _, item in iter_items(bundle)]
    )
    # A sync tool's conflict copy, named with markup: the window offers to merge it.
    shutil.copy(
        notes,
        bundles / f'{BUNDLE_ID}.notes (<img src="{CANARY}-sync.png"> conflicted '
        "copy 2026-11-21).yaml",
    )
    write_copies(bundles, [r.id for r in bundle.readings], outside)
    tour(folder, bundles, work)


def test_the_dialog_for_a_broken_bundle_reads_nothing_outside(
    places: tuple[Path, Path, Path],
) -> None:
    outside, bundles, work = places
    folder = write_broken_bundle(bundles / f'<img src="{CANARY}-folder.png">' / BUNDLE_ID, outside)
    tour(folder, bundles, work)


def test_a_summary_with_hostile_notes_reads_nothing_outside(
    places: tuple[Path, Path, Path],
) -> None:
    outside, bundles, work = places
    folder = write_bundle(bundles / BUNDLE_ID, outside)
    items = [item.id for _, item in iter_items(load_bundle(folder))]
    write_notes(bundles / f"{BUNDLE_ID}.notes.yaml", outside, items)
    out = work / "summary.pdf"
    args = ["-m", "companion", "print-summary", str(folder), "-o", str(out), "--with-notes"]
    result, calls = traced(args, work)
    assert result.returncode == 0, result.stderr
    assert_nothing_reached_outside(calls, bundles)
    text = subprocess.run(
        [need_program("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<img" in text  # the learner's words are printed as written, markup and all
