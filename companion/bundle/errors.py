"""What can go wrong when opening a bundle (kept light: the UI imports it at start-up)."""

from __future__ import annotations

from pathlib import Path

import msgspec

DocPath = tuple[str | int, ...]


def format_path(path: DocPath) -> str:
    """``('dimensions', 3, 'name')`` -> ``dimensions[3].name``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class BundleProblem(msgspec.Struct, frozen=True, order=True):
    file: Path
    line: int
    column: int
    message: str
    path: DocPath = ()

    def __str__(self) -> str:
        where = f" (at {format_path(self.path)})" if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {self.message}{where}"


class BundleNotFound(Exception):
    """The folder does not exist or is not a folder: a usage error, not a bad bundle."""


class BundleInvalid(Exception):
    def __init__(self, problems: list[BundleProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line, p.column))
        super().__init__("\n".join(map(str, self.problems)))
