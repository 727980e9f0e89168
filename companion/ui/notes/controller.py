"""The notes in the study window: actions, panels, banners, status, undo and bookmarks.

It joins a ``NotesSession`` (files) to the views: what the learner does becomes
an undoable command on the model, and the views follow the model's events. Edits to
highlights go through the same undo stack (``add_highlight`` and the like, which the
shell's wiring hands to the highlights); what happens to the open notes is announced
by signals (``sig_bundle_changed``, ``sig_model_changed``, ...), which the wiring
passes on. Search reads the open notes through ``model``, ``loading`` and
``select_note``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from companion.bundle.model import Bundle
from companion.notes import undo as cmd
from companion.notes.model import Change, Color, Highlight, NotesModel
from companion.notes.records_undo import MoveChallenge, RestoreRecord
from companion.qt.safe_text import tip
from companion.ui.kit.actions import key_bindings, make_action
from companion.ui.kit.panels import panel_in, reveal, toggle_action
from companion.ui.kit.shell_api import MESSAGE_MS, Shell
from companion.ui.kit.widgets import ElidedLabel, MessageBar
from companion.ui.notes.bookmarks import BookmarksPanel
from companion.ui.notes.commands import QtCommand
from companion.ui.notes.item import ItemNotesPanel
from companion.ui.notes.notices import NotesNotices
from companion.ui.notes.panel import NotesPanel
from companion.ui.notes.trash import TrashDialog
from companion.ui.reading.tabs import StudyTab

if TYPE_CHECKING:  # the session (and YAML) load after the window's first paint
    from collections.abc import Mapping

    from companion.ui.notes.session import NotesSession

Key = QKeySequence.StandardKey


@dataclass
class NotesActions:
    undo: QAction
    redo: QAction
    toggle_bookmark: QAction
    new_note: QAction
    delete_note: QAction
    find_notes: QAction
    show_trash: QAction
    merge_copies: QAction
    item_notes: QAction
    all_notes: QAction
    bookmarks: QAction

    def shortcuts(self) -> list[QAction]:
        return [
            self.undo,
            self.redo,
            self.toggle_bookmark,
            self.new_note,
            self.delete_note,
            self.find_notes,
            self.bookmarks,
        ]


class NotesUi(QObject):
    """Everything about notes that the window shows; ``session`` is the open bundle's."""

    sig_session_started = Signal()
    """The notes session of the bundle now shown exists (its file is being read)."""
    sig_bundle_changed = Signal(object, object)
    """Another bundle (``Bundle``, its folder) is shown; its notes are read next."""
    sig_model_changed = Signal(object)
    """The open notes' model (a ``NotesModel``, or None once they are closed)."""
    sig_writable_changed = Signal(bool)
    """The notes became writable, or read-only."""
    sig_moved = Signal(Path)
    """The notes file is now another one (continued in the data folder)."""

    def __init__(
        self,
        shell: Shell,
        item_dock: QDockWidget,
        all_notes_dock: QDockWidget,
        bookmarks_dock: QDockWidget,
    ) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.host = shell.host
        self.session: NotesSession | None = None
        self._pending: tuple[Bundle, Path] | None = None
        self.item: str | None = None
        self.titles: Mapping[str, str] = {}
        self.undo = QUndoStack(self)
        self.undo.setUndoLimit(cmd.UNDO_LIMIT)
        self._unsubscribe: list[Callable[[], None]] = []
        self.item_panel = panel_in(item_dock, ItemNotesPanel)
        self.notes_panel = panel_in(all_notes_dock, NotesPanel)
        self.bookmarks_panel = panel_in(bookmarks_dock, BookmarksPanel)
        self.trash: TrashDialog | None = None
        self.notices = NotesNotices(self.host, self.message)
        self.notices.sig_show_trash.connect(self.show_trash)
        self.bars = self.notices.bars
        # The short statuses ("✓ Saved", "Notes: none yet") whole, at any zoom.
        self.status = ElidedLabel("Notes status", whole_up_to=320)
        self.status.setObjectName("notesStatus")
        shell.add_status_widget(self.status)
        self.item_dock = item_dock
        self.all_notes_dock = all_notes_dock
        self.bookmarks_dock = bookmarks_dock
        self.act = self._actions()
        self.item_panel.set_actions(self.act.new_note, self.act.delete_note)
        self.item_panel.sig_body_edited.connect(self._body_edited)
        self.item_panel.sig_tags_edited.connect(self._tags_edited)
        self.item_panel.sig_typing_done.connect(self.seal)
        self.item_panel.sig_note_chosen.connect(self._update_actions)
        self.item_panel.sig_link_activated.connect(shell.open_link)
        self.item_panel.sig_note_started.connect(self._note_started)
        self.item_panel.sig_note_left.connect(self._note_left)
        self.notes_panel.sig_activated.connect(self.go_to)
        self.bookmarks_panel.sig_activated.connect(lambda item: self.go_to(item, ""))
        self._update_actions()
        app = QApplication.instance()
        if app is not None:  # a session ended without closing the window still saves
            app.aboutToQuit.connect(self.close)

    # -- building ----------------------------------------------------------
    def _actions(self) -> NotesActions:
        w = self.host
        acts = NotesActions(
            undo=make_action(w, "&Undo", "Undo the last change to your notes", [Key.Undo]),
            redo=make_action(
                w, "&Redo", "Redo what was undone", ["Ctrl+Shift+Z", *key_bindings(Key.Redo)]
            ),
            toggle_bookmark=make_action(
                w, "Toggle &Bookmark", "Bookmark the item you are reading, or remove it", ["Ctrl+D"]
            ),
            new_note=make_action(
                w, "&New Note", "Write a new note on this item", [Key.New, "Ctrl+Shift+N"]
            ),
            delete_note=make_action(
                w, "&Delete Note", "Move the chosen note to the trash", ["Ctrl+Shift+Del"]
            ),
            find_notes=make_action(
                w, "&Find in Notes…", "Filter all notes and bookmarks", ["Ctrl+Shift+F"]
            ),
            show_trash=make_action(w, "&Trash…", "Deleted notes, to restore or empty", []),
            merge_copies=make_action(
                w,
                "&Merge Conflict Copies…",
                "Merge copies of your notes left by a sync tool (each copy is kept, renamed)",
                [],
            ),
            item_notes=toggle_action(w, self.item_dock, "Notes on This &Item", []),
            all_notes=toggle_action(w, self.all_notes_dock, "&All Notes", []),
            bookmarks=toggle_action(w, self.bookmarks_dock, "&Bookmarks Panel", ["Ctrl+Shift+B"]),
        )
        acts.toggle_bookmark.setCheckable(True)
        acts.undo.triggered.connect(lambda: self._step(self.undo.undo))
        acts.redo.triggered.connect(lambda: self._step(self.undo.redo))
        # The stack clears itself (and says so) while it is being destroyed: look first.
        self.undo.indexChanged.connect(self._stack_changed)
        self.undo.canUndoChanged.connect(self._stack_changed)
        self.undo.canRedoChanged.connect(self._stack_changed)
        acts.toggle_bookmark.triggered.connect(lambda _=False: self.toggle_bookmark())
        acts.new_note.triggered.connect(self.new_note)
        acts.delete_note.triggered.connect(self.delete_note)
        acts.find_notes.triggered.connect(self.find_in_notes)
        acts.show_trash.triggered.connect(self.show_trash)
        acts.merge_copies.triggered.connect(lambda: self.notices.merge_copies())
        return acts

    # -- the session -------------------------------------------------------
    def open(self, bundle: Bundle, folder: Path) -> None:
        """Close the previous bundle's notes (saving them) and open this one's.

        On a window not yet painted, the notes (and the YAML machinery) load just after
        its first paint: start-up shows the text first, and nothing can be edited before
        the notes are read anyway.
        """
        self.close()
        self.undo.clear()
        self.titles = self.shell.titles
        self.sig_bundle_changed.emit(bundle, folder)
        self._pending = (bundle, folder)
        self._status_changed("Notes: loading…", "")
        if self.host.isVisible():
            self._start_session()
        else:
            self.host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Paint:
            self.host.removeEventFilter(self)
            QTimer.singleShot(0, self._start_session)
        return False

    def _start_session(self) -> None:
        if self._pending is None:
            return
        (bundle, folder), self._pending = self._pending, None
        from companion.ui.notes.session import NotesSession  # loaded by a start-up step

        session = NotesSession(folder, bundle.id, self, work=self.shell.background)
        self.session = session
        session.sig_status_changed.connect(self._status_changed)
        session.sig_message.connect(self.message)
        session.sig_read_only_changed.connect(self._read_only_changed)
        session.sig_reloaded.connect(lambda _summary: self.undo.clear())
        session.sig_moved.connect(self.sig_moved)
        self.notices.attach(session)
        model = session.model
        self._unsubscribe = [model.subscribe(self._changed)]
        groups = [
            (slot.name, [(i, self.titles.get(i, i)) for i in slot.item_ids])
            for slot in self.shell.slots
        ]
        self.item_panel.bind(model)
        self.item_panel.set_titles(self.titles)
        self.notes_panel.bind(model, self.titles)
        self.bookmarks_panel.bind(model, groups)
        self.sig_model_changed.emit(model)
        if self.trash is not None:
            self.trash.bind(model, self.titles, False)
        session.open()
        self._read_only_changed()
        self._status_changed(*session.status())
        self.sig_session_started.emit()

    def close(self) -> None:
        """Save and release the notes (on closing the window or switching bundles)."""
        self._pending = None
        session, self.session = self.session, None
        if session is None:
            return
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self.sig_model_changed.emit(None)
        session.close()
        self._status_changed(*session.status())
        self._read_only_changed()

    @property
    def banner(self) -> MessageBar:
        """The read-only banner."""
        return self.notices.banner

    @property
    def copies_bar(self) -> MessageBar:
        return self.notices.copies_bar

    @property
    def problem_dialog(self) -> QMessageBox | None:
        return self.notices.problem_dialog

    @property
    def writable(self) -> bool:
        return self.session is not None and self.session.writable

    @property
    def model(self) -> NotesModel | None:
        """The open notes' model (None while no notes are open)."""
        return self.session.model if self.session is not None else None

    @property
    def loading(self) -> bool:
        """Notes are open and their file is still being read."""
        return self.session is not None and not self.session.loaded

    def _status_changed(self, text: str, detail: str) -> None:
        self.status.setText(text)
        if detail:  # the file, on hover
            self.status.setToolTip(tip(detail))
            self.status.setAccessibleDescription(detail)

    def message(self, text: str) -> None:
        self.shell.show_message(text, MESSAGE_MS)

    def _read_only_changed(self) -> None:
        writable = self.writable
        self.item_panel.set_writable(writable)
        self.sig_writable_changed.emit(writable)
        if self.trash is not None:
            self.trash.set_writable(writable)
        if not writable:
            self.undo.clear()
        self._update_actions()
        self.notices.update_banner()

    # -- commands ----------------------------------------------------------
    def push(self, command: cmd.Command) -> bool:
        if not self.writable:
            reason = (
                self.session.read_only.reason if self.session and self.session.read_only else ""
            )
            self.message(f"Notes are read-only: {reason}")
            return False
        self.undo.push(QtCommand(command))
        return True

    def seal(self) -> None:
        """End the current typing step: the next keystroke starts a new undo step."""
        top = self.undo.command(self.undo.index() - 1)
        typing = cmd.AddNote | cmd.EditNote | cmd.EditHighlight | MoveChallenge
        if isinstance(top, QtCommand) and isinstance(top.command, typing):
            top.command.sealed = True

    def _step(self, step: Callable[[], None]) -> None:
        self.seal()
        step()
        self.seal()

    def toggle_bookmark(self, item: str | None = None) -> None:
        item = item or self.item
        if item is None or self.session is None:
            return
        command = cmd.ToggleBookmark(self.session.model, item)
        if self.push(command):
            title = self.titles.get(item, item)
            self.message(
                f"Bookmarked {title}" if command.on else f"Removed the bookmark on {title}"
            )
        self._update_actions()

    def new_note(self) -> None:
        """An empty page for the item: the note is made by its first keystroke."""
        if self.item is None or self.session is None or not self.writable:
            return
        reveal(self.item_dock, focus=False)
        self.item_panel.start_note()
        self._update_actions()

    def _note_started(self, item: str, text: str) -> None:
        if self.session is None:
            return
        self.seal()
        command = cmd.AddNote(self.session.model, item, body=text)
        if self.push(command) and command.note is not None:
            self.item_panel.adopt(command.note.id)

    def _note_left(self, note_id: str) -> None:
        """A note left empty (no text, no tags) is discarded: it never was the learner's work."""
        if self.session is None or not self.writable or note_id == self.item_panel.note_id:
            return
        note = self.session.model.note(note_id)
        if note is not None and not note.body.strip() and not note.tags:
            self.push(cmd.DiscardNote(self.session.model, note_id))

    def delete_note(self) -> None:
        note_id = self.item_panel.note_id
        if note_id is None or self.session is None:
            return
        if self.push(cmd.DeleteNote(self.session.model, note_id)):
            self.message("Note moved to the trash (Ctrl+Z undoes)")
            self.item_panel.list.setFocus()

    def _body_edited(self, note_id: str, text: str) -> None:
        if self.session is not None and self.session.model.note(note_id) is not None:
            self.push(cmd.EditNote(self.session.model, note_id, body=text))

    def _tags_edited(self, note_id: str, tags: list[str]) -> None:
        # Typing tags, like typing text, is one undo step until the learner moves on.
        if self.session is not None and self.session.model.note(note_id) is not None:
            self.push(cmd.EditNote(self.session.model, note_id, tags=tags))

    def restore_note(self, note_id: str) -> None:
        if self.session is not None and self.push(cmd.RestoreNote(self.session.model, note_id)):
            self.message("Note restored")

    def restore_record(self, kind: str, record_id: str) -> None:
        """Bring an assessment or a challenge back from the trash."""
        if self.session is not None and self.push(
            RestoreRecord(self.session.model, kind, record_id)
        ):
            self.message("Challenge restored" if kind == "challenge" else "Assessment restored")

    def empty_trash(self) -> None:
        model = self.session.model if self.session is not None else None
        if model is not None and (model.trash() or model.record_counts()[2]):
            self.push(cmd.EmptyTrash(model))
            self.message("Trash emptied (Ctrl+Z undoes)")

    # -- highlights, edited on the same undo stack (``HighlightEdits``) -------
    def add_highlight(self, model: NotesModel, highlight: Highlight) -> bool:
        return self.push(cmd.AddHighlight(model, highlight))

    def edit_highlight(
        self,
        model: NotesModel,
        highlight_id: str,
        *,
        color: Color | None = None,
        note: str | None = None,
        tags: list[str] | None = None,
    ) -> bool:
        return self.push(cmd.EditHighlight(model, highlight_id, color=color, note=note, tags=tags))

    def delete_highlight(self, model: NotesModel, highlight_id: str) -> bool:
        return self.push(cmd.DeleteHighlight(model, highlight_id))

    # -- views -------------------------------------------------------------
    def show_item(self, item: str | None) -> None:
        self.item = item
        self.item_panel.show_item(item, self.titles.get(item, item) if item else "")
        self._update_actions()

    def tab_built(self, tab: StudyTab) -> None:
        tab.pane.sig_bookmark_clicked.connect(lambda: self.toggle_bookmark(tab.current_item()))
        self._mark_tab(tab)

    def _mark_tab(self, tab: StudyTab) -> None:
        model = self.session.model if self.session is not None else None
        for item in tab.item_ids():
            tab.set_bookmarked(item, model is not None and model.is_bookmarked(item))

    def _changed(self, change: Change) -> None:
        if change.kind == "reset":
            for slot in self.shell.slots:
                if slot.is_built():
                    self._mark_tab(slot.content())
        elif change.kind == "bookmark" and self.session is not None:
            holder = next((s for s in self.shell.slots if change.item in s.item_ids), None)
            if holder is not None and holder.is_built():
                holder.content().set_bookmarked(
                    change.item, self.session.model.is_bookmarked(change.item)
                )
        self._update_actions()

    def _stack_changed(self, _value: object = None) -> None:
        if shiboken6.isValid(self.undo) and shiboken6.isValid(self.act.undo):
            self._update_actions()

    def _update_actions(self) -> None:
        writable = self.writable
        on_item = writable and self.item is not None
        self.act.toggle_bookmark.setEnabled(on_item)
        model = self.session.model if self.session is not None else None
        marked = model is not None and self.item is not None and model.is_bookmarked(self.item)
        self.act.toggle_bookmark.setChecked(marked)
        self.act.new_note.setEnabled(on_item)
        self.act.delete_note.setEnabled(writable and self.item_panel.note_id is not None)
        self.act.merge_copies.setEnabled(writable)
        self.act.undo.setEnabled(writable and self.undo.canUndo())
        self.act.redo.setEnabled(writable and self.undo.canRedo())
        undo, redo = self.undo.undoText(), self.undo.redoText()
        self.act.undo.setText(f"&Undo {undo}" if undo else "&Undo")
        self.act.redo.setText(f"&Redo {redo}" if redo else "&Redo")

    def find_in_notes(self) -> None:
        reveal(self.all_notes_dock)
        self.notes_panel.search.setFocus()
        self.notes_panel.search.selectAll()

    def go_to(self, item: str, note_id: str) -> None:
        """Show ``item`` (and open ``note_id`` for writing, when given)."""
        if not self.shell.navigate(item):
            self.message(f"'{item}' is not in this bundle; its notes are kept")
            return
        if note_id:
            reveal(self.item_dock, focus=False)
            self.item_panel.select_note(note_id)
            self.item_panel.editor.setFocus()
        else:
            tab = self.shell.current_tab()
            if tab is not None:
                tab.setFocus()

    def select_note(self, note_id: str) -> None:
        """Open ``note_id`` in the panel of the item shown (a search result), the panel
        brought forward: a note found is a note seen."""
        self.item_panel.select_note(note_id)
        reveal(self.item_dock, focus=False)

    def show_trash(self) -> None:
        if self.trash is None:
            self.trash = TrashDialog(self.host)
            self.trash.sig_restore.connect(self.restore_note)
            self.trash.sig_restore_record.connect(self.restore_record)
            self.trash.sig_empty.connect(self.empty_trash)
        model = self.session.model if self.session is not None else None
        self.trash.bind(model, self.titles, self.writable)
        if self.trash.isVisible():
            self.trash.raise_()
            self.trash.activateWindow()
        else:
            self.trash.show()
