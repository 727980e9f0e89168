"""Asking for a challenge's title and note (new, or to edit)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.notes.records import clean_title

#: A title is a short line; the note holds the rest.
TITLE_MAX = 120


class ChallengeDialog(QDialog):
    """A short title and a Markdown note; OK only with a title."""

    def __init__(self, parent: QWidget | None, title: str = "", note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Challenge — Companion" if title else "New Challenge — Companion")
        self.title = QLineEdit(title)
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText("In a few words: the issue you face")
        self.title.setAccessibleName("Challenge title")
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("What makes it hard, who is involved… (Markdown)")
        self.note.setAccessibleName("Challenge note")
        self.note.setTabChangesFocus(True)
        title_label, note_label = QLabel("&Title:"), QLabel("&Note:")
        title_label.setBuddy(self.title)
        note_label.setBuddy(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (title_label, self.title, note_label):
            layout.addWidget(widget)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.buttons)
        self.resize(460, 320)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(clean_title(self.title.text())))

    def values(self) -> tuple[str, str]:
        return clean_title(self.title.text()), self.note.toPlainText()
