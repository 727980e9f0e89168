"""What the window says about the notes file: the read-only banner, conflict copies, bad files,
notes kept aside and notes another program removed.

Bars across the top of the window rather than dialogs, so reading goes on;
only an unreadable file opens a (window-modal, non-blocking) dialog, because
the learner has a choice to make: use the backup or stay read-only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from companion import side_files
from companion.notes.read_only import Why
from companion.notes.text import when
from companion.qt.safe_text import escape, message_box
from companion.ui.kit.widgets import MessageBar

if TYPE_CHECKING:  # the session (and YAML) load after the window's first paint
    from companion.notes.store import Opened
    from companion.ui.notes.session import NotesSession
    from companion.ui.notes.side import Removed

#: How each kind of kept file (``companion.notes.kept``) is named to the learner.
KEPT_KINDS = {
    "unsaved": "changes that could not be saved",
    "interrupted": "a save that was cut short",
    "removed": "records another program removed",
}
_KEPT_NAME = re.compile(
    r"(?:.*-)?(\d{8})T(\d{6})\d*Z(?:-(\w+))?(?:-\d+)?" + re.escape(side_files.NOTES_SUFFIX)
)


class NotesNotices(QObject):
    """The banners above the tabs (``bars``) and the unreadable-file dialog."""

    sig_show_trash = Signal()
    """The learner asked to see the trash (from the removed-elsewhere bar)."""

    def __init__(self, window: QWidget, message: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self._message = message
        self.session: NotesSession | None = None
        self.problem_dialog: QMessageBox | None = None
        self.banner = MessageBar("Notes are read-only", "warning")
        self.copies_bar = MessageBar("Conflict copies found", "info")
        self.kept_bar = MessageBar("Notes kept aside", "info")
        self.removed_bar = MessageBar("Notes removed by another program", "warning")
        self.bars = QWidget()
        bars = QVBoxLayout(self.bars)
        bars.setContentsMargins(0, 0, 0, 0)
        bars.setSpacing(0)
        for bar in (self.banner, self.removed_bar, self.kept_bar, self.copies_bar):
            bars.addWidget(bar)

    def attach(self, session: NotesSession) -> None:
        self.session = session
        self.problem_dialog = None
        for bar in (self.copies_bar, self.kept_bar, self.removed_bar):
            bar.hide()
        session.sig_conflict_copies.connect(self.offer_copies)
        session.sig_problem.connect(self.show_problem)
        session.sig_kept_files.connect(self.offer_kept)
        session.sig_removed.connect(self.show_removed)

    # -- read-only ---------------------------------------------------------
    def update_banner(self) -> None:
        """Show why the notes are read-only, with what can be done about it."""
        session = self.session
        ro = session.read_only if session is not None else None
        if session is None or ro is None or ro.why is Why.LOADING:
            self.banner.hide()
            return
        buttons: list[tuple[str, str, Callable[[], None]]] = []
        other_host = session.lock_owner.host if ro.why is Why.LOCKED and session.lock_owner else ""
        other_host = "" if other_host == _this_host() else other_host
        if ro.why is Why.LOCKED:
            buttons.append(
                ("&Try Again", "Edit here if the other Companion has closed", self.retry)
            )
        if other_host:
            buttons.append(
                (
                    "&Open Anyway",
                    f"I'm sure Companion is closed on {other_host}: edit the notes here",
                    self.open_anyway,
                )
            )
        if ro.why is Why.FOLDER_READ_ONLY:
            buttons.append(
                (
                    "&Continue in Data Folder",
                    "Copy these notes to your data folder and go on writing there; "
                    "the file beside the bundle stays as it is",
                    self.continue_in_data_folder,
                )
            )
        opened = session.opened
        if ro.why is Why.CORRUPT and opened is not None and opened.backup is not None:
            buttons.append(
                ("Use the &Backup…", "Open the previous version of your notes", self.offer_backup)
            )
        text = f"<b>Notes are read-only:</b> {escape(ro.reason)}."
        if other_host:
            host = escape(other_host)
            text += (
                f" Whether Companion still runs on {host} cannot be checked from here: close"
                f" it there and choose Try Again. If you are sure it is closed on {host} (it may"
                " have stopped without closing), choose Open Anyway."
            )
        elif ro.why is Why.LOCKED:
            text += " Close Companion there, then choose Try Again."
        elif ro.why is Why.FOLDER_READ_ONLY:
            text += (
                " Your notes beside the bundle are shown but cannot be changed. To go on "
                "writing, continue in your data folder from a copy of them."
            )
        if session.rescued:
            text += f" Unsaved changes were kept in {escape(str(session.rescued[-1]))}."
        self.banner.show_message(text, buttons)

    def retry(self) -> None:
        if self.session is not None and not self.session.retry_lock():
            self._message("The notes are still open in another Companion")

    def open_anyway(self) -> None:
        if self.session is not None and not self.session.open_anyway():
            self._message("The notes could not be taken over; they stay read-only")

    def continue_in_data_folder(self) -> None:
        if self.session is not None:
            self.session.continue_in_data_folder()

    # -- an unreadable file ------------------------------------------------
    def show_problem(self, opened: Opened) -> None:
        details = [str(opened.problem)]
        if opened.set_aside is not None:
            details.append(f"A copy of the file was kept as {opened.set_aside}.")
        if opened.backup is not None:
            details.append(f"The previous version, {opened.backup.name}, can be used instead.")
        box = message_box(
            self.window,
            "Your notes cannot be read",
            "Companion could not read your notes file. It has left the file exactly as it is "
            "and opened your notes read-only.",
            icon=QMessageBox.Icon.Warning,
            details="\n\n".join(details),
        )
        use = None
        if opened.backup is not None:
            use = box.addButton("Use the Backup", QMessageBox.ButtonRole.AcceptRole)
            use.setToolTip("Open the previous version; the unreadable file stays aside")
        keep = box.addButton("Keep Read-Only", QMessageBox.ButtonRole.RejectRole)
        keep.setToolTip("Look at your notes without changing anything")
        box.setDefaultButton(keep)

        def chosen() -> None:
            if use is not None and box.clickedButton() is use:
                self.use_backup()

        box.finished.connect(lambda _result: chosen())
        self.problem_dialog = box
        box.open()

    def offer_backup(self) -> None:
        if self.session is not None and self.session.opened is not None:
            self.show_problem(self.session.opened)

    def use_backup(self) -> bool:
        return self.session is not None and self.session.use_backup()

    # -- conflict copies ---------------------------------------------------
    def offer_copies(self, copies: list[Path]) -> None:
        if not copies or self.session is None or not self.session.writable:
            return
        names = ", ".join(p.name for p in copies[:3]) + (" …" if len(copies) > 3 else "")
        count = f"{len(copies)} conflict cop{'y' if len(copies) == 1 else 'ies'}"
        self.copies_bar.show_message(
            f"A sync tool left {count} of your notes: {escape(names)}. Merge them into "
            "your notes? Nothing is lost: each copy is kept, renamed to end in “.merged”.",
            [
                ("&Merge", "Merge the conflict copies into your notes", self.merge_copies),
                ("Not &Now", "Leave the copies as they are", self.copies_bar.hide),
            ],
        )

    def merge_copies(self) -> None:
        if self.session is None:
            return
        self.copies_bar.hide()
        if not self.session.side.conflict_copies():
            self._message(f"No conflict copies beside {self.session.path}")
            return
        self._message(" · ".join(self.session.side.merge_conflict_copies()))

    # -- notes kept aside ----------------------------------------------------
    def offer_kept(self, files: list[Path]) -> None:
        """Notes that never reached the file: merge them, look at them, or put them aside."""
        if not files or self.session is None:
            self.kept_bar.hide()
            return
        shown = [describe_kept(p) for p in files[:3]]
        more = f"; and {len(files) - 3} more" if len(files) > 3 else ""
        text = (
            "<b>Companion kept notes that did not reach your notes file:</b> "
            f"{escape('; '.join(shown))}{more}."
        )
        buttons: list[tuple[str, str, Callable[[], None]]] = []
        if self.session.writable:
            text += (
                " Merge them into your notes? Nothing is lost: two versions of a note are "
                "both kept, and each file is kept, renamed to end in “.merged”."
            )
            buttons.append(("&Merge", "Merge the kept notes into your notes", self.merge_kept))
        else:
            text += " They can be merged once your notes can be edited."
        buttons += [
            ("&Show Files", "Open the folder that holds them", lambda: self.show_kept(files)),
            (
                "Put &Aside",
                "Stop offering them; they stay in the folder “set-aside”",
                self.put_kept_aside,
            ),
            ("Not &Now", "Offer them again next time", self.kept_bar.hide),
        ]
        self.kept_bar.show_message(text, buttons)

    def merge_kept(self) -> None:
        if self.session is None:
            return
        self.kept_bar.hide()
        self._message(" · ".join(self.session.side.merge_kept()))
        left = self.session.side.kept_files()
        if left:  # unreadable ones stay offered: show them or put them aside
            self.offer_kept(left)

    def show_kept(self, files: list[Path]) -> None:
        if files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(files[0].parent)))

    def put_kept_aside(self) -> None:
        if self.session is None:
            return
        self.kept_bar.hide()
        moved = self.session.side.put_kept_aside()
        if moved:
            self._message(f"Put aside in {moved[0].parent}; they are no longer offered")

    # -- removed by another program ----------------------------------------
    def show_removed(self, removed: Removed) -> None:
        """Say, in plain words, what a change on disk removed and where it is now."""
        parts = [
            _count(removed.notes, "note"),
            _count(removed.highlights, "highlight"),
            _count(removed.bookmarks, "bookmark"),
        ]
        what = _listed([p for p in parts if p])
        text = (
            f"<b>{escape(what)} {'was' if _one(removed) else 'were'} removed from your "
            "notes file by another program or an older copy of the file.</b>"
        )
        buttons: list[tuple[str, str, Callable[[], None]]] = []
        if removed.notes:
            they = "It is" if removed.notes == 1 else "They are"
            text += f" {they} in Notes → Trash and can be restored."
            buttons.append(
                ("Show &Trash", "Open the trash to restore them", self.sig_show_trash.emit)
            )
        others = [
            "highlight" if removed.highlights == 1 else _count(removed.highlights, "highlight"),
            "bookmark" if removed.bookmarks == 1 else _count(removed.bookmarks, "bookmark"),
        ]
        named = " and the ".join(o for o in others if o)
        if named and removed.kept is not None:
            kept = removed.kept
            one = removed.highlights + removed.bookmarks == 1
            text += (
                f" The {named} {'was' if one else 'were'} kept aside; Put Back restores "
                f"{'it' if one else 'them'}."
            )
            buttons.append(
                ("&Put Back", "Put the highlights and bookmarks back", lambda: self._put_back(kept))
            )
        buttons.append(("OK", "Hide this message", self.removed_bar.hide))
        self.removed_bar.show_message(text, buttons)

    def _put_back(self, kept: Path) -> None:
        if self.session is None:
            return
        self.removed_bar.hide()
        self._message(" · ".join(self.session.side.merge_kept([kept])))


def describe_kept(path: Path) -> str:
    """A kept file in words: what it holds and when it was kept."""
    found = _KEPT_NAME.fullmatch(path.name)
    if found is None:
        return path.name
    day, time, kind = found.groups()
    stamp = f"{day[:4]}-{day[4:6]}-{day[6:]}T{time[:2]}:{time[2:4]}:{time[4:]}Z"
    return f"{KEPT_KINDS.get(kind or 'unsaved', path.name)} ({when(stamp)})"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}" if n else ""


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _one(removed: Removed) -> bool:
    return removed.notes + removed.highlights + removed.bookmarks == 1


def _this_host() -> str:
    import socket

    return socket.gethostname()
