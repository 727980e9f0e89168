"""The parsed-bundle cache serves unchanged bundles and never serves stale or broken ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion.bundle import BundleInvalid, load_bundle
from companion.bundle.cache import load_bundle_cached
from companion.paths import shipped_bundle_dir

from .conftest import WriteBundle
from .samples import MINIMAL


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "bundles").glob("*.json"))


def test_cached_bundle_equals_a_fresh_load(tmp_path: Path) -> None:
    cold = load_bundle_cached(shipped_bundle_dir(), tmp_path)
    warm = load_bundle_cached(shipped_bundle_dir(), tmp_path)
    assert cold == warm == load_bundle(shipped_bundle_dir())
    assert len(entries(tmp_path)) == 1


def test_any_edit_misses_the_cache(write_bundle: WriteBundle, tmp_path: Path) -> None:
    folder = write_bundle()
    cache = tmp_path / "cache"
    assert load_bundle_cached(folder, cache).title == "A tiny bundle"
    (folder / "bundle.yaml").write_text(MINIMAL.replace("A tiny bundle", "Renamed"), "utf-8")
    assert load_bundle_cached(folder, cache).title == "Renamed"


def test_invalid_bundle_is_reported_not_cached(write_bundle: WriteBundle, tmp_path: Path) -> None:
    folder = write_bundle(MINIMAL.replace("language: en", "language: 7"))
    with pytest.raises(BundleInvalid):
        load_bundle_cached(folder, tmp_path / "cache")
    assert not (tmp_path / "cache" / "bundles").exists() or not entries(tmp_path / "cache")


def test_damaged_cache_entry_is_ignored(write_bundle: WriteBundle, tmp_path: Path) -> None:
    folder = write_bundle()
    cache = tmp_path / "cache"
    load_bundle_cached(folder, cache)
    [entry] = entries(cache)
    entry.write_bytes(b'{"schema_version": 1, "id": "tiny", "title": 5}')
    assert load_bundle_cached(folder, cache).title == "A tiny bundle"


def test_warm_start_never_imports_the_yaml_parser(tmp_path: Path, repo_root: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from companion.bundle.cache import load_bundle_cached\n"
        "from companion.paths import shipped_bundle_dir\n"
        f"load_bundle_cached(shipped_bundle_dir(), Path({str(tmp_path)!r}))\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {"PYTHONPATH": str(repo_root), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-c", code]
    cold = subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    warm = subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    assert (cold.stdout.strip(), warm.stdout.strip()) == ("True", "False")
