"""Read a bundle folder into a :class:`Bundle`, or explain every problem at once."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from companion.bundle import checks
from companion.bundle.errors import BundleInvalid, BundleNotFound, BundleProblem
from companion.bundle.model import SCHEMA_VERSION, Bundle
from companion.paths import BUNDLE_FILE
from companion.regular_files import read_regular
from companion.unbroken import BUNDLE_LIMIT, long_runs
from companion.yamlio import MAX_FILE_BYTES, Document, Mark, YamlError, YamlProblem, load_document

DocPath = tuple[str | int, ...]


def _problem(file: Path, message: str, mark: Mark | None, path: DocPath = ()) -> BundleProblem:
    return BundleProblem(file, mark.line if mark else 1, mark.column if mark else 1, message, path)


def _from_yaml(file: Path, problems: list[YamlProblem]) -> list[BundleProblem]:
    return [_problem(file, p.message, p.mark, p.path) for p in problems]


def read_document(file: Path, raw: bytes | None = None) -> Document:
    """The YAML document in ``file`` (or ``raw``, its bytes already read), or BundleInvalid."""
    try:
        size = len(raw) if raw is not None else file.stat().st_size
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
        if raw is None:
            raw = read_regular(file, linked_anywhere=True)
    except FileNotFoundError:
        raise BundleInvalid(
            [_problem(file, f"missing {file.name}: a bundle folder must contain one", None)]
        ) from None
    except OSError as exc:
        raise BundleInvalid([_problem(file, f"cannot read: {exc.strerror}", None)]) from None
    if (counted := _too_many_ids(file, raw)) is not None:
        raise BundleInvalid([counted])
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


#: The most items a bundle may hold: five times a large programme's 10,000. The window
#: lists every item and search indexes each, so a bundle of 200,000 short items would take
#: minutes to open; it is refused where the list is, and can be split into several bundles.
MAX_ITEMS = 50_000
_LISTS = ("definitions", "dimensions", "readings", "voices")


def _size_problem(file: Path, doc: Document) -> BundleProblem | None:
    data = doc.data
    assert isinstance(data, dict)
    lists = {name: data[name] for name in _LISTS if isinstance(data.get(name), list)}
    stacey = data.get("stacey")
    if isinstance(stacey, dict) and isinstance(stacey.get("regions"), list):
        lists["stacey.regions"] = stacey["regions"]
    total = sum(len(items) for items in lists.values())
    if total <= MAX_ITEMS:
        return None
    biggest = max(lists, key=lambda name: len(lists[name]))
    path: DocPath = tuple(biggest.split("."))
    return _problem(
        file,
        f"the bundle has {total:,} items ({len(lists[biggest]):,} in {biggest}); at most "
        f"{MAX_ITEMS:,} are allowed, as the window lists every item and search indexes "
        "each: split it into several bundles",
        doc.mark_for(path, key=True),
        path,
    )


#: Every item has one ``id:`` key. Counting them in the bytes takes milliseconds where
#: parsing 200,000 items takes most of a minute, so a bundle far over the limit is refused
#: before it is parsed. The margin leaves room for "id:" written in prose; the exact count
#: follows the parse (``_size_problem``).
_ID_KEY = re.compile(rb"\bid[ \t]*:")
_ID_MARGIN = 1_000


def _too_many_ids(file: Path, raw: bytes) -> BundleProblem | None:
    found = _ID_KEY.finditer(raw)
    for count, match in enumerate(found, start=1):
        if count > MAX_ITEMS + _ID_MARGIN:
            line_start = raw.rfind(b"\n", 0, match.start()) + 1
            line = raw.count(b"\n", 0, match.start()) + 1
            column = len(raw[line_start : match.start()].decode("utf-8", "replace")) + 1
            return BundleProblem(
                file,
                line,
                column,
                f"the bundle has more than {MAX_ITEMS + _ID_MARGIN:,} 'id:' keys, so more "
                f"than the {MAX_ITEMS:,} items allowed (the window lists every item and "
                "search indexes each): split it into several bundles",
                (),
            )
    return None


def load_bundle(folder: Path, raw: bytes | None = None) -> Bundle:
    """Load and validate the bundle in ``folder``.

    Raises BundleNotFound for a missing folder and BundleInvalid listing every
    problem (file, line, column, path, message) for anything else.
    """
    if not folder.is_dir():
        raise BundleNotFound(f"no such bundle folder: {folder}")
    file = folder / BUNDLE_FILE
    doc = read_document(file, raw)
    top = _top_level_problem(file, doc) or _size_problem(file, doc)
    if top is not None:
        raise BundleInvalid([top])
    problems = _from_yaml(file, doc.problems)
    problems += [
        _problem(file, run.describe(BUNDLE_LIMIT), doc.mark_for(run.path), run.path)
        for run in long_runs(doc.data, BUNDLE_LIMIT)
    ]
    try:
        bundle = msgspec.convert(doc.data, Bundle)
    except msgspec.ValidationError as exc:
        found = checks.schema_problems(doc)
        problems += [_problem(file, p.message, p.mark, p.path) for p in found]
        if not found:  # the schema and the model disagree: still say what msgspec saw
            problems.append(_problem(file, str(exc), None))
        bundle = None
    # Unknown references too, even in a bundle with structural problems: all in one pass.
    problems += [
        _problem(file, p.message, p.mark, p.path) for p in checks.reference_problems(doc.data, doc)
    ]
    if problems or bundle is None:
        raise BundleInvalid(problems)
    return bundle
