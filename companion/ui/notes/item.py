"""The notes on the item being read: a list, then the chosen note to write or read.

The list takes the room: a note is written (Markdown) or read (rendered) in one
box, switched by Edit / Preview. New Note opens an empty page that becomes a note
with its first keystroke, and a note left empty is discarded, so no empty note is
ever a record. Tags are chips, completed from the learner's own tags; "Link an
item…" finds an item by its title and writes the link.

The panel shows the model and reports what the learner does as signals; the
window turns those into undoable commands. Undo and Redo pressed in the
editor go to the window's undo stack, not the editor's own.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QStringListModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
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
#: A highlight's row holds its id here (a note's row holds the note id as UserRole).
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1


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
    sig_note_started = Signal(str, str)
    """The first keystroke on a new page: make it a note (item id, text)."""
    sig_note_left = Signal(str)
    """The learner moved on from this note (discarded if left empty)."""
    sig_highlight_activated = Signal(str)
    """A highlight in the list was activated (Enter, double-click): show it in its text."""

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
        #: A new page is open for the item: no note yet (it starts with the first keystroke).
        self.drafting = False
        self._titles: dict[str, str] = {}
        self.heading = plain_label()  # it names the item: bundle text
        self.heading.setObjectName("panelHeading")
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("On this item")
        self.list.setToolTip("Choose a note to read or edit it")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._row_changed)
        self.list.itemActivated.connect(self._row_activated)
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
            "Note tags",
            "Add a tag: a comma or Enter makes it a chip; your own tags are offered as you type",
            chips=True,
        )
        self.tags.known = self._known_tags
        self.tags.sig_edited.connect(self._tags_edited)
        self.tags.sig_left.connect(self.sig_typing_done)
        self.editor = NoteEditor()
        self.editor.setAccessibleName("Note text (Markdown)")
        self.editor.setToolTip("Write in Markdown; your note is saved as you type")
        self.editor.textChanged.connect(self._text_changed)
        self.editor.sig_left.connect(self.sig_typing_done)
        self.edit_button, self.preview_button = QPushButton("Edit"), QPushButton("Preview")
        self.mode = QButtonGroup(self)
        for switch, hint in (
            (self.edit_button, "Write the note (Markdown)"),
            (self.preview_button, "Read the note as it will look"),
        ):
            switch.setCheckable(True)
            switch.setObjectName("sourceSwitch")
            switch.setToolTip(hint)
            switch.setAccessibleName(f"{switch.text()} the note")
            self.mode.addButton(switch)
        self.edit_button.setChecked(True)
        self.edit_button.toggled.connect(self._mode_changed)
        self.link_button = QToolButton()
        self.link_button.setObjectName("panelButton")
        self.link_button.setText("Link an item…")
        self.link_button.setToolTip("Find an item by its title and put a link to it in the note")
        self.link_button.setAccessibleName("Link an item")
        self.link_button.clicked.connect(self._start_link)
        self.link_field = QLineEdit()
        self.link_field.setPlaceholderText("Type part of an item's title…")
        self.link_field.setAccessibleName("Item to link")
        self.link_field.setToolTip("Choose an item: a link to it goes where the cursor is")
        self.link_field.setClearButtonEnabled(True)
        self.link_titles = QStringListModel(self)
        self.link_completer = QCompleter(self.link_titles, self)
        self.link_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.link_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.link_completer.activated.connect(self._link_chosen)
        self.link_field.setCompleter(self.link_completer)
        self.link_field.returnPressed.connect(self._link_typed)
        self.link_field.hide()
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
        top_layout.setSpacing(6)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)  # in place of the list
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.editor)
        self.pages.addWidget(self.preview)
        switch = QHBoxLayout()
        switch.setContentsMargins(0, 0, 0, 0)
        switch.setSpacing(0)
        switch.addWidget(self.edit_button)
        switch.addWidget(self.preview_button)
        switch.addSpacing(8)
        switch.addWidget(self.link_button)
        switch.addStretch(1)
        self.writing = writing = QWidget()
        writing_layout = QVBoxLayout(writing)
        writing_layout.setContentsMargins(0, 4, 0, 0)
        writing_layout.setSpacing(6)
        writing_layout.addWidget(self.meta)
        writing_layout.addWidget(self.tags.chip_row)
        writing_layout.addWidget(self.tags)
        writing_layout.addLayout(switch)
        writing_layout.addWidget(self.link_field)
        writing_layout.addWidget(self.pages, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(writing)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 300])  # the list as tall as the note: several notes show
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        for first, second in (
            (self.list, self.new_button),
            (self.new_button, self.delete_button),
            (self.delete_button, self.tags),
            (self.tags, self.edit_button),
            (self.edit_button, self.preview_button),
            (self.preview_button, self.link_button),
            (self.link_button, self.link_field),
            (self.link_field, self.editor),
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

    def set_titles(self, titles: Mapping[str, str]) -> None:
        """The bundle's items (id → title): what "Link an item…" offers."""
        self._titles = {}
        for item, title in titles.items():
            self._titles.setdefault(title, item)
        self.link_titles.setStringList(list(self._titles))

    def show_item(self, item: str | None, title: str) -> None:
        if item == self.item:
            return
        self.sig_typing_done.emit()
        self._leave(self.note_id)
        self.drafting = False
        self.item, self.note_id = item, None
        self.heading.setText(f"On this item: {title}" if item else "On this item")
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
        row = self._row_for(change.record_id) if change.kind == "note" else None
        note = self.model.note(change.record_id) if self.model is not None else None
        if row is not None and note is not None:
            # One note changed (typing, undo): update it in place, keeping the list still.
            self._fill_row(row, note)
            if note.id == self.note_id:
                self._show_note(note)
        else:
            self._refresh_list()

    def start_note(self) -> None:
        """New Note: an empty page for the item, which becomes a note when typed in."""
        if self.item is None or not self._writable:
            return
        self.sig_typing_done.emit()
        self._leave(self.note_id)
        self.drafting = True
        self.note_id = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._show_note(None)
        self.edit_button.setChecked(True)
        self.editor.setFocus()

    def adopt(self, note_id: str) -> None:
        """The page typed in is now note ``note_id``: keep writing it, cursor and all."""
        self.drafting = False
        self.note_id = note_id
        row = self._row_for(note_id)
        if row is not None:
            self.list.blockSignals(True)
            self.list.setCurrentItem(row)
            self.list.blockSignals(False)
        self._show_note(self._note())

    def _leave(self, note_id: str | None) -> None:
        """Moving on from ``note_id``: the window discards it if it was left empty (after
        this turn: the list may be in the middle of changing rows)."""
        if note_id is not None:
            QTimer.singleShot(0, self, lambda: self.sig_note_left.emit(note_id))

    def _known_tags(self) -> list[str]:
        """Every tag the learner has used, for completion."""
        if self.model is None:
            return []
        tags = {t for n in self.model.notes() for t in n.tags}
        tags.update(t for h in self.model.highlights() for t in h.tags)
        return sorted(tags, key=str.casefold)

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
        if keep is None and ids and not self.drafting:
            # Another item, or the chosen note went to the trash: choose the nearest one.
            keep = ids[min(max(self.list.currentRow(), 0), len(ids) - 1)]
        highlights = (
            self.model.highlights(self.item) if self.model is not None and self.item else []
        )
        self.list.blockSignals(True)
        self.list.clear()
        for note in notes:
            row = QListWidgetItem()
            row.setData(Qt.ItemDataRole.UserRole, note.id)
            self._fill_row(row, note)
            self.list.addItem(row)
            if note.id == keep:
                self.list.setCurrentItem(row)
        for highlight in sorted(highlights, key=lambda h: (h.source, h.start)):
            row = QListWidgetItem()
            row.setData(HIGHLIGHT_ROLE, highlight.id)
            said = f" · {excerpt(highlight.note, 40)}" if highlight.note.strip() else ""
            row.setText(f"“{excerpt(highlight.exact, 60)}”\nhighlight{said}")
            row.setToolTip(
                tip(f"“{excerpt(highlight.exact, 300)}”\n\n{excerpt(highlight.note, 300)}".strip())
                + "\n\nEnter or double-click shows it in the text"
            )
            self.list.addItem(row)
        self.list.blockSignals(False)
        shown = bool(notes or highlights)
        self.empty.setText(
            "No notes on this item yet. New Note (Ctrl+N) starts one; highlights you make "
            "in the text are listed here too."
            if not shown
            else ""
        )
        self.empty.setVisible(not shown)
        self.list.setVisible(shown)
        # A hidden focus proxy would swallow Tab (the focus going nowhere, unseen).
        self.setFocusProxy(self.list if shown else self.new_button)
        self.note_id = keep
        if not self.drafting:  # a new page keeps what is being typed on it
            self._show_note(self._note())

    @staticmethod
    def _fill_row(row: QListWidgetItem, note: Note) -> None:
        tags = f" · {tags_text(note.tags)}" if note.tags else ""
        row.setText(f"{excerpt(note.body, 60)}\n{when(note.modified)}{tags}")
        row.setToolTip(tip(excerpt(note.body, 400)))

    def _row_changed(self, row: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.sig_typing_done.emit()
        self._leave(self.note_id)
        self.drafting = False
        chosen = None if row is None else row.data(Qt.ItemDataRole.UserRole)
        self.note_id = chosen if isinstance(chosen, str) else None  # None: a highlight's row
        self._show_note(self._note())

    def _row_activated(self, row: QListWidgetItem) -> None:
        highlight = row.data(HIGHLIGHT_ROLE)
        if isinstance(highlight, str):
            self.sig_highlight_activated.emit(highlight)

    # -- the chosen note ---------------------------------------------------
    def _show_note(self, note: Note | None) -> None:
        self._updating = True
        try:
            editable = (note is not None or self.drafting) and self._writable
            self.editor.setEnabled(note is not None or self.drafting)
            self.tags.setEnabled(note is not None)
            for control in (self.edit_button, self.preview_button):
                control.setEnabled(editable or note is not None)  # a read-only note is read
            self.link_button.setEnabled(editable)
            if not editable:
                self.link_field.hide()
            # No note chosen: no empty boxes, the list (or the hint) has the room.
            self.writing.setVisible(note is not None or self.drafting)
            self.editor.setReadOnly(not editable)
            self.tags.setReadOnly(not editable)
            same = note is not None and note.id == self._shown
            self._shown = None if note is None else note.id
            if note is None:
                self.editor.setPlainText("")
                self.tags.show_tags([])
                self.tags.setText("")
                self.meta.setText("")
                self.editor.setPlaceholderText(
                    "Start typing: this page becomes a note (in Markdown)…"
                    if self.drafting
                    else "Choose a note, or New Note (Ctrl+N) to write one"
                )
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
        if self._updating or not self._writable:
            return
        if self.note_id is not None:
            self.sig_body_edited.emit(self.note_id, self.editor.toPlainText())
        elif self.drafting and self.item is not None and self.editor.toPlainText().strip():
            self.sig_note_started.emit(self.item, self.editor.toPlainText())

    def _mode_changed(self, editing: bool) -> None:
        self.pages.setCurrentWidget(self.editor if editing else self.preview)
        if not editing:
            self._render_preview()

    def _start_link(self) -> None:
        self.edit_button.setChecked(True)
        self.link_field.clear()
        self.link_field.show()
        self.link_field.setFocus()

    def _link_typed(self) -> None:
        self._link_chosen(self.link_field.text())

    def _link_chosen(self, title: str) -> None:
        # Enter on a completion reaches the field and the completer: one link, not two.
        if self.link_field.isVisible():
            self.link_item(title)

    def link_item(self, title: str) -> None:
        """Write a link to the item titled ``title`` where the cursor is in the note."""
        item = self._titles.get(title)
        if item is None or not self.editor.isEnabled() or self.editor.isReadOnly():
            return
        self.link_field.hide()
        self.edit_button.setChecked(True)
        words = title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        self.editor.setFocus()
        self.editor.textCursor().insertText(f"[{words}](item:{item})")

    def _tags_edited(self, tags: list[str]) -> None:
        note = self._note()
        if not self._updating and note is not None and self._writable and tags != note.tags:
            self.sig_tags_edited.emit(note.id, tags)
