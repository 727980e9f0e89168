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


#: A quoted line longer than this is cut: the line may be one 10 MiB word.
QUOTE_LIMIT = 160


def _file_lines(file: Path) -> list[str]:
    from companion.regular_files import read_regular  # only problems pay for it
    from companion.yamlio import MAX_FILE_BYTES

    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            return []
        return read_regular(file, linked_anywhere=True).decode("utf-8", "replace").splitlines()
    except (OSError, ValueError):
        return []


def with_quoted_lines(problems: list[BundleProblem]) -> list[str]:
    """Each problem as ``FILE:LINE:COLUMN: message``, followed by the line it points at,
    quoted as the author wrote it (cut when very long), so the mistake shows at a glance."""
    files: dict[Path, list[str]] = {}
    shown: list[str] = []
    for problem in problems:
        lines = files.setdefault(problem.file, _file_lines(problem.file))
        text = str(problem)
        if 1 <= problem.line <= len(lines) and lines[problem.line - 1].strip():
            quoted = lines[problem.line - 1].rstrip().replace("\t", "→")
            if len(quoted) > QUOTE_LIMIT:
                quoted = quoted[:QUOTE_LIMIT] + " …"
            text += f"\n    {problem.line} | {quoted}"
        shown.append(text)
    return shown
