"""Opening a bundle from the app: an invalid one gets a readable list, never a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.qt.safe_text import escape


class BundleErrorDialog(QDialog):
    """Lists every problem; offers the shipped bundle (or keeping the current one)."""

    def __init__(
        self, folder: Path, problems: list[str], alternative: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("This bundle cannot be opened")
        count = len(problems)
        heading = QLabel(
            f"<b>{escape(str(folder))}</b> has {count} problem{'' if count == 1 else 's'}. "
            "Fix them in bundle.yaml (each line names the file, line and column), "
            "or check it with <code>companion validate</code>."
        )
        heading.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(problems))
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Problems in the bundle")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(
            alternative, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setToolTip(alternative)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setToolTip("Close this message")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 360)
