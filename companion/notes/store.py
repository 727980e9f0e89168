"""Where a bundle's notes live, and reading and writing them without ever losing any.

- Beside the bundle (``<parent>/<bundle-id>.notes.yaml``) when that folder is
  writable and the bundle is not the one shipped inside Companion; otherwise
  in the user's data folder, so reinstalling Companion never touches them.
- Writes are atomic and keep the previous generation as ``.bak``; a daily and
  a weekly copy rotate in the user's data folder.
- A file that cannot be read is copied aside untouched and the session is
  read-only until the learner chooses; it is never replaced by an empty file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec

from companion.atomic import atomic_write, backup_path
from companion.notes.fileformat import NotesCorrupt, NotesProblem, NotesTooNew, parse, serialize
from companion.notes.model import NotesFile, empty_file
from companion.paths import content_dir, user_data_dir
from companion.regular_files import read_regular
from companion.unbroken import NOTES_LIMIT, UnbrokenText, long_runs

DAILY_KEPT = 7
WEEKLY_KEPT = 8


@dataclass(frozen=True)
class NotesLocation:
    path: Path
    beside_bundle: bool
    #: Why the notes are where they are, in words for the status bar and `check`.
    reason: str


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def locate(bundle_dir: Path, bundle_id: str) -> NotesLocation:
    name = f"{bundle_id}.notes.yaml"
    bundle_dir = bundle_dir.resolve()
    shipped = bundle_dir.is_relative_to(content_dir().resolve())
    if not shipped and _writable(bundle_dir.parent):
        return NotesLocation(bundle_dir.parent / name, True, "beside the bundle")
    why = "the bundle ships with Companion" if shipped else "the bundle's folder is read-only"
    return NotesLocation(user_data_dir() / "notes" / name, False, f"in your data folder: {why}")


def backups_dir(bundle_id: str) -> Path:
    # The id comes from the notes file, which may have been edited by hand: it must not
    # name a folder elsewhere ("/", "..", "a/../../b").
    folder = re.sub(r"[^\w.-]", "_", bundle_id).strip(".") or "_"
    return user_data_dir() / "backups" / folder


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


def _set_aside(path: Path) -> Path | None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
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
        parsed = parse(raw, path)
    except NotesTooNew as exc:
        return Opened(empty_file(bundle_id), read_only=exc.message, problem=exc)
    except NotesCorrupt as exc:
        return Opened(
            empty_file(bundle_id),
            read_only="the notes file cannot be read; it was kept as it is",
            problem=exc,
            set_aside=_set_aside(path),
            backup=_usable_backup(path),
        )
    opened = Opened(parsed.data, migrated_from=parsed.migrated_from)
    if parsed.migrated_from is not None:
        # The file as it was stays beside the new one.
        kept = path.with_name(f"{path.name}.v{parsed.migrated_from}.bak")
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


def restore_backup(path: Path, backup: Path, bundle_id: str) -> Opened:
    """Use the previous generation instead of an unreadable file (already set aside)."""
    opened = open_notes(backup, bundle_id)
    if opened.problem is None:
        save_notes(path, opened.data)
    return opened


def save_notes(path: Path, data: NotesFile, *, today: date | None = None) -> bytes:
    """Write atomically, keeping the previous generation and the periodic copies."""
    run = next(long_runs(msgspec.to_builtins(data), NOTES_LIMIT), None)
    if run is not None:  # the file would be refused on reading: keep the last good one
        raise UnbrokenText(run, NOTES_LIMIT)
    raw = serialize(data, path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, raw, keep_backup=True)
    # The notes are saved; the periodic copies are extra safety and must not make
    # a good save look failed (a full data disk, say).
    with contextlib.suppress(OSError):
        rotate_backups(data.bundle, raw, today or datetime.now(UTC).date())
    return raw


def rotate_backups(bundle_id: str, raw: bytes, today: date) -> None:
    """Keep one copy a day (the last 7) and one a week (the last 8)."""
    folder = backups_dir(bundle_id)
    year, week, _ = today.isocalendar()
    wanted = {
        "daily": (f"daily-{today.isoformat()}.yaml", DAILY_KEPT),
        "weekly": (f"weekly-{year}-W{week:02d}.yaml", WEEKLY_KEPT),
    }
    for kind, (name, kept) in wanted.items():
        target = folder / name
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(target, raw)
        for old in sorted(folder.glob(f"{kind}-*.yaml"))[:-kept]:
            old.unlink(missing_ok=True)
