"""The trash: deleted notes wait here until the trash is emptied (and that can be undone)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.notes.model import REMOVED_TAG, Change, Follower, NotesModel
from companion.notes.text import excerpt, when
from companion.qt.safe_text import tip


class TrashDialog(QDialog):
    """Lists deleted notes with Restore and Empty Trash; not modal, follows the model."""

    sig_restore = Signal(str)
    """Restore this note (id)."""
    sig_empty = Signal()
    """Empty the trash."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash — Companion")
        self.setAccessibleName("Trash")
        self.model: NotesModel | None = None
        self._follower = Follower(self._changed)
        self._titles: Mapping[str, str] = {}
        self._writable = False
        self._stale = True
        intro = QLabel(
            "Deleted notes stay here until you empty the trash. Emptying can be undone "
            "with Undo (Ctrl+Z) while Companion is open."
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.list = QListWidget()
        self.list.setAccessibleName("Notes in the trash")
        self.list.setToolTip("Choose a note, then Restore")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _row: self._restore())
        self.restore = QPushButton("&Restore")
        self.restore.setToolTip("Put the chosen note back on its item")
        self.restore.setAccessibleName("Restore")
        self.restore.clicked.connect(self._restore)
        self.empty = QPushButton("&Empty Trash")
        self.empty.setToolTip("Delete every note in the trash for good (can be undone)")
        self.empty.setAccessibleName("Empty Trash")
        self.empty.clicked.connect(self.sig_empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip("Close the trash")
        close.setAccessibleName("Close")
        self.nothing = QLabel("The trash is empty.")
        self.nothing.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.nothing)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def bind(self, model: NotesModel | None, titles: Mapping[str, str], writable: bool) -> None:
        self.model, self._titles, self._writable = model, titles, writable
        self._follower.follow(model)
        self.refresh()

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self._update_buttons()

    def _changed(self, change: Change) -> None:
        role = Qt.ItemDataRole.UserRole
        listed = {self.list.item(i).data(role) for i in range(self.list.count())}
        if change.kind in ("trash", "reset") or change.record_id in listed:  # restored
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        chosen = self.chosen()
        self.list.clear()
        for note in self.model.trash() if self.model is not None else []:
            title = self._titles.get(note.item, note.item)
            how = (
                "removed by another program or an older copy of the file"
                if REMOVED_TAG in note.tags
                else "deleted"
            )
            stamp = when(note.deleted)
            row = QListWidgetItem(
                f"{excerpt(note.body, 70)}\non {title} · {how}{' ' if stamp else ''}{stamp}"
            )
            row.setData(Qt.ItemDataRole.UserRole, note.id)
            row.setToolTip(tip(excerpt(note.body, 400)))
            self.list.addItem(row)
            if note.id == chosen:
                self.list.setCurrentItem(row)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.nothing.setVisible(self.list.count() == 0)
        self._update_buttons()

    def chosen(self) -> str | None:
        row = self.list.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None

    def _update_buttons(self) -> None:
        self.restore.setEnabled(self._writable and self.chosen() is not None)
        self.empty.setEnabled(self._writable and self.list.count() > 0)

    def _restore(self) -> None:
        note_id = self.chosen()
        if note_id is not None and self._writable:
            self.sig_restore.emit(note_id)
