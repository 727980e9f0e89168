"""The notes on the item being read: a list, a Markdown editor, tags and a rendered view.

The panel shows the model and reports what the learner does as signals; the
window turns those into undoable commands. Undo and Redo pressed in the
editor go to the window's undo stack, not the editor's own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.notes.model import Change, Follower, Note, NotesModel
from companion.notes.text import excerpt, tags_text, when, written
from companion.qt.safe_text import plain_label, set_markdown, tip
from companion.ui.kit.editors import NoteEditor, TagsField
from companion.ui.reading.pane import SafeBrowser

PREVIEW_DELAY_MS = 150


class ItemNotesPanel(QWidget):
    """Every note on one item, and the chosen note open for writing."""

    sig_body_edited = Signal(str, str)
    """The learner changed a note's text (note id, new text)."""
    sig_tags_edited = Signal(str, list)
    """The learner changed a note's tags (note id, tags)."""
    sig_typing_done = Signal()
    """The learner moved away from the note being written (ends an undo step)."""
    sig_link_activated = Signal(QUrl)
    """A link in the rendered note was activated."""
    sig_note_chosen = Signal()
    """Another note (or none) is open in the editor (``note_id``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: NotesModel | None = None
        self._follower = Follower(self._changed)
        self.item: str | None = None
        self.note_id: str | None = None
        self._writable = False
        self._updating = False
        self._previewed: str | None = None
        self._shown: str | None = None
        self.heading = plain_label()  # it names the item: bundle text
        self.heading.setObjectName("panelHeading")
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Notes on this item")
        self.list.setToolTip("Choose a note to read or edit it")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._row_changed)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.new_button, self.delete_button = QToolButton(), QToolButton()
        for button in (self.new_button, self.delete_button):
            button.setObjectName("panelButton")  # before the style sheet first applies
        self.meta = plain_label()  # times as the file gives them, when they cannot be read
        self.meta.setObjectName("hint")
        self.meta.setWordWrap(True)
        self.tags = TagsField(
            "Note tags", "Tags for this note, separated by commas; saved as you type"
        )
        self.tags.sig_edited.connect(self._tags_edited)
        self.tags.sig_left.connect(self.sig_typing_done)
        self.editor = NoteEditor()
        self.editor.setAccessibleName("Note text (Markdown)")
        self.editor.setToolTip("Write in Markdown; your note is saved as you type")
        self.editor.textChanged.connect(self._text_changed)
        self.editor.sig_left.connect(self.sig_typing_done)
        self.preview_label = QLabel("Preview")
        self.preview_label.setObjectName("hint")
        self.preview = SafeBrowser()
        self.preview.document().setDocumentMargin(8)
        self.preview.setAccessibleName("Note as rendered")
        self.preview.setToolTip("")
        self.preview.anchorClicked.connect(self.sig_link_activated)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)
        self._layout()
        self._show_note(None)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(4)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)  # in place of the list
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)
        writing = QWidget()
        writing_layout = QVBoxLayout(writing)
        writing_layout.setContentsMargins(0, 0, 0, 0)
        writing_layout.setSpacing(4)
        writing_layout.addWidget(self.meta)
        writing_layout.addWidget(self.tags)
        writing_layout.addWidget(self.editor, 1)
        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.setSpacing(2)
        shown_layout.addWidget(self.preview_label)
        shown_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        for part in (top, writing, shown):
            splitter.addWidget(part)
        splitter.setSizes([150, 230, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        for first, second in (
            (self.list, self.new_button),
            (self.new_button, self.delete_button),
            (self.delete_button, self.tags),
            (self.tags, self.editor),
            (self.editor, self.preview),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.list)

    def set_actions(self, new_note: QAction, delete_note: QAction) -> None:
        self.new_button.setDefaultAction(new_note)
        self.delete_button.setDefaultAction(delete_note)
        for button in (self.new_button, self.delete_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(button.text().replace("&", ""))
        # Delete on the list moves the chosen note to the trash.
        remove = QAction("Delete Note", self.list)
        remove.setShortcut(QKeySequence("Del"))  # the platform's Delete holds Ctrl+D on Linux
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(delete_note.trigger)
        self.list.addAction(remove)

    # -- model -------------------------------------------------------------
    def bind(self, model: NotesModel | None) -> None:
        self.model = model
        self._follower.follow(model)
        self.note_id = None
        self._refresh_list()

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self._show_note(self._note())

    def show_item(self, item: str | None, title: str) -> None:
        if item == self.item:
            return
        self.sig_typing_done.emit()
        self.item, self.note_id = item, None
        self.heading.setText(f"Notes on {title}" if item else "Notes")
        self.list.blockSignals(True)
        self.list.clear()  # the new item's first note is chosen, not the old row number
        self.list.blockSignals(False)
        self._refresh_list()

    def select_note(self, note_id: str) -> None:
        row = self._row_for(note_id)
        if row is not None:
            self.list.setCurrentItem(row)

    def _changed(self, change: Change) -> None:
        if change.kind == "bookmark" or (change.kind != "reset" and change.item != self.item):
            return
        row = self._row_for(change.note_id) if change.kind == "note" else None
        note = self.model.note(change.note_id) if self.model is not None else None
        if row is not None and note is not None:
            # One note changed (typing, undo): update it in place, keeping the list still.
            self._fill_row(row, note)
            if note.id == self.note_id:
                self._show_note(note)
        else:
            self._refresh_list()

    def _row_for(self, note_id: str) -> QListWidgetItem | None:
        for index in range(self.list.count()):
            row = self.list.item(index)
            if row.data(Qt.ItemDataRole.UserRole) == note_id:
                return row
        return None

    def _note(self) -> Note | None:
        if self.model is None or self.note_id is None:
            return None
        return self.model.note(self.note_id)

    # -- list --------------------------------------------------------------
    def _refresh_list(self) -> None:
        notes = self.model.notes(self.item) if self.model is not None and self.item else []
        ids = [n.id for n in notes]
        keep = self.note_id if self.note_id in ids else None
        if keep is None and ids:
            # Another item, or the chosen note went to the trash: choose the nearest one.
            keep = ids[min(max(self.list.currentRow(), 0), len(ids) - 1)]
        self.list.blockSignals(True)
        self.list.clear()
        for note in notes:
            row = QListWidgetItem()
            row.setData(Qt.ItemDataRole.UserRole, note.id)
            self._fill_row(row, note)
            self.list.addItem(row)
            if note.id == keep:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        self.empty.setText(
            "No notes on this item yet. New Note (Ctrl+N) starts one." if not notes else ""
        )
        self.empty.setVisible(not notes)
        self.list.setVisible(bool(notes))
        # A hidden focus proxy would swallow Tab (the focus going nowhere, unseen).
        self.setFocusProxy(self.list if notes else self.new_button)
        self.note_id = keep
        self._show_note(self._note())

    @staticmethod
    def _fill_row(row: QListWidgetItem, note: Note) -> None:
        tags = f" · {tags_text(note.tags)}" if note.tags else ""
        row.setText(f"{excerpt(note.body, 60)}\n{when(note.modified)}{tags}")
        row.setToolTip(tip(excerpt(note.body, 400)))

    def _row_changed(self, row: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.sig_typing_done.emit()
        self.note_id = None if row is None else str(row.data(Qt.ItemDataRole.UserRole))
        self._show_note(self._note())

    # -- the chosen note ---------------------------------------------------
    def _show_note(self, note: Note | None) -> None:
        self._updating = True
        try:
            editable = note is not None and self._writable
            self.editor.setEnabled(note is not None)
            self.tags.setEnabled(note is not None)
            self.editor.setReadOnly(not editable)
            self.tags.setReadOnly(not editable)
            same = note is not None and note.id == self._shown
            self._shown = None if note is None else note.id
            if note is None:
                self.editor.setPlainText("")
                self.tags.setText("")
                self.meta.setText("")
                self.editor.setPlaceholderText("Choose a note, or New Note (Ctrl+N) to write one")
            else:
                self._set_editor_text(note.body, keep_cursor=same)
                self.tags.show_tags(note.tags)
                self.meta.setText(written(note.created, note.modified))
                self.editor.setPlaceholderText("Write your note here, in Markdown…")
        finally:
            self._updating = False
        if note is not None and note.id == self._previewed:
            self._preview_timer.start()  # typing: render when it pauses
        else:
            self._render_preview()
        self.sig_note_chosen.emit()

    def _set_editor_text(self, body: str, *, keep_cursor: bool) -> None:
        """Show ``body``; the same note (after undo, a merge) keeps its cursor, another ends."""
        if self.editor.toPlainText() == body and keep_cursor:
            return
        position = self.editor.textCursor().position() if keep_cursor else len(body)
        if self.editor.toPlainText() != body:
            self.editor.setPlainText(body)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(body)), QTextCursor.MoveMode.MoveAnchor)
        self.editor.setTextCursor(cursor)

    def _render_preview(self) -> None:
        self._preview_timer.stop()
        note = self._note()
        self._previewed = note.id if note is not None else None
        set_markdown(self.preview, note.body if note is not None else "")

    def _text_changed(self) -> None:
        if not self._updating and self.note_id is not None and self._writable:
            self.sig_body_edited.emit(self.note_id, self.editor.toPlainText())

    def _tags_edited(self, tags: list[str]) -> None:
        note = self._note()
        if not self._updating and note is not None and self._writable and tags != note.tags:
            self.sig_tags_edited.emit(note.id, tags)
