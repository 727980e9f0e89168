"""Read a bundle folder into a :class:`Bundle`, or explain every problem at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec

from companion.bundle import checks
from companion.bundle.model import SCHEMA_VERSION, Bundle
from companion.paths import BUNDLE_FILE
from companion.yamlio import MAX_FILE_BYTES, Document, Mark, YamlError, YamlProblem, load_document

DocPath = tuple[str | int, ...]


def format_path(path: DocPath) -> str:
    """``('dimensions', 3, 'name')`` -> ``dimensions[3].name``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True, order=True)
class BundleProblem:
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


def _problem(file: Path, message: str, mark: Mark | None, path: DocPath = ()) -> BundleProblem:
    return BundleProblem(file, mark.line if mark else 1, mark.column if mark else 1, message, path)


def _from_yaml(file: Path, problems: list[YamlProblem]) -> list[BundleProblem]:
    return [_problem(file, p.message, p.mark, p.path) for p in problems]


def read_document(file: Path) -> Document:
    """The YAML document in ``file``, or BundleInvalid naming what is wrong."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BundleInvalid(
                [
                    _problem(
                        file,
                        f"the file is {size / 2**20:.1f} MiB, over the "
                        f"{MAX_FILE_BYTES / 2**20:.0f} MiB limit for a bundle file",
                        None,
                    )
                ]
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise BundleInvalid(
            [_problem(file, f"missing {file.name}: a bundle folder must contain one", None)]
        ) from None
    except OSError as exc:
        raise BundleInvalid([_problem(file, f"cannot read: {exc.strerror}", None)]) from None
    try:
        return load_document(raw)
    except YamlError as exc:
        raise BundleInvalid(_from_yaml(file, exc.problems)) from None


def _top_level_problem(file: Path, doc: Document) -> BundleProblem | None:
    data = doc.data
    if data is None:
        return _problem(
            file,
            "the file is empty: expected a mapping with schema_version, id, title, version "
            "and language",
            None,
        )
    if not isinstance(data, dict):
        return _problem(
            file,
            f"expected a mapping of keys at the top level, found {checks.describe(data)}",
            doc.mark_for(()),
        )
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return _problem(
            file,
            f"schema_version {version} is newer than this Companion understands "
            f"({SCHEMA_VERSION}); update Companion to open this bundle",
            doc.mark_for(("schema_version",)),
            ("schema_version",),
        )
    return None


def load_bundle(folder: Path) -> Bundle:
    """Load and validate the bundle in ``folder``.

    Raises BundleNotFound for a missing folder and BundleInvalid listing every
    problem (file, line, column, path, message) for anything else.
    """
    if not folder.is_dir():
        raise BundleNotFound(f"no such bundle folder: {folder}")
    file = folder / BUNDLE_FILE
    doc = read_document(file)
    top = _top_level_problem(file, doc)
    if top is not None:
        raise BundleInvalid([top])
    problems = _from_yaml(file, doc.problems)
    try:
        bundle = msgspec.convert(doc.data, Bundle)
    except msgspec.ValidationError as exc:
        found = checks.schema_problems(doc)
        problems += [_problem(file, p.message, p.mark, p.path) for p in found]
        if not found:  # the schema and the model disagree: still say what msgspec saw
            problems.append(_problem(file, str(exc), None))
        raise BundleInvalid(problems) from None
    problems += [
        _problem(file, p.message, p.mark, p.path) for p in checks.reference_problems(bundle, doc)
    ]
    if problems:
        raise BundleInvalid(problems)
    return bundle
