"""Command-line exit codes and output: 0 valid, 1 invalid, 2 usage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli import main

from .bundle.samples import MINIMAL


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
