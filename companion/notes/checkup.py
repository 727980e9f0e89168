"""What ``companion check`` says about a notes file beyond its notes, in plain lines.

Where the file is and why (and whether it can be written), who holds its lock and
whether that lock is stale, what waits to be offered (kept notes and what a save cut
short left), and how many self-assessments and challenges it holds. It only looks;
nothing here writes.
"""

from __future__ import annotations

import socket
from collections import Counter

from companion.bundle.model import Bundle
from companion.bundle.stacey_map import region_at, regions_in_order
from companion.notes.export_records import NOT_PLACED
from companion.notes.kept import kept_files, leftovers
from companion.notes.lock import NotesLock
from companion.notes.model import NotesFile
from companion.notes.profile import date_labels
from companion.notes.records import Challenge, by_date, position_of
from companion.notes.store import NotesLocation

#: A challenge where the bundle draws no region (a bundle with fewer than five).
OUTSIDE_REGIONS = "outside the bundle's regions"


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


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def record_lines(bundle: Bundle, data: NotesFile) -> list[str]:
    """How many self-assessments and challenges the notes hold (after the notes' counts).

    Challenges are counted by the region each is in now, in the bundle's order; ratings of
    dimensions the bundle does not have are named (they are kept).
    """
    assessments = by_date(a for a in data.assessments if a.deleted is None)
    trashed = len(data.assessments) - len(assessments)
    line = _counted(len(assessments), "self-assessment")
    if assessments:
        line += f" (the latest of {date_labels(assessments)[-1]})"
    if trashed:
        line += f", {trashed} in the trash"
    lines = [line]
    challenges = [c for c in data.challenges if c.deleted is None]
    trashed = len(data.challenges) - len(challenges)
    line = _counted(len(challenges), "challenge")
    if challenges:
        line += ": " + ", ".join(
            f"{n} {where}" for where, n in _by_region(bundle, challenges).items()
        )
    if trashed:
        line += f"; {trashed} in the trash"
    lines.append(line)
    known = {d.id for d in bundle.dimensions}
    for dimension in sorted({r.dimension for a in assessments for r in a.ratings} - known):
        lines.append(
            f"self-assessments rate '{dimension}', which the bundle does not have "
            "(kept; shown again if it returns)"
        )
    return lines


def _by_region(bundle: Bundle, challenges: list[Challenge]) -> dict[str, int]:
    """How many challenges are in each region (in the bundle's order), or not placed yet."""
    regions = regions_in_order(bundle.stacey) if bundle.stacey is not None else []
    counts = Counter[str]()
    for challenge in challenges:
        here = position_of(challenge)
        if here is None:
            counts[NOT_PLACED] += 1
            continue
        region = region_at(bundle.stacey, here.certainty, here.agreement) if bundle.stacey else None
        counts[region.name if region is not None else OUTSIDE_REGIONS] += 1
    order = [r.name for r in regions] + [OUTSIDE_REGIONS, NOT_PLACED]
    return {name: counts[name] for name in order if counts[name]}
