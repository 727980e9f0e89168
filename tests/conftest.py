"""Test-wide setup: Qt runs offscreen and no test touches a real home directory."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Must happen before anything imports Qt: without a display pytest would abort.
# A test that needs the real X platform's behaviour (its key bindings) runs others
# in a child pytest on a private Xvfb with COMPANION_TEST_PLATFORM=xcb.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("COMPANION_TEST_PLATFORM", "offscreen")

import pytest

from companion.bundle import load_bundle
from companion.bundle.model import Bundle
from companion.paths import shipped_bundle_dir

#: Set by .ci/run: a test that would skip for want of a system part fails instead.
STRICT = os.environ.get("COMPANION_STRICT_SYSTEM_TESTS") == "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Without pytest-qt (the core's tests run where Qt is not installed), its settings in
    pyproject.toml still name known options, so ``--strict-config`` holds there too."""
    if importlib.util.find_spec("pytestqt") is None:
        parser.addini("qt_log_level_fail", "pytest-qt's (not installed)")
        parser.addini("qt_log_ignore", "pytest-qt's (not installed)", type="linelist")


def need(available: bool, reason: str) -> None:
    """Skip (or, in CI, fail) a test whose system part is missing."""
    if available:
        return
    if STRICT:
        pytest.fail(f"CI requires this system part: {reason}")
    pytest.skip(reason)


def need_program(name: str) -> str:
    path = shutil.which(name)
    need(path is not None, f"{name} is not installed")
    assert path is not None
    return path


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """``folder`` really cannot be written while inside, even by root.

    Root ignores permission bits (CAP_DAC_OVERRIDE), so as root the folder is made
    immutable (``chattr +i``), which the kernel enforces for root too and reports
    through ``os.access``; for anyone else its write bits are taken away.
    """
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    chattr = need_program("chattr")
    made = subprocess.run([chattr, "+i", str(folder)], capture_output=True, text=True)
    need(
        made.returncode == 0,
        f"as root, a read-only folder needs chattr +i (CAP_LINUX_IMMUTABLE and a file "
        f"system that supports it): {made.stderr.strip()}",
    )
    try:
        assert not os.access(folder, os.W_OK), "chattr +i did not make the folder read-only"
        yield
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every user-data location (settings, data, cache, notes) points into a temp folder."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    if "PySide6.QtCore" in __import__("sys").modules:
        from PySide6.QtCore import QSettings

        for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / ".config"))
    return home


@pytest.fixture(scope="session")
def shipped() -> Bundle:
    """The shipped bundle, loaded once."""
    return load_bundle(shipped_bundle_dir())


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not STRICT:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        print(f"\nCI forbids skipped tests; {len(skipped)} skipped (see the summary above)")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
