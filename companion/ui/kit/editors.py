"""The Markdown note editor and the tags field, shared by notes and highlights.

Neither keeps an undo history of its own: Undo and Redo pressed in them reach the
window's shortcuts, whose undo stack holds every edit to the notes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from companion.notes.text import parse_tags, tags_text


def _undo_keys() -> list[QKeySequence]:
    keys: list[QKeySequence] = []
    for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
        keys += QKeySequence.keyBindings(key)
    return keys


def _passed_through(event: QEvent, keys: list[QKeySequence]) -> bool:
    """A key in ``keys`` is left to the window's shortcut (the undo stack holds every edit)."""
    if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
        pressed = QKeySequence(QKeyCombination(event.modifiers(), Qt.Key(event.key())))
        if pressed in keys:
            event.ignore()  # not ours: the window's shortcut takes it
            return True
    return False


class NoteEditor(QPlainTextEdit):
    """A note's Markdown source. Keys in ``passthrough`` reach the window's actions."""

    #: Focus left the editor: the typing step is complete.
    sig_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)  # the window's undo stack holds every edit
        self.setTabChangesFocus(True)
        self.passthrough = _undo_keys()

    def event(self, event: QEvent) -> bool:
        return _passed_through(event, self.passthrough) or super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.sig_left.emit()


class TagsField(QLineEdit):
    """Tags typed with commas. Every edit goes to the model as it is typed, like a note's
    text: the field holds nothing the model does not (``show_tags`` follows the model)."""

    sig_edited = Signal(list)
    """The learner changed the tags (the tags as typed so far)."""
    sig_left = Signal()
    """The learner left the field or pressed Enter: the typing step is complete."""

    def __init__(self, name: str, tip: str, parent: QWidget | None = None) -> None:
        self.passthrough: list[QKeySequence] = []  # events come while it is being made
        super().__init__(parent)
        self.passthrough = _undo_keys()
        self.setPlaceholderText("Tags, separated by commas")
        self.setAccessibleName(name)
        self.setToolTip(tip)
        self.textEdited.connect(lambda text: self.sig_edited.emit(parse_tags(text)))
        self.editingFinished.connect(self.sig_left)

    def event(self, event: QEvent) -> bool:
        return _passed_through(event, self.passthrough) or super().event(event)

    def show_tags(self, tags: list[str]) -> None:
        """Show ``tags``, leaving what is being typed alone when it means the same."""
        if parse_tags(self.text()) != tags:
            self.setText(tags_text(tags))
