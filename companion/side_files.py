"""How the files Companion keeps beside another are named: the one place that names them.

Beside ``NAME`` (``touchpoint-7.notes.yaml``, the notes of bundle ``touchpoint-7``):

- ``NAME.bak``: the generation a save replaced (``atomic``);
- ``NAME.vN.bak``: the file as format ``N`` wrote it, kept when it was migrated;
- ``NAME.broken-STAMP``: a copy of a file that cannot be read, set aside;
- ``NAME.lock``: who is writing it; ``NAME.origin``: what a copy was continued from;
- ``NAME.merged``: a sync tool's conflict copy, once merged in.

Where a name is taken, ``free`` adds ``-2``, ``-3``…: nothing is ever written over.
"""

from __future__ import annotations

from pathlib import Path

NOTES_SUFFIX = ".notes.yaml"
BACKUP = "bak"
LOCK = "lock"
ORIGIN = "origin"
MERGED = "merged"
SET_ASIDE = "broken"


def notes_name(bundle_id: str) -> str:
    """The notes file of a bundle."""
    return f"{bundle_id}{NOTES_SUFFIX}"


def copies_name(bundle_id: str) -> str:
    """The folder of the learner's own copies of a bundle's readings."""
    return f"{bundle_id}.copies"


def migration_backup(version: int) -> str:
    """The side-file tag of a file kept as format ``version`` wrote it."""
    return f"v{version}.{BACKUP}"


def set_aside(stamp: str) -> str:
    """The side-file tag of an unreadable file's copy made at ``stamp``."""
    return f"{SET_ASIDE}-{stamp}"


def beside(path: Path, tag: str) -> Path:
    """The side file ``tag`` of ``path``: ``NAME.tag`` in the same folder."""
    return path.with_name(f"{path.name}.{tag}")


def free(target: Path, suffix: str = "") -> Path:
    """``target``, or ``-2``, ``-3``… added before ``suffix`` while that name is taken."""
    stem, n = target.name.removesuffix(suffix), 1
    while target.exists():
        n += 1
        target = target.with_name(f"{stem}-{n}{suffix}")
    return target
