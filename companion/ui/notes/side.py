"""Files that hold records the notes file lacks: offered, merged in on request, never deleted.

- a sync tool's conflict copies beside the notes (``merge.find_conflict_copies``);
- notes kept aside in the data folder (``notes.kept``): unsaved changes, a save cut
  short, records a change on disk removed.

Merging takes everything in the file and deletes nothing (two different versions of a
note are both kept); the file is then renamed to end in ``.merged``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from companion.notes import kept
from companion.notes.fileformat import NotesProblem
from companion.notes.merge import (
    MergeResult,
    find_conflict_copies,
    merge_conflict_copy,
    retire_conflict_copy,
)
from companion.notes.model import NotesFile, empty_file

if TYPE_CHECKING:
    from companion.ui.notes.session import NotesSession

#: Merges one file into the notes: the result and where the file went.
MergeOne = Callable[[NotesFile, Path], tuple[MergeResult, Path]]


@dataclass(frozen=True)
class Removed:
    """What a change on disk removed that had been saved here, and where it is now."""

    notes: int
    highlights: int
    bookmarks: int
    #: The highlights and bookmarks, kept aside (notes go to the trash).
    kept: Path | None
    #: Self-assessments and challenges: in the trash, as notes are.
    assessments: int = 0
    challenges: int = 0

    @property
    def trashed(self) -> int:
        """How many went to the trash (notes, assessments and challenges)."""
        return self.notes + self.assessments + self.challenges


def _merge_copy(ours: NotesFile, copy: Path) -> tuple[MergeResult, Path]:
    result = merge_conflict_copy(ours, copy)
    return result, retire_conflict_copy(copy)


class SideFiles:
    """The open notes' conflict copies and kept notes (``session.side``)."""

    def __init__(self, session: NotesSession) -> None:
        self._session = session
        self._offered: set[Path] = set()

    # -- conflict copies ---------------------------------------------------
    def conflict_copies(self) -> list[Path]:
        return find_conflict_copies(self._session.path)

    def scan_copies(self) -> None:
        """Offer conflict copies not offered before (``sig_conflict_copies``)."""
        if not self._session.open_for_news:
            return
        copies = self.conflict_copies()
        if any(copy not in self._offered for copy in copies):
            self._offered.update(copies)
            self._session.sig_conflict_copies.emit(copies)

    def merge_conflict_copies(self) -> list[str]:
        """Merge every conflict copy into the notes and rename it ``.merged``; one line each."""
        return self._merge_in(self.conflict_copies(), _merge_copy, "conflict copies")

    # -- notes kept aside ----------------------------------------------------
    def kept_files(self) -> list[Path]:
        return kept.kept_files(self._session.path, self._session.bundle_id)

    def offer_kept(self) -> None:
        if self._session.open_for_news and (files := self.kept_files()):
            self._session.sig_kept_files.emit(files)

    def merge_kept(self, files: list[Path] | None = None) -> list[str]:
        """Merge kept files into the notes (nothing deleted), each renamed ``.merged``."""
        chosen = self.kept_files() if files is None else files
        return self._merge_in(chosen, kept.merge_kept, "the kept notes")

    def put_kept_aside(self, files: list[Path] | None = None) -> list[Path]:
        """Move kept files where they are no longer offered (never deleted)."""
        moved: list[Path] = []
        for path in self.kept_files() if files is None else files:
            try:
                moved.append(kept.put_aside(self._session.path, path))
            except OSError as exc:
                self._session.sig_message.emit(
                    f"{path.name} was left as it is: {exc.strerror or exc}"
                )
        return moved

    def keep_removed(self, result: MergeResult) -> None:
        """Records saved here that the file on disk no longer has: never silently gone.

        Notes are in the trash already (the merge put them there); highlights and
        bookmarks are kept aside, to be put back. ``sig_removed`` says so.
        """
        session = self._session
        aside: Path | None = None
        if result.removed_highlights or result.removed_bookmarks:
            records = msgspec.structs.replace(
                empty_file(session.bundle_id),
                highlights=list(result.removed_highlights),
                bookmarks=list(result.removed_bookmarks),
            )
            try:
                aside = kept.keep_aside(session.path, records, "removed")
            except OSError as exc:
                session.sig_message.emit(f"Could not keep the removed records: {exc.strerror}")
        counts = (
            len(result.removed_notes),
            len(result.removed_highlights),
            len(result.removed_bookmarks),
        )
        session.sig_removed.emit(
            Removed(
                *counts,
                aside,
                assessments=len(result.removed_assessments),
                challenges=len(result.removed_challenges),
            )
        )

    # -- merging -------------------------------------------------------------
    def _merge_in(self, paths: list[Path], merge_one: MergeOne, what: str) -> list[str]:
        session = self._session
        if not session.writable:
            return [f"Notes are read-only: {what} were left as they are"]
        lines: list[str] = []
        merged: NotesFile | None = None
        for path in paths:
            ours = session.model.snapshot()
            try:
                result, retired = merge_one(ours, path)
            except NotesProblem as exc:
                lines.append(f"{path.name} was left as it is: {exc.message}")
                continue
            except OSError as exc:
                lines.append(f"{path.name} was left as it is: {exc.strerror or exc}")
                continue
            if result.data != ours.normalised():
                session.take(result.data)
                merged = result.data
            lines.append(f"{path.name}: {result.summary}; now {retired.name}")
        if merged is not None:
            session.sig_reloaded.emit("; ".join(lines))
            session.save_now()
        return lines
