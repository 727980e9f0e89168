"""What ``companion check`` says about a notes file beyond its records, in plain lines.

Where the file is and why (and whether it can be written), who holds its lock and
whether that lock is stale, and what waits to be offered: kept notes and what a
save cut short left. It only looks; nothing here writes.
"""

from __future__ import annotations

import socket

from companion.notes.kept import kept_files, leftovers
from companion.notes.lock import NotesLock
from companion.notes.store import NotesLocation


def location_lines(where: NotesLocation) -> list[str]:
    """How the app will treat the file's place (after ``notes: PATH (reason)``)."""
    if where.read_only is None:
        return []
    return [
        f"{where.path}: read-only here ({where.read_only}); Companion shows these notes "
        f"read-only and offers to continue in your data folder from a copy ({where.data_copy})"
    ]


def lock_lines(where: NotesLocation) -> list[str]:
    lock = NotesLock(where.path)
    owner = lock.owner()
    if owner is None and not lock.path.exists():
        return []
    if owner is None:
        state = "cannot be read (a Companion may be starting); Companion waits a little for it"
    elif owner.host != socket.gethostname():
        state = (
            f"names another computer, {owner.host}: Companion opens the notes read-only and "
            f"offers to open them anyway once you are sure it is closed there"
        )
    elif lock.is_stale():
        state = f"was left by process {owner.pid}, which has ended; Companion takes it over"
    else:
        state = f"is held by {lock.holder()}: the notes are open there"
    return [f"{lock.path}: the lock {state}"]


def waiting_lines(where: NotesLocation, bundle_id: str) -> list[str]:
    """Kept notes, and what saves cut short left beside the file, waiting to be offered."""
    lines = []
    kept = kept_files(where.path, bundle_id)
    if kept:
        lines.append(
            f"{len(kept)} file{'s' * (len(kept) != 1)} of notes that did not reach the notes "
            f"file wait{'s' * (len(kept) == 1)} in {kept[0].parent}; Companion offers to "
            "merge them when it opens the notes"
        )
    for path in leftovers(where.path):
        lines.append(
            f"{path}: left by a save that was cut short; Companion keeps it aside and offers "
            "it when it next opens the notes"
        )
    return lines
