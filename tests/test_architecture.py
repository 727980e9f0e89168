"""The core stays free of Qt so it runs and tests without a display (and without PySide6).

``lint-imports`` checks the whole layering (pyproject.toml's ``[tool.importlinter]``);
these tests check that its list of the core is complete, and what importing does.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import companion

PACKAGE = Path(companion.__file__).parent
#: What is not the core: the command line, the window, printing and the Qt they share.
ABOVE_THE_CORE = {"cli", "ui", "printing", "qt"}
CORE = sorted(
    p.name
    for p in PACKAGE.iterdir()
    if (p / "__init__.py").is_file() and p.name not in ABOVE_THE_CORE
)
CORE_MODULES = [
    *(f"companion.{name}" for name in CORE),
    *(f"companion.{p.stem}" for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")),
]


def test_the_layering_contract_names_the_whole_core() -> None:
    """A new core package or module must be in the contract that keeps Qt out of it."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}
    assert sorted(contracts["core"]["source_modules"]) == sorted(CORE_MODULES)
    forbidden = set(contracts["core"]["forbidden_modules"])
    assert {"PySide6", "shiboken6"} | {f"companion.{n}" for n in ABOVE_THE_CORE} <= forbidden
    top = contracts["packages"]["layers"]
    assert set(top[: len(ABOVE_THE_CORE)]) == {f"companion.{n}" for n in ABOVE_THE_CORE}


def _imports(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", CORE)
def test_core_sources_never_import_qt(package: str) -> None:
    folder = PACKAGE / package
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in folder.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt6", "PyQt5"}
    ]
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in [*CORE_MODULES, "companion.cli"])
        + "from companion.bundle import load_bundle\n"
        + "from companion.paths import shipped_bundle_dir\n"
        + "load_bundle(shipped_bundle_dir())\n"
        + "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_yaml_is_only_loaded_safely() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "yaml.load(" not in text and "yaml.unsafe" not in text, path
        if path.name != "yamlio.py":
            assert "import yaml" not in text, f"{path}: use companion.yamlio"


def _tests_ci_runs_without_qt() -> list[Path]:
    """The test files .ci/run's job without PySide6 runs: all but its ``--ignore`` folders."""
    tests = PACKAGE.parent / "tests"
    ci = (PACKAGE.parent / ".ci" / "run").read_text(encoding="utf-8")
    ignored = [tests.parent / part.split()[0] for part in ci.split("--ignore=")[1:]]
    assert ignored, "the job without Qt ignores the window's tests"
    return [
        path
        for path in tests.rglob("*.py")
        if not any(path.is_relative_to(folder) for folder in ignored)
    ]


def test_the_core_tests_need_no_qt() -> None:
    """CI runs these without PySide6: a Qt check of the core belongs in tests/qt.

    The top conftest is the exception: it reaches for QSettings only once Qt is loaded.
    """
    top_conftest = PACKAGE.parent / "tests" / "conftest.py"
    offenders = [
        f"{path.name}: {name}"
        for path in _tests_ci_runs_without_qt()
        if path != top_conftest
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "pytestqt"}
    ]
    assert offenders == []
