"""End to end: the real app in a real X window (Xvfb), driven by real key presses (xdotool).

Proves what offscreen widget tests cannot: the app starts on the xcb platform, its window
appears, the window-wide shortcuts reach it through the X server (Ctrl+4 shows the Readings
tab, Ctrl+Q quits with exit code 0), and the last tab is saved on the way out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from companion.paths import SHIPPED_BUNDLE_ID
from tests.conftest import need_program
from tests.xvfb import XvfbError, private_xvfb

STARTUP_TIMEOUT_S = 60.0
XDOTOOL_TIMEOUT_S = 30.0
EXIT_TIMEOUT_S = 30.0
READINGS_TAB = 3  # Definitions, Six Dimensions, Stacey Model, Readings, Voices: Ctrl+4


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A private Xvfb on a free display number; yields ``:N``."""
    need_program("Xvfb")
    try:
        with private_xvfb(STARTUP_TIMEOUT_S) as display:
            yield display
    except XvfbError as exc:
        pytest.fail(str(exc))


class RunningApp:
    """``python -m companion`` on a display, with its stderr kept for failure messages."""

    def __init__(self, display: str, workdir: Path, repo_root: Path) -> None:
        self.display = display
        self.workdir = workdir
        self.stderr_path = workdir / "companion-stderr.txt"
        env = dict(os.environ)  # HOME and XDG_* already point into a temp folder (conftest)
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
        for var in ("WAYLAND_DISPLAY", "COMPANION_BENCH_FIRST_PAINT"):
            env.pop(var, None)
        self.env = env
        with self.stderr_path.open("wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "companion"],
                cwd=repo_root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace").strip()

    def screenshot(self) -> Path | None:
        """The whole screen as a PNG for a failure message (None without ImageMagick)."""
        importer = shutil.which("import")
        if importer is None:
            return None
        shot = self.workdir / "screen.png"
        try:
            subprocess.run(
                [importer, "-display", self.display, "-window", "root", str(shot)],
                env=self.env,
                capture_output=True,
                timeout=30,
                check=True,
            )
        except (subprocess.SubprocessError, OSError):
            return None
        return shot

    def fail(self, message: str) -> NoReturn:
        """Fail the test with the app's state, its stderr and (if possible) a screenshot."""
        shot = self.screenshot()
        where = f"\nscreenshot: {shot}" if shot else ""
        code = self.proc.poll()
        state = "still running" if code is None else f"exited with code {code}"
        stderr = self.stderr() or "(empty)"
        pytest.fail(f"{message}\napp {state}{where}\n--- app stderr ---\n{stderr}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def app(xvfb_display: str, tmp_path: Path, repo_root: Path) -> Iterator[RunningApp]:
    running = RunningApp(xvfb_display, tmp_path, repo_root)
    try:
        yield running
    finally:
        running.stop()


def _xdotool(app: RunningApp, xdotool: str, *args: str) -> str:
    try:
        done = subprocess.run(
            [xdotool, *args],
            env=app.env,
            capture_output=True,
            text=True,
            timeout=XDOTOOL_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        app.fail(f"xdotool {' '.join(args)} did not finish within {XDOTOOL_TIMEOUT_S:.0f} s")
    if done.returncode != 0:
        app.fail(f"xdotool {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _wait_for_window(app: RunningApp, xdotool: str) -> str:
    """The id of the app's visible main window; fails early if the app dies first."""
    search = subprocess.Popen(
        [xdotool, "search", "--sync", "--onlyvisible", "--name", "Companion"],
        env=app.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    try:
        while True:
            try:
                out, err = search.communicate(timeout=0.25)
                break
            except subprocess.TimeoutExpired:
                if app.proc.poll() is not None:
                    app.fail("the app exited before its window appeared")
                if time.monotonic() > deadline:
                    app.fail(f"no visible 'Companion' window within {STARTUP_TIMEOUT_S:.0f} s")
    finally:
        if search.poll() is None:
            search.kill()
            search.communicate()
    ids = out.split()
    if search.returncode != 0 or not ids:
        app.fail(f"xdotool search failed ({search.returncode}): {err.strip()}")
    return ids[0]


def _saved_tab(home: Path, app: RunningApp) -> int:
    from PySide6.QtCore import QSettings

    # QSettings' IniFormat names the file Companion.ini on Linux (NativeFormat: .conf).
    files = sorted(p for p in home.rglob("Companion/Companion.*") if p.suffix in {".ini", ".conf"})
    if len(files) != 1:
        found = [str(p) for p in home.rglob("*") if p.is_file()]
        app.fail(f"expected one Companion settings file under {home}; files there: {found}")
    store = QSettings(str(files[0]), QSettings.Format.IniFormat)
    key = f"bundles/{SHIPPED_BUNDLE_ID}/tab"
    value = store.value(key)
    if value is None:
        text = files[0].read_text(encoding="utf-8", errors="replace")
        app.fail(f"{files[0]} has no {key}:\n{text}")
    return int(str(value))


@pytest.mark.xvfb
def test_ctrl_4_shows_readings_and_ctrl_q_quits(app: RunningApp, user_dirs: Path) -> None:
    xdotool = need_program("xdotool")
    window = _wait_for_window(app, xdotool)
    title = _xdotool(app, xdotool, "getwindowname", window).strip()
    assert title.endswith("— Companion"), f"unexpected window title {title!r}"

    # No window manager runs on this Xvfb, so "windowactivate" (which asks one) cannot work;
    # set the X input focus directly and wait until the server reports it.
    _xdotool(app, xdotool, "windowfocus", "--sync", window)
    # Real key events through the X server (XTEST), in order: the tab switch is handled
    # before the quit because both travel in the same event queue.
    _xdotool(app, xdotool, "key", "--delay", "50", "ctrl+4", "ctrl+q")

    try:
        code = app.proc.wait(timeout=EXIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        app.fail(f"Ctrl+Q did not quit the app within {EXIT_TIMEOUT_S:.0f} s")
    if code != 0:
        app.fail(f"the app exited with code {code}, expected 0")

    tab = _saved_tab(user_dirs, app)
    assert tab == READINGS_TAB, (
        f"saved tab is {tab}, expected {READINGS_TAB} (Readings): Ctrl+4 did not switch tabs"
        f"\n--- app stderr ---\n{app.stderr() or '(empty)'}"
    )
