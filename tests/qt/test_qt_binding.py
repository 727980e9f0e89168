"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor


def test_void_qt_calls_keep_none_alive() -> None:
    color = QColor(1, 2, 3)
    before = sys.getrefcount(None)
    for _ in range(2_000):  # well under the ~5,000 that would abort the interpreter
        color.setRed(5)
    assert sys.getrefcount(None) >= before - 50, (
        "this PySide6 build leaks references to None: pin another version in pyproject.toml"
    )
