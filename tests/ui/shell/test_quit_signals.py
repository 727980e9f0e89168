"""Logout, shutdown, a closed terminal or Ctrl+C: the last edit is saved and the lock released.

A real process runs the app (offscreen, through ``companion.ui.shell.app.run`` as the command
line does), types a note through Qt's key events, and is sent a real signal by this
process while that edit is unsaved (its autosave is pushed out of reach).
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.notes.fileformat import parse
from companion.notes.lock import NotesLock
from tests.notes.support import copy_bundle, notes_file

REPO = Path(__file__).resolve().parents[2]
DEADLINE_S = 60.0
TYPED = "typed just before the signal"

APP = f"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from companion.qt.app import make_app
from companion.ui.shell.app import run

def edit_when_ready():
    windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "started")]
    ready = windows and windows[0].started and windows[0].notes.session is not None
    session = windows[0].notes.session if ready else None
    if session is None or not session.writable or windows[0].notes.item is None:
        QTimer.singleShot(20, edit_when_ready)
        return
    # Nothing saves by itself now: only the signal can save this edit.
    session.set_autosave_delay(3_600_000, 3_600_000)
    notes = windows[0].notes
    notes.new_note()
    QTest.keyClicks(notes.item_panel.editor, {TYPED!r})
    print("edited", session.dirty, session.lock.held, flush=True)

make_app()
QTimer.singleShot(0, edit_when_ready)
sys.exit(run(Path(sys.argv[1])))
"""


@pytest.fixture
def app_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    folder = copy_bundle(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", APP, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        yield proc, folder
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _said(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(DEADLINE_S):
            proc.kill()
            pytest.fail(f"the app said nothing within {DEADLINE_S} s: {proc.communicate()[1]}")
    return proc.stdout.readline().strip()


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: signal.Signals(s).name
)
def test_a_quit_signal_saves_the_last_edit_and_releases_the_lock(
    app_process: tuple[subprocess.Popen[str], Path], signum: int
) -> None:
    proc, folder = app_process
    said = _said(proc)
    assert said == "edited True True", said if said else proc.communicate()[1]
    path = notes_file(folder)
    lock = NotesLock(path)
    assert lock.path.exists() and TYPED not in (path.read_text() if path.exists() else "")

    proc.send_signal(signum)
    try:
        code = proc.wait(DEADLINE_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the app did not end within {DEADLINE_S} s of {signal.Signals(signum).name}")
    stderr = proc.communicate()[1]
    assert code == 128 + signum, stderr  # ended by the signal, tidily
    notes = parse(path.read_bytes(), path).data.notes
    assert [n.body for n in notes] == [TYPED], stderr
    assert not lock.path.exists(), "the lock was left behind"
    assert "Traceback" not in stderr, stderr
