"""Whether the notes can be written, and why not (small, so views import it cheaply)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Why(StrEnum):
    """Why a notes session does not write."""

    LOADING = "loading"
    LOCKED = "locked"
    #: The notes beside the bundle are in a folder that cannot be written.
    FOLDER_READ_ONLY = "folder-read-only"
    CORRUPT = "corrupt"
    TOO_NEW = "too-new"
    BROKEN_ON_DISK = "broken-on-disk"


@dataclass(frozen=True)
class ReadOnly:
    why: Why
    #: In words, for the banner and the status bar.
    reason: str
