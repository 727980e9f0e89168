"""Where a bundle's notes live, and reading and writing them without ever losing any.

- Beside the bundle (``<parent>/<bundle-id>.notes.yaml``) when that folder is
  writable and the bundle is not the one shipped inside Companion; otherwise
  in the user's data folder, so reinstalling Companion never touches them. A
  notes file that already lies beside a bundle in a folder that cannot be
  written is still the one shown (read-only), until the learner continues in
  the data folder from a copy of it (``continue_in_data_folder``).
- Writes are atomic and keep the previous generation as ``.bak``; a daily copy
  (refreshed at every save) and a weekly one rotate in the user's data folder,
  kept per notes file. A file the reader would refuse (``NotesUnwritable``) is never written.
- A file that cannot be read is copied aside untouched (once) and the session is
  read-only until the learner chooses; it is never replaced by an empty file.
- Records that could not reach the file are kept aside (``keep_aside``) and offered
  again (``kept_files``), as is what a save cut short left behind (``adopt_leftovers``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec

import companion.yamlio
from companion import side_files
from companion.atomic import atomic_write, backup_path
from companion.notes.cache import parse_cached
from companion.notes.fileformat import (
    NotesCorrupt,
    NotesProblem,
    NotesTooNew,
    Parsed,
    SharedId,
    UnshowableDate,
    parse,
    serialize,
)
from companion.notes.merge import MergeResult, union
from companion.notes.model import NotesFile, empty_file
from companion.paths import content_dir, user_data_dir
from companion.regular_files import read_regular
from companion.unbroken import NOTES_LIMIT, long_runs

DAILY_KEPT = 7
WEEKLY_KEPT = 8


@dataclass(frozen=True)
class NotesLocation:
    path: Path
    beside_bundle: bool
    #: Why the notes are where they are, in words for the status bar and `check`.
    reason: str
    #: Not None: the notes beside the bundle can be read but not written (why, in words).
    read_only: str | None = None
    #: With ``read_only``: where the learner may continue from a copy of them.
    data_copy: Path | None = None


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _origin_marker(data_copy: Path) -> Path:
    """Beside a data-folder copy: the notes file it was continued from."""
    return side_files.beside(data_copy, side_files.ORIGIN)


def continued_from(data_copy: Path) -> Path | None:
    """The notes file ``data_copy`` was continued from, if it was."""
    marker = _origin_marker(data_copy)
    try:
        if not stat.S_ISREG(marker.lstat().st_mode):
            return None
        text = marker.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def locate(bundle_dir: Path, bundle_id: str) -> NotesLocation:
    name = side_files.notes_name(bundle_id)
    bundle_dir = bundle_dir.resolve()
    in_data = user_data_dir() / "notes" / name
    if bundle_dir.is_relative_to(content_dir().resolve()):
        return NotesLocation(in_data, False, "in your data folder: the bundle ships with Companion")
    beside = bundle_dir.parent / name
    if _writable(bundle_dir.parent):
        return NotesLocation(beside, True, "beside the bundle")
    if not (beside.exists() or beside.is_symlink()):
        why = "the bundle's folder is read-only"
        return NotesLocation(in_data, False, f"in your data folder: {why}")
    if continued_from(in_data) == beside and in_data.exists():
        return NotesLocation(
            in_data,
            False,
            f"in your data folder: continued from a copy of {beside}, whose folder is read-only",
        )
    why = f"the folder {bundle_dir.parent} cannot be written"
    return NotesLocation(beside, True, f"beside the bundle, read-only: {why}", why, in_data)


def _file_key(notes_path: Path) -> str:
    """A folder name of one notes file's own: its name and a digest of where it is."""
    # The name may come from a hand-edited bundle id: it must not name a folder
    # elsewhere ("/", "..", "a/../../b").
    stem = notes_path.name.removesuffix(side_files.NOTES_SUFFIX)
    stem = re.sub(r"[^\w.-]", "_", stem).strip(".")[:60] or "_"
    where = str(notes_path.absolute()).encode("utf-8", "surrogateescape")
    return f"{stem}-{hashlib.sha256(where).hexdigest()[:10]}"


def backups_dir(notes_path: Path) -> Path:
    """The daily and weekly copies of one notes file (two copies of a bundle, two folders)."""
    return user_data_dir() / "backups" / _file_key(notes_path)


def kept_dir(notes_path: Path) -> Path:
    """Records of one notes file that could not reach it, kept until the learner decides."""
    return user_data_dir() / "rescued" / _file_key(notes_path)


@dataclass
class Opened:
    """What opening a notes file gave."""

    data: NotesFile
    #: Not None: the session must not write (the reason, for the banner).
    read_only: str | None = None
    problem: NotesProblem | None = None
    #: Where an unreadable file was copied, untouched.
    set_aside: Path | None = None
    #: A previous generation that can be offered instead of an unreadable file.
    backup: Path | None = None
    migrated_from: int | None = None
    notices: list[str] = field(default_factory=list)
    #: ``data`` differs from the file (duplicate ids were given new ones): save it.
    repaired: bool = False


def _same_copy_aside(path: Path, raw: bytes) -> Path | None:
    """An earlier ``NAME.broken-*`` holding exactly ``raw``: no need for another copy."""
    try:
        prefix = side_files.beside(path, side_files.set_aside("")).name
        earlier = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return None
    for copy in sorted(earlier):
        with contextlib.suppress(OSError):
            found = copy.lstat()  # only a plain file is read: a FIFO would hang here
            plain = stat.S_ISREG(found.st_mode) and found.st_size == len(raw)
            if plain and copy.read_bytes() == raw:
                return copy
    return None


def _set_aside(path: Path, raw: bytes) -> Path | None:
    """A copy of the unreadable file, made once however often it is opened."""
    same = _same_copy_aside(path, raw)
    if same is not None:
        return same
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = side_files.free(side_files.beside(path, side_files.set_aside(stamp)))
    try:
        shutil.copy2(path, target)
    except OSError:
        # A full disk or a read-only folder: the file itself is still kept as it is.
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        return None
    return target


def _usable_backup(path: Path) -> Path | None:
    backup = backup_path(path)
    try:
        parse(read_regular(backup), backup)
    except (OSError, NotesProblem):
        return None
    return backup


def open_notes(path: Path, bundle_id: str) -> Opened:
    """Read the notes at ``path``. Never raises for a bad file and never writes to it.

    Only a regular file is read: a FIFO, a device or a link out of the folder opens
    read-only with the reason, and nothing of it is copied anywhere.
    """
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return Opened(empty_file(bundle_id))
    except OSError as exc:
        problem = NotesCorrupt(path, f"cannot read the file: {exc.strerror}")
        return Opened(empty_file(bundle_id), read_only=str(problem), problem=problem)
    try:
        parsed = parse_cached(raw, path)
    except NotesTooNew as exc:
        return Opened(empty_file(bundle_id), read_only=exc.message, problem=exc)
    except NotesCorrupt as exc:
        return Opened(
            empty_file(bundle_id),
            read_only="the notes file cannot be read; it was kept as it is",
            problem=exc,
            set_aside=_set_aside(path, raw),
            backup=_usable_backup(path),
        )
    opened = Opened(parsed.data, migrated_from=parsed.migrated_from, repaired=parsed.repaired)
    opened.notices += findings_notices(parsed)
    if parsed.migrated_from is not None:
        # The file as it was stays beside the new one.
        kept = side_files.beside(path, side_files.migration_backup(parsed.migrated_from))
        try:
            if not kept.exists():
                # Atomic: a half-written copy must never pass for the original.
                atomic_write(kept, raw)
        except OSError as exc:
            opened.read_only = (
                f"notes in format {parsed.migrated_from} need updating, but the original "
                f"could not be kept as {kept.name} ({exc.strerror}); opened read-only"
            )
        else:
            opened.notices.append(
                f"Notes were updated from format {parsed.migrated_from}; "
                f"the original is {kept.name}"
            )
    if parsed.data.bundle != bundle_id:
        opened.notices.append(
            f"This notes file names bundle '{parsed.data.bundle}', not '{bundle_id}'"
        )
    return opened


def findings_notices(parsed: Parsed) -> list[str]:
    """What reading found, in a line or two for the status bar (``check`` lists each)."""
    notices = []
    ids = sum(isinstance(f, SharedId) for f in parsed.findings)
    dates = sum(isinstance(f, UnshowableDate) for f in parsed.findings)
    name = parsed.findings[0].file.name if parsed.findings else ""
    if ids:
        notices.append(
            f"{ids} record{'s' * (ids != 1)} in {name} had an id already used by another; "
            "every record is kept, each with an id of its own (companion check lists them)"
        )
    if dates:
        notices.append(
            f"{dates} date{'s' * (dates != 1)} in {name} cannot be shown; those records "
            "are shown without them (companion check lists them)"
        )
    return notices


def restore_backup(path: Path, backup: Path, bundle_id: str) -> Opened:
    """Use the previous generation instead of an unreadable file (already set aside)."""
    opened = open_notes(backup, bundle_id)
    if opened.problem is None:
        save_notes(path, opened.data)
    return opened


class NotesUnwritable(Exception):
    """Notes Companion would refuse to read back: they are not written, the last good file stays.

    Trying again cannot help; the learner has to change the notes (the message says how).
    """

    def __init__(self, path: Path, why: str) -> None:
        self.path, self.why = path, why
        super().__init__(f"{path.name} was not written: {why}")


class NotesTooBig(NotesUnwritable):
    """The file would be over the size the reader accepts."""

    def __init__(self, path: Path, size: int) -> None:
        self.size = size
        limit = companion.yamlio.MAX_FILE_BYTES
        super().__init__(
            path,
            f"the notes would take {size / 2**20:.1f} MiB, more than the "
            f"{limit / 2**20:.0f} MiB Companion can read back; delete some notes or "
            "highlights, or empty the trash",
        )


def serialize_checked(path: Path, data: NotesFile) -> bytes:
    """The bytes to write at ``path``; raises NotesUnwritable if the reader would refuse them.

    Too big for the reader, or holding a run of text too long to lay out (see unbroken).
    """
    run = next(long_runs(msgspec.to_builtins(data), NOTES_LIMIT), None)
    if run is not None:
        raise NotesUnwritable(path, f"{run.describe(NOTES_LIMIT)}; shorten it")
    raw = serialize(data, path.name)
    if len(raw) > companion.yamlio.MAX_FILE_BYTES:
        raise NotesTooBig(path, len(raw))
    return raw


def save_notes(path: Path, data: NotesFile, *, today: date | None = None) -> bytes:
    """Write atomically, keeping the previous generation and the periodic copies."""
    raw = serialize_checked(path, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, raw, keep_backup=True)
    # The notes are saved; the periodic copies are extra safety and must not make
    # a good save look failed (a full data disk, say).
    with contextlib.suppress(OSError):
        rotate_backups(path, raw, today or datetime.now(UTC).date())
    return raw


def rotate_backups(notes_path: Path, raw: bytes, today: date) -> None:
    """The day's copy is the day's last save (the last 7 days kept); the week's, its first
    (the last 8 weeks kept), so the copies also hold the notes as they were days ago."""
    folder = backups_dir(notes_path)
    folder.mkdir(parents=True, exist_ok=True)
    year, week, _ = today.isocalendar()
    atomic_write(folder / f"daily-{today.isoformat()}.yaml", raw)
    weekly = folder / f"weekly-{year}-W{week:02d}.yaml"
    if not weekly.exists():
        atomic_write(weekly, raw)
    for kind, kept in (("daily", DAILY_KEPT), ("weekly", WEEKLY_KEPT)):
        for old in sorted(folder.glob(f"{kind}-*.yaml"))[:-kept]:
            old.unlink(missing_ok=True)


def copies_dir(notes_path: Path, bundle_id: str) -> Path:
    """Where the learner's own copies of readings are kept: beside the notes file."""
    return notes_path.with_name(side_files.copies_name(bundle_id))


def _take_copies_along(source: Path, target: Path, bundle_id: str) -> None:
    """The learner's copies of readings go along with the notes (none replaced)."""
    here, there = copies_dir(source, bundle_id), copies_dir(target, bundle_id)
    if not here.is_dir():
        return
    there.mkdir(parents=True, exist_ok=True)
    for copy in here.iterdir():
        if copy.is_file() and not (there / copy.name).exists():
            shutil.copy2(copy, there / copy.name)


def continue_in_data_folder(location: NotesLocation, bundle_id: str) -> MergeResult:
    """Copy the read-only notes beside a bundle to the data folder, where work goes on.

    The learner's copies of readings beside them go along. A notes file already there
    (from before this choice was offered) is kept: the notes beside the bundle are
    merged into it, nothing deleted. What is beside the bundle is only read. Raises
    NotesProblem if either file cannot be read, OSError if the copy cannot be written.
    """
    target = location.data_copy
    if target is None:
        raise ValueError("these notes are not read-only beside a bundle")
    source = open_notes(location.path, bundle_id)
    if source.problem is not None:
        raise source.problem
    existing = open_notes(target, bundle_id)
    if existing.problem is not None:
        raise existing.problem
    result = union(existing.data, source.data, location.path.name)
    _take_copies_along(location.path, target, bundle_id)
    save_notes(target, result.data)
    atomic_write(_origin_marker(target), f"{location.path}\n".encode())
    return result
