"""The chosen highlight: its quote, colour, tags and Markdown note, open for writing.

Like the item notes panel it only reports what the learner does (signals); the
window makes undoable commands of it, and the editor follows the model.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from companion.notes.model import COLORS, Highlight
from companion.notes.text import written
from companion.qt.safe_text import plain_label, tip
from companion.ui.highlights.toolbar import SwatchButton
from companion.ui.kit.editors import NoteEditor, TagsField

QUOTE_LIMIT = 280


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A quote on one line in quotation marks, shortened with "…" past ``limit`` characters."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


class HighlightEditor(QWidget):
    """One highlight, for reading and writing."""

    sig_note_edited = Signal(str, str)
    """The note of a highlight changed (id, text)."""
    sig_tags_edited = Signal(str, list)
    """The tags of a highlight changed (id, tags)."""
    sig_color_chosen = Signal(str, str)
    """Another colour was chosen (id, colour)."""
    sig_delete = Signal(str)
    """Delete was pressed (id)."""
    sig_show = Signal(str)
    """"Show in Text" was pressed (id)."""
    sig_typing_done = Signal()
    """The learner left the note (ends an undo step)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlight: Highlight | None = None
        self._writable = False
        self._updating = False
        self.heading = plain_label("No highlight chosen")  # then the item's title
        self.heading.setObjectName("panelHeading")
        self.heading.setWordWrap(True)
        self.quote = plain_label()
        self.quote.setObjectName("quote")
        self.quote.setWordWrap(True)
        self.quote.setAccessibleName("Highlighted passage")
        self.meta = plain_label()
        self.meta.setObjectName("hint")
        self.meta.setWordWrap(True)
        self.swatches = {color: SwatchButton(color) for color in COLORS}
        for color, swatch in self.swatches.items():
            swatch.setToolTip(f"Make this highlight {color}")
            swatch.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            swatch.clicked.connect(lambda _=False, c=color: self._color(c))
        self.show_button = self._button("Show in Text", "Go to this highlight in its text")
        self.show_button.clicked.connect(lambda: self._emit(self.sig_show))
        self.delete = self._button("Delete", "Delete this highlight (Ctrl+Z undoes)")
        self.delete.setAccessibleName("Delete highlight")
        self.delete.clicked.connect(lambda: self._emit(self.sig_delete))
        self.tags = TagsField(
            "Highlight tags", "Tags for this highlight, separated by commas; saved as you type"
        )
        self.tags.sig_edited.connect(self._tags_edited)
        self.tags.sig_left.connect(self.sig_typing_done)
        self.note = NoteEditor()
        self.note.setAccessibleName("Highlight note (Markdown)")
        self.note.setToolTip("Your note on this passage, in Markdown; saved as you type")
        self.note.textChanged.connect(self._note_changed)
        self.note.sig_left.connect(self.sig_typing_done)
        # The colours, then the buttons, each on its own line: on one, they made the
        # panel 400 pixels wide at the least, and that only while a highlight is
        # chosen (the docked panels' sizes changed from start to start with it).
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for swatch in self.swatches.values():
            row.addWidget(swatch)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addWidget(self.meta)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.tags)
        layout.addWidget(self.note, 1)
        self.show_highlight(None)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName("panelButton")
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        return button

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self.show_highlight(self.highlight, self.heading.text(), self.meta.text())

    def show_highlight(self, highlight: Highlight | None, where: str = "", state: str = "") -> None:
        """Show ``highlight`` (``where``: its item's title; ``state``: a line about it)."""
        same = highlight is not None and self.highlight is not None
        same = same and highlight.id == self.highlight.id  # type: ignore[union-attr]
        self.highlight = highlight
        self._updating = True
        try:
            editable = highlight is not None and self._writable
            for widget in (*self.swatches.values(), self.delete):
                widget.setEnabled(editable)
            self.show_button.setEnabled(highlight is not None)
            self.tags.setEnabled(highlight is not None)
            self.note.setEnabled(highlight is not None)
            self.tags.setReadOnly(not editable)
            self.note.setReadOnly(not editable)
            if highlight is None:
                self.heading.setText("No highlight chosen")
                self.quote.setText("Choose a highlight in the list or in the text.")
                self.meta.setText("")
                self.tags.setText("")
                self.note.setPlainText("")
                self.note.setPlaceholderText("")
            else:
                self.heading.setText(where)
                self.quote.setText(quoted(highlight.exact))
                self.quote.setToolTip(tip(highlight.exact))
                self.meta.setText(state or written(highlight.created, highlight.modified))
                self.meta.setVisible(bool(self.meta.text()))
                for color, swatch in self.swatches.items():
                    swatch.setChecked(color == highlight.color)
                self.tags.show_tags(highlight.tags)
                self._set_note(highlight.note, keep_cursor=same)
                self.note.setPlaceholderText("Your note on this passage, in Markdown…")
        finally:
            self._updating = False

    def _set_note(self, body: str, *, keep_cursor: bool) -> None:
        if self.note.toPlainText() == body and keep_cursor:
            return
        position = self.note.textCursor().position() if keep_cursor else len(body)
        if self.note.toPlainText() != body:
            self.note.setPlainText(body)
        cursor = self.note.textCursor()
        cursor.setPosition(min(position, len(body)), QTextCursor.MoveMode.MoveAnchor)
        self.note.setTextCursor(cursor)

    def _emit(self, signal: SignalInstance) -> None:
        if self.highlight is not None:
            signal.emit(self.highlight.id)

    def _color(self, color: str) -> None:
        highlight = self.highlight
        if highlight is not None and self._writable and color != highlight.color:
            self.sig_color_chosen.emit(highlight.id, color)
        elif highlight is not None:
            self.swatches[color].setChecked(color == highlight.color)

    def _note_changed(self) -> None:
        if not self._updating and self.highlight is not None and self._writable:
            self.sig_note_edited.emit(self.highlight.id, self.note.toPlainText())

    def _tags_edited(self, tags: list[str]) -> None:
        highlight = self.highlight
        writable = not self._updating and self._writable
        if writable and highlight is not None and tags != highlight.tags:
            self.sig_tags_edited.emit(highlight.id, tags)
