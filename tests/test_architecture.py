"""The core (bundle, notes, search) stays free of Qt so it runs and tests without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import companion

PACKAGE = Path(companion.__file__).parent
# notes/ and search/ join the list as soon as they exist.
CORE = [p for p in ("bundle", "notes", "search") if (PACKAGE / p).is_dir()]
CORE_MODULES = [
    "companion.bundle",
    "companion.yamlio",
    "companion.atomic",
    "companion.paths",
    "companion.regular_files",
    "companion.unbroken",
    "companion.cli",
]


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
        + "".join(f"import {m}\n" for m in CORE_MODULES)
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
