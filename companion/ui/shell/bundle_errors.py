"""Opening a bundle from the app: an invalid one gets a readable message, never a crash.

The learner reads one plain sentence and presses OK; what an author needs (every
problem as FILE:LINE:COLUMN with the line quoted) waits under "Show details", with a
button that copies it for an e-mail to whoever made the bundle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.qt.safe_text import plain_label

SHOW_DETAILS = "Show details"
HIDE_DETAILS = "Hide details"


class BundleErrorDialog(QDialog):
    """Says in one sentence what happens now; the problems wait for the bundle's author."""

    def __init__(
        self,
        folder: Path,
        problems: list[str],
        alternative: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("This bundle cannot be opened")
        count = len(problems)
        self.message = plain_label(
            f"This bundle has {'a mistake' if count == 1 else 'mistakes'} in it, so Companion "
            f"cannot open it. {alternative}."
        )
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.folder = plain_label(
            f"{folder} has {count} problem{'' if count == 1 else 's'}; give the details "
            "to whoever made the bundle (they can check it with companion validate)."
        )
        self.folder.setObjectName("hint")
        self.folder.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(problems))
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Problems in the bundle")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.toggle = QPushButton(SHOW_DETAILS)
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("Show what is wrong, for the bundle's author")
        self.toggle.toggled.connect(self._show_details)
        self.copy = QPushButton("Copy details")
        self.copy.setToolTip("Copy every problem, to send to the bundle's author")
        self.copy.clicked.connect(self._copy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.accept_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setToolTip(alternative)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addWidget(self.copy)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(self.folder)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        self._show_details(False)
        self.accept_button.setDefault(True)
        self.accept_button.setFocus()

    def _show_details(self, shown: bool) -> None:
        self.folder.setVisible(shown)
        self.details.setVisible(shown)
        self.copy.setVisible(shown)
        self.toggle.setText(HIDE_DETAILS if shown else SHOW_DETAILS)
        self.setMinimumSize(0, 0)
        self.resize(720 if shown else 460, 420 if shown else self.sizeHint().height())

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
        self.copy.setText("Copied")
