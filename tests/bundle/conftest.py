from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .samples import MINIMAL

WriteBundle = Callable[..., Path]


@pytest.fixture
def write_bundle(tmp_path: Path) -> WriteBundle:
    """Write ``text`` (str, or raw bytes) as bundle.yaml in a fresh folder."""

    def write(text: str | bytes = MINIMAL, name: str = "bundle") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        raw = text.encode("utf-8") if isinstance(text, str) else text
        (folder / "bundle.yaml").write_bytes(raw)
        return folder

    return write
