"""The notes in the study window: actions, panels, banners, status, undo and bookmarks.

It joins a ``NotesSession`` (files) to the views: what the learner does becomes
an undoable command on the model, and the views follow the model's events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QMessageBox, QWidget

from companion.bundle.model import Bundle, items_of, title_of
from companion.notes.model import Change
from companion.ui.highlights.controller import HighlightsUi
from companion.ui.highlights.panel import HighlightsPanel
from companion.ui.kit.widgets import ElidedLabel, MessageBar
from companion.ui.notes import commands as cmd
from companion.ui.notes.bookmarks import BookmarksPanel
from companion.ui.notes.item import ItemNotesPanel
from companion.ui.notes.notices import NotesNotices
from companion.ui.notes.panel import NotesPanel
from companion.ui.notes.trash import TrashDialog
from companion.ui.reading.tabs import StudyTab
from companion.ui.shell.actions import make_action
from companion.ui.shell.docks import NotesDocks

if TYPE_CHECKING:
    from companion.ui.notes.session import NotesSession
    from companion.ui.shell.window import MainWindow

Key = QKeySequence.StandardKey
MESSAGE_MS = 8000


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

    def __init__(self, window: MainWindow, docks: NotesDocks) -> None:
        super().__init__(window)
        self.window = window
        self.session: NotesSession | None = None
        self._pending: tuple[Bundle, Path] | None = None
        self.item: str | None = None
        self.titles: dict[str, str] = {}
        self.undo = QUndoStack(self)
        self.undo.setUndoLimit(cmd.UNDO_LIMIT)
        self._unsubscribe: list[Callable[[], None]] = []
        self.item_panel = _panel(docks.item, ItemNotesPanel)
        self.notes_panel = _panel(docks.notes, NotesPanel)
        self.bookmarks_panel = _panel(docks.bookmarks, BookmarksPanel)
        self.highlights_panel = _panel(docks.highlights, HighlightsPanel)
        self.trash: TrashDialog | None = None
        self.notices = NotesNotices(window, self.message)
        self.notices.sig_show_trash.connect(self.show_trash)
        self.bars = self.notices.bars
        self.status = ElidedLabel("Notes status")
        self.status.setObjectName("notesStatus")
        window.statusBar().addPermanentWidget(self.status)
        self.item_dock = docks.item
        self.notes_dock = docks.notes
        self.bookmarks_dock = docks.bookmarks
        self.highlights_dock = docks.highlights
        self.act = self._actions()
        self.highlights = HighlightsUi(self)
        self.item_panel.set_actions(self.act.new_note, self.act.delete_note)
        self.item_panel.sig_body_edited.connect(self._body_edited)
        self.item_panel.sig_tags_edited.connect(self._tags_edited)
        self.item_panel.sig_typing_done.connect(self.seal)
        self.item_panel.sig_note_chosen.connect(self._update_actions)
        self.item_panel.sig_link_activated.connect(window.open_link)
        self.notes_panel.sig_activated.connect(self.go_to)
        self.bookmarks_panel.sig_activated.connect(lambda item: self.go_to(item, ""))
        self._update_actions()
        app = QApplication.instance()
        if app is not None:  # a session ended without closing the window still saves
            app.aboutToQuit.connect(self.close)

    # -- building ----------------------------------------------------------
    def _actions(self) -> NotesActions:
        w = self.window
        acts = NotesActions(
            undo=make_action(w, "&Undo", "Undo the last change to your notes", [Key.Undo]),
            redo=make_action(
                w, "&Redo", "Redo what was undone", ["Ctrl+Shift+Z", *_bindings(Key.Redo)]
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
            item_notes=self.toggle(self.item_dock, "Notes on This &Item", []),
            all_notes=self.toggle(self.notes_dock, "&All Notes", []),
            bookmarks=self.toggle(self.bookmarks_dock, "&Bookmarks Panel", ["Ctrl+Shift+B"]),
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

    def toggle(self, dock: QDockWidget, text: str, keys: list[str]) -> QAction:
        action = dock.toggleViewAction()
        action.setText(text)
        plain = text.replace("&", "")
        tip = f"Show or hide the {plain.removesuffix(' Panel')} panel"
        shortcut = f" ({keys[0]})" if keys else ""
        action.setToolTip(tip + shortcut)
        action.setStatusTip(tip)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda on: self.reveal(dock) if on else None)
        self.window.addAction(action)
        return action

    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addActions([self.act.undo, self.act.redo])

    def fill_view_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions([self.act.item_notes, self.act.all_notes, self.act.bookmarks])
        menu.addAction(self.highlights.act.panel)

    def fill_notes_menu(self, menu: QMenu) -> None:
        menu.addActions([self.act.toggle_bookmark, self.act.new_note, self.act.delete_note])
        menu.addSeparator()
        hl = self.highlights.act
        menu.addActions([hl.highlight, hl.highlight_note, hl.delete, hl.panel])
        menu.addAction(hl.attach_copy)
        menu.addSeparator()
        menu.addActions([self.act.find_notes, self.act.show_trash, self.act.merge_copies])

    # -- the session -------------------------------------------------------
    def open(self, bundle: Bundle, folder: Path) -> None:
        """Close the previous bundle's notes (saving them) and open this one's.

        On a window not yet painted, the notes (and the YAML machinery) load just after
        its first paint: start-up shows the text first, and nothing can be edited before
        the notes are read anyway.
        """
        self.close()
        self.undo.clear()
        self.titles = {item.id: title_of(item) for item in items_of(bundle)}
        self.highlights.set_bundle(bundle, folder)
        self._pending = (bundle, folder)
        self._status_changed("Notes: loading…")
        if self.window.isVisible():
            self._start_session()
        else:
            self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._start_session)
        return False

    def _start_session(self) -> None:
        if self._pending is None:
            return
        (bundle, folder), self._pending = self._pending, None
        from companion.ui.notes.session import NotesSession

        session = NotesSession(folder, bundle.id, self)
        self.session = session
        session.sig_status_changed.connect(self._status_changed)
        session.sig_message.connect(self.message)
        session.sig_read_only_changed.connect(self._read_only_changed)
        session.sig_reloaded.connect(lambda _summary: self.undo.clear())
        session.sig_moved.connect(self.highlights.follow_notes)
        self.notices.attach(session)
        model = session.model
        self._unsubscribe = [model.subscribe(self._changed)]
        groups = [
            (slot.name, [(i, self.titles.get(i, i)) for i in slot.item_ids])
            for slot in self.window.slots
        ]
        self.item_panel.bind(model)
        self.notes_panel.bind(model, self.titles)
        self.bookmarks_panel.bind(model, groups)
        self.highlights.bind(model)
        if self.trash is not None:
            self.trash.bind(model, self.titles, False)
        session.open()
        self._read_only_changed()
        self._status_changed(session.status_text())
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
        self.highlights.bind(None)
        session.close()
        self._status_changed(session.status_text())
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

    def _status_changed(self, text: str) -> None:
        self.status.setText(text)

    def message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _read_only_changed(self) -> None:
        writable = self.writable
        self.item_panel.set_writable(writable)
        self.highlights.set_writable(writable)
        if self.trash is not None:
            self.trash.set_writable(writable)
        if not writable:
            self.undo.clear()
        self._update_actions()
        self.notices.update_banner()

    # -- commands ----------------------------------------------------------
    def push(self, command: cmd.NotesCommand) -> bool:
        if not self.writable:
            reason = (
                self.session.read_only.reason if self.session and self.session.read_only else ""
            )
            self.message(f"Notes are read-only: {reason}")
            return False
        self.undo.push(command)
        return True

    def seal(self) -> None:
        """End the current typing step: the next keystroke starts a new undo step."""
        top = self.undo.command(self.undo.index() - 1)
        if isinstance(top, cmd.EditNote | cmd.EditHighlight):
            top.sealed = True

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
        if self.item is None or self.session is None:
            return
        command = cmd.AddNote(self.session.model, self.item)
        if self.push(command) and command.note is not None:
            self.reveal(self.item_dock, focus=False)
            self.item_panel.select_note(command.note.id)
            self.item_panel.editor.setFocus()

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

    def empty_trash(self) -> None:
        if self.session is not None and self.session.model.trash():
            self.push(cmd.EmptyTrash(self.session.model))
            self.message("Trash emptied (Ctrl+Z undoes)")

    # -- views -------------------------------------------------------------
    def show_item(self, item: str | None) -> None:
        self.item = item
        self.item_panel.show_item(item, self.titles.get(item, item) if item else "")
        self._update_actions()
        self.highlights.update_actions()

    def tab_built(self, tab: StudyTab) -> None:
        tab.pane.sig_bookmark_clicked.connect(lambda: self.toggle_bookmark(tab.current_item()))
        self._mark_tab(tab)
        self.highlights.add_tab(tab)

    def _mark_tab(self, tab: StudyTab) -> None:
        model = self.session.model if self.session is not None else None
        for item in tab.item_ids():
            tab.set_bookmarked(item, model is not None and model.is_bookmarked(item))

    def _changed(self, change: Change) -> None:
        if change.kind == "reset":
            for slot in self.window.slots:
                if slot.is_built():
                    self._mark_tab(slot.content())
        elif change.kind == "bookmark" and self.session is not None:
            holder = next((s for s in self.window.slots if change.item in s.item_ids), None)
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

    def reveal(self, dock: QDockWidget, *, focus: bool = True) -> None:
        dock.show()
        dock.raise_()
        widget = dock.widget()
        if focus and widget is not None:
            widget.setFocus()

    def find_in_notes(self) -> None:
        self.reveal(self.notes_dock)
        self.notes_panel.search.setFocus()
        self.notes_panel.search.selectAll()

    def go_to(self, item: str, note_id: str) -> None:
        """Show ``item`` (and open ``note_id`` for writing, when given)."""
        if not self.window.navigate(item):
            self.message(f"'{item}' is not in this bundle; its notes are kept")
            return
        if note_id:
            self.reveal(self.item_dock, focus=False)
            self.item_panel.select_note(note_id)
            self.item_panel.editor.setFocus()
        else:
            tab = self.window.current_tab()
            if tab is not None:
                tab.setFocus()

    def show_trash(self) -> None:
        if self.trash is None:
            self.trash = TrashDialog(self.window)
            self.trash.sig_restore.connect(self.restore_note)
            self.trash.sig_empty.connect(self.empty_trash)
        model = self.session.model if self.session is not None else None
        self.trash.bind(model, self.titles, self.writable)
        if self.trash.isVisible():
            self.trash.raise_()
            self.trash.activateWindow()
        else:
            self.trash.show()


PANELS: dict[str, type[QWidget]] = {
    "item": ItemNotesPanel,
    "notes": NotesPanel,
    "bookmarks": BookmarksPanel,
    "highlights": HighlightsPanel,
}
"""The panel of each of the ``NotesDocks``."""

PanelT = TypeVar("PanelT", bound=QWidget)


def build_panel(docks: NotesDocks, name: str) -> None:
    """Put the panel of dock ``name`` into it (start-up builds them one per step)."""
    _panel(getattr(docks, name), PANELS[name])


def _panel(dock: QDockWidget, kind: type[PanelT]) -> PanelT:
    """The ``kind`` panel in ``dock``, made there in place of its stand-in if need be."""
    shown = dock.widget()
    if isinstance(shown, kind):
        return shown
    panel = kind()
    dock.setWidget(panel)
    if shown is not None:
        shown.deleteLater()
    return panel


def _bindings(key: QKeySequence.StandardKey) -> list[str]:
    return [s.toString() for s in QKeySequence.keyBindings(key)]
