"""A wheel carries the shipped bundle and resources, and works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(repo),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("companion-*.whl")
    return built


def test_wheel_contains_bundle_schema_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "companion/_content/touchpoint-7/bundle.yaml" in names
    assert "companion/_resources/bundle.schema.json" in names
    [entry_points] = [n for n in names if n.endswith("entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "companion = companion.cli:main" in text
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


def test_installed_wheel_validates_shipped_bundle_from_elsewhere(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "companion", "validate"],
        cwd=elsewhere,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("touchpoint-7 ")
    assert (
        str(target / "companion" / "_content")
        in subprocess.run(
            [
                sys.executable,
                "-c",
                "from companion.paths import shipped_bundle_dir as d; print(d())",
            ],
            cwd=elsewhere,
            env={"PYTHONPATH": str(target)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
