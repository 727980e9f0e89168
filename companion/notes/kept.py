"""Notes that did not reach their file, kept aside until the learner decides what to do.

Three kinds land in ``store.kept_dir(notes_path)``, one YAML notes file each:

- ``unsaved``: changes that could not be saved (the file turned unreadable on disk, or
  a quit whose save failed);
- ``interrupted``: the temporary file of a save cut short by a crash or a power cut,
  beside the notes. It may hold the newest edit, so it is moved here rather than
  swept away (``adopt_leftovers``, called by whoever holds the notes lock);
- ``removed``: highlights and bookmarks that another program, or an older copy of
  the file, removed (``merge`` moves such notes to the trash instead).

The app offers them at start-up. Nothing here is deleted: a merged file is renamed
to end in ``.merged``; one put aside moves into ``set-aside/``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from companion import side_files
from companion.atomic import atomic_write
from companion.notes.fileformat import serialize
from companion.notes.merge import MergeResult, read_copy, retire_conflict_copy, union
from companion.notes.model import NotesFile
from companion.notes.store import continued_from, kept_dir
from companion.paths import user_data_dir

Kind = Literal["unsaved", "interrupted", "removed"]
SET_ASIDE = "set-aside"
_SUFFIX = side_files.NOTES_SUFFIX


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def keep_aside(notes_path: Path, data: NotesFile, kind: Kind) -> Path:
    """Write ``data`` where it waits for the learner; returns the file."""
    folder = kept_dir(notes_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = side_files.free(folder / f"{_stamp()}-{kind}{_SUFFIX}", _SUFFIX)
    atomic_write(target, serialize(data, target.name))
    return target


def kept_files(notes_path: Path, bundle_id: str) -> list[Path]:
    """What waits for the learner, oldest first (and rescues of older Companions).

    A data-folder copy continued from read-only notes beside a bundle also offers what
    was kept for those.
    """
    found = sorted(kept_dir(notes_path).glob(f"*{_SUFFIX}"))
    origin = continued_from(notes_path)
    if origin is not None:
        found += sorted(kept_dir(origin).glob(f"*{_SUFFIX}"))
    # Before kept_dir, a rescue was ``rescued/<bundle-id>-<stamp>.notes.yaml``.
    legacy = re.compile(re.escape(bundle_id) + r"-\d{8}T\d{6}\d*Z" + re.escape(_SUFFIX))
    with contextlib.suppress(OSError):
        found += sorted(
            p for p in (user_data_dir() / "rescued").iterdir() if legacy.fullmatch(p.name)
        )
    return [p for p in found if p.is_file()]


def leftovers(notes_path: Path) -> list[Path]:
    """Temporary files that saves of ``notes_path`` left behind (a crash, a power cut)."""
    places = {notes_path}
    if notes_path.is_symlink():
        places.add(notes_path.resolve())  # saves write beside the link's target
    found: list[Path] = []
    for place in places:
        # atomic_write's temporary files: mkstemp(prefix=".NAME.", suffix=".tmp").
        pattern = re.compile(re.escape(f".{place.name}.") + r"[a-z0-9_]{8}\.tmp")
        try:
            found += sorted(
                p for p in place.parent.iterdir() if pattern.fullmatch(p.name) and _regular(p)
            )
        except OSError:
            continue
    return found


def _regular(path: Path) -> bool:
    """A plain file, not followed through a link: a FIFO named like a leftover would hang
    the read, and a link could point anywhere."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def adopt_leftovers(notes_path: Path, current: bytes | None) -> list[Path]:
    """Move what cut-short saves left beside the notes into ``kept_dir``; the new paths.

    Call only while holding the notes lock: no other save can be running then. A
    leftover that is empty or holds exactly the file's bytes adds nothing and goes.
    """
    adopted: list[Path] = []
    for leftover in leftovers(notes_path):
        try:
            raw = leftover.read_bytes()
            if not raw or raw == current:
                leftover.unlink()
                continue
            folder = kept_dir(notes_path)
            folder.mkdir(parents=True, exist_ok=True)
            target = side_files.free(folder / f"{_stamp()}-interrupted{_SUFFIX}", _SUFFIX)
            shutil.move(leftover, target)
        except OSError:
            continue  # left where it is, for the next try
        adopted.append(target)
    return adopted


def merge_kept(ours: NotesFile, path: Path) -> tuple[MergeResult, Path]:
    """Everything in ``path`` merged into ``ours`` (nothing deleted); the file is renamed."""
    result = union(ours, read_copy(path, ours.bundle), path.name)
    return result, retire_conflict_copy(path)


def put_aside(notes_path: Path, path: Path) -> Path:
    """Move a kept file where it is no longer offered (never deleted)."""
    folder = kept_dir(notes_path) / SET_ASIDE
    folder.mkdir(parents=True, exist_ok=True)
    target = side_files.free(folder / path.name, _SUFFIX)
    return Path(shutil.move(path, target))
