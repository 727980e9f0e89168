"""What the window says about the notes file: the read-only banner, conflict copies, bad files.

Bars across the top of the window rather than dialogs, so reading goes on;
only an unreadable file opens a (window-modal, non-blocking) dialog, because
the learner has a choice to make: use the backup or stay read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from companion.ui.notes_state import Why
from companion.ui.safe_text import escape, message_box
from companion.ui.widgets import MessageBar

if TYPE_CHECKING:  # the session (and YAML) load after the window's first paint
    from companion.notes.store import Opened
    from companion.ui.notes_session import NotesSession


class NotesNotices(QObject):
    """The banners above the tabs (``bars``) and the unreadable-file dialog."""

    def __init__(self, window: QWidget, message: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self._message = message
        self.session: NotesSession | None = None
        self.problem_dialog: QMessageBox | None = None
        self.banner = MessageBar("Notes are read-only", "warning")
        self.copies_bar = MessageBar("Conflict copies found", "info")
        self.bars = QWidget()
        bars = QVBoxLayout(self.bars)
        bars.setContentsMargins(0, 0, 0, 0)
        bars.setSpacing(0)
        bars.addWidget(self.banner)
        bars.addWidget(self.copies_bar)

    def attach(self, session: NotesSession) -> None:
        self.session = session
        self.problem_dialog = None
        self.copies_bar.hide()
        session.sig_conflict_copies.connect(self.offer_copies)
        session.sig_problem.connect(self.show_problem)

    # -- read-only ---------------------------------------------------------
    def update_banner(self) -> None:
        """Show why the notes are read-only, with what can be done about it."""
        session = self.session
        ro = session.read_only if session is not None else None
        if session is None or ro is None or ro.why is Why.LOADING:
            self.banner.hide()
            return
        buttons: list[tuple[str, str, Callable[[], None]]] = []
        if ro.why is Why.LOCKED:
            buttons.append(
                ("&Try Again", "Edit here if the other Companion has closed", self.retry)
            )
        opened = session.opened
        if ro.why is Why.CORRUPT and opened is not None and opened.backup is not None:
            buttons.append(
                ("Use the &Backup…", "Open the previous version of your notes", self.offer_backup)
            )
        text = f"<b>Notes are read-only:</b> {escape(ro.reason)}."
        if ro.why is Why.LOCKED:
            text += " Close Companion there, then choose Try Again."
        if session.rescued:
            text += f" Unsaved changes were kept in {escape(str(session.rescued[-1]))}."
        self.banner.show_message(text, buttons)

    def retry(self) -> None:
        if self.session is not None and not self.session.retry_lock():
            self._message("The notes are still open in another Companion")

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
        if not self.session.conflict_copies():
            self._message(f"No conflict copies beside {self.session.path}")
            return
        self._message(" · ".join(self.session.merge_conflict_copies()))
