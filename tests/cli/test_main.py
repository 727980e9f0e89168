"""Command-line exit codes and output: 0 valid, 1 invalid, 2 usage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion import __version__
from companion.cli import main
from tests.bundle.samples import MINIMAL
from tests.conftest import need


def test_validate_shipped_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("touchpoint-7 ")
    assert "6 dimensions" in out and "6 readings" in out and "1 Stacey model (5 regions)" in out
    assert "\n" not in out


def test_validate_invalid_bundle_lists_every_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bundle.yaml").write_text(
        MINIMAL.replace("language: en", "language: 7").replace("    gloss:", "    glos:"),
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    file = tmp_path / "bundle.yaml"
    assert lines == [
        f"{file}:5:11: expected text, found the number 7 (at language)",
        f"{file}:17:5: missing required key 'gloss' (at dimensions[0])",
        f"{file}:19:5: unknown key 'glos'; did you mean 'gloss'? (at dimensions[0].glos)",
        "3 problems found",
    ]


@pytest.mark.timeout(60)  # the window froze for minutes on such a word
def test_validate_reports_a_word_too_long_to_show_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    word = "w" * 10 * 2**20
    (tmp_path / "bundle.yaml").write_text(
        MINIMAL.replace("about strong personal values", word), encoding="utf-8"
    )
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'bundle.yaml'}:19:12: the text has 10,485,760 characters without a "
        "space or line break (from character 1); at most 5,000 are allowed, as longer text "
        "cannot be wrapped and would freeze the window (at dimensions[0].gloss)",
        "1 problem found",
    ]


def test_validate_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "no such bundle folder" in capsys.readouterr().err


def test_open_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nope")]) == 2
    assert "no such bundle folder" in capsys.readouterr().err


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--frobnicate"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("companion ")


def test_module_entry_point_runs_without_a_display(tmp_path: Path, repo_root: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(repo_root)}
    result = subprocess.run(
        [sys.executable, "-m", "companion", "validate"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


NO_DISPLAY = (
    "companion: error: the study window needs a graphical session (DISPLAY or WAYLAND_DISPLAY)"
    " and there is none; without one, use companion validate, check, export, import,"
    " print-summary, print-challenges, search, profile or cache\n"
)


def bare_environment(home: Path) -> dict[str, str]:
    """No DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM: a login on a console or over ssh."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


@pytest.mark.parametrize("argv", [[], ["content/touchpoint-7"]], ids=["bare", "with a folder"])
def test_without_a_display_the_window_says_so_and_what_works(
    argv: list[str], tmp_path: Path, repo_root: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "companion", *argv],
        capture_output=True,
        text=True,
        env={**bare_environment(tmp_path), "PYTHONPATH": str(repo_root)},
        cwd=repo_root,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "", NO_DISPLAY)


def installed_companion() -> Path:
    """The console script pip installed beside this Python (the README's test command)."""
    script = Path(sys.executable).parent / "companion"
    need(script.is_file(), f"no installed companion beside {sys.executable} (pip install .)")
    return script


@pytest.mark.parametrize(
    ("argv", "code", "out", "err"),
    [
        (["--version"], 0, f"companion {__version__}\n", ""),
        (["validate"], 0, "touchpoint-7 ", ""),
        ([], 2, "", NO_DISPLAY),
    ],
    ids=["--version", "validate", "no display"],
)
def test_the_installed_entry_point(
    argv: list[str], code: int, out: str, err: str, tmp_path: Path
) -> None:
    # From an empty folder with a bare environment: nothing of the source tree is in reach
    # but what the install put in the environment (the shipped bundle included).
    result = subprocess.run(
        [str(installed_companion()), *argv],
        capture_output=True,
        text=True,
        env=bare_environment(tmp_path),
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith(out) and result.stderr == err


#: Imports msgspec as the app's start does, then uses it and typing_extensions.
MSGSPEC_ALONE = """
import sys
from companion.cli.window import import_msgspec_alone
import_msgspec_alone()
print("typing_extensions" in sys.modules)
from companion.bundle.cache import load_bundle_cached
from companion.paths import shipped_bundle_dir
import msgspec
bundle = load_bundle_cached(shipped_bundle_dir())
again = msgspec.json.decode(msgspec.json.encode(bundle), type=type(bundle))
print(again == bundle)
try:
    msgspec.json.decode(b'{"id": "Not A Slug"}', type=type(bundle))
except msgspec.ValidationError:
    print("refused")
import typing_extensions
print(typing_extensions.__name__)
"""


def test_the_app_start_loads_msgspec_without_typing_extensions_and_loses_nothing(
    repo_root: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", MSGSPEC_ALONE],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["False", "True", "refused", "typing_extensions"]
