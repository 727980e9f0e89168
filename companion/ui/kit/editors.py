"""The Markdown note editor and the tags field, shared by notes and highlights.

Neither keeps an undo history of its own: Undo and Redo pressed in them reach the
window's shortcuts, whose undo stack holds every edit to the notes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QKeyCombination,
    QPoint,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from companion.notes.model import clean_tags
from companion.notes.text import parse_tags, tags_text
from companion.qt.safe_text import tip as tip_text


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


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line: tag chips."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class TagsField(QLineEdit):
    """Tags typed with commas. Every edit goes to the model as it is typed, like a note's
    text: the field holds nothing the model does not (``show_tags`` follows the model).

    With ``chips``, a comma or Enter turns what was typed into a chip (in ``chip_row``,
    which the owner places), a chip's ✕ removes its tag, and ``known`` offers the
    learner's existing tags as completions."""

    sig_edited = Signal(list)
    """The learner changed the tags (the tags as typed so far)."""
    sig_left = Signal()
    """The learner left the field or pressed Enter: the typing step is complete."""

    def __init__(
        self, name: str, tip: str, parent: QWidget | None = None, *, chips: bool = False
    ) -> None:
        self.passthrough: list[QKeySequence] = []  # events come while it is being made
        super().__init__(parent)
        self.passthrough = _undo_keys()
        self.setAccessibleName(name)
        self.setToolTip(tip)
        #: The learner's existing tags, for completion (chips only).
        self.known: Callable[[], list[str]] = list
        self.chips: list[str] | None = [] if chips else None
        self.chip_row = QWidget(None if chips else self)  # the owner places it
        self.chip_row.setObjectName("chipRow")
        self._flow = FlowLayout(self.chip_row)
        self.chip_row.hide()
        if chips:
            self.setPlaceholderText("Add a tag…")
            self.completions = QStringListModel(self)
            completer = QCompleter(self.completions, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.activated.connect(self._completed)
            self.setCompleter(completer)
        else:
            self.setPlaceholderText("Tags, separated by commas")
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.sig_left)
        self.returnPressed.connect(self._commit)

    def event(self, event: QEvent) -> bool:
        return _passed_through(event, self.passthrough) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The field's own undo history would bring back text the chips have taken: the
        # window's undo stack holds every edit.
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        ):
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.chips is not None and event.reason() != Qt.FocusReason.PopupFocusReason:
            taken = set(self.chips)
            offered = [t for t in self.known() if t not in taken]
            # Unchanged, the list is left alone: focus comes back as the popup closes, and a
            # reset then would lose the completion being chosen.
            if offered != self.completions.stringList():
                self.completions.setStringList(offered)
        super().focusInEvent(event)

    def tags(self) -> list[str]:
        """Every tag the field holds: its chips and what is being typed."""
        typed = parse_tags(self.text())
        return typed if self.chips is None else clean_tags([*self.chips, *typed])

    def _typed(self, text: str) -> None:
        if self.chips is not None and "," in text:
            *done, rest = text.split(",")
            self.chips = clean_tags([*self.chips, *done])
            self.setText(rest.lstrip())
            self._show_chips()
        self.sig_edited.emit(self.tags())

    def _commit(self) -> None:
        """Enter: what was typed (or chosen from the completions) becomes a chip."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            return  # the completer takes Enter: ``_completed``
        if self.chips is not None and self.text().strip():
            self.chips = self.tags()
            self.clear()
            self._show_chips()
            self.sig_edited.emit(self.tags())

    def _completed(self, tag: str) -> None:
        if self.chips is not None:
            self.chips = clean_tags([*self.chips, tag])
            self._show_chips()
            self.sig_edited.emit(self.tags())
            # The line edit puts the completion in itself after this signal: clear it then.
            QTimer.singleShot(0, self, self._clear_chipped)

    def _clear_chipped(self) -> None:
        if self.chips is not None and self.text().strip() in self.chips:
            self.clear()

    def _remove(self, tag: str) -> None:
        if self.chips is not None and not self.isReadOnly():
            self.chips = [t for t in self.chips if t != tag]
            self._show_chips()
            self.sig_left.emit()  # one undo step of its own: the typing before is done
            self.sig_edited.emit(self.tags())
            self.sig_left.emit()
            self.setFocus()

    def _show_chips(self) -> None:
        while self._flow.count():
            item = self._flow.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from the row now, destroyed later
                widget.deleteLater()
        for tag in self.chips or []:
            chip = QToolButton()
            chip.setObjectName("tagChip")
            chip.setText(f"{tag}  ✕")
            chip.setToolTip(tip_text(f"Remove the tag “{tag}”"))
            chip.setAccessibleName(f"Tag {tag}: remove")
            chip.setEnabled(not self.isReadOnly())
            chip.clicked.connect(lambda _=False, t=tag: self._remove(t))
            self._flow.addWidget(chip)
        self.chip_row.setVisible(bool(self.chips))

    def chip_texts(self) -> list[str]:
        return list(self.chips or [])

    def show_tags(self, tags: list[str]) -> None:
        """Show ``tags``, leaving what is being typed alone when it means the same."""
        if self.chips is None:
            if parse_tags(self.text()) != tags:
                self.setText(tags_text(tags))
            return
        typed = parse_tags(self.text())
        if self.tags() == tags:
            return
        if typed and tags[-len(typed) :] == typed:  # the model holds what is being typed
            self.chips = tags[: len(tags) - len(typed)]
        else:
            self.chips = list(tags)
            self.clear()
        self._show_chips()

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        if self.chips is not None:
            self._show_chips()
