"""``companion cache`` says where the caches are and how big; ``--clear`` empties them."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import caches
from companion.bundle.cache import load_bundle_cached
from companion.cli import main
from companion.paths import shipped_bundle_dir


def test_cache_says_where_and_how_big_and_clear_empties_it(
    user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_bundle_cached(shipped_bundle_dir())
    index = caches.cache_root() / "index" / "k.00000000.sqlite"
    index.parent.mkdir(parents=True)
    index.write_bytes(b"x" * 3000)
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert "~/.cache/companion" in out
    assert "bundles/ parsed bundles: 1 entries" in out
    assert "index/   search indexes: 1 entries, 3 kB" in out
    assert main(["cache", "--clear"]) == 0
    assert capsys.readouterr().out == "Removed 2 cache entries from ~/.cache/companion\n"
    assert caches.entries() == []
    assert main(["cache"]) == 0
    assert "0 kB in total" in capsys.readouterr().out


def test_cache_takes_no_bundle_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cache", str(shipped_bundle_dir())]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err
