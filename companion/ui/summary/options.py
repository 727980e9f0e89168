"""What to put on the one-page summary, asked once: the paper, my notes, my profile.

``SummaryChoices`` is the few controls; Print puts them in the print dialog's own
options (the printer and its paper are chosen there), Preview and Export show them in
``SummaryOptionsDialog`` (Export with the file to write, "Choose…" to browse).
A choice is offered only when there is something to include.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.notes.model import NotesFile
from companion.printing.render import PAPERS


@dataclass(frozen=True)
class SummaryOptions:
    paper: str = "A4"
    with_notes: bool = False
    with_profile: bool = False


def has_notes(notes: NotesFile | None) -> bool:
    return notes is not None and bool(notes.notes or notes.highlights)


def has_profile(notes: NotesFile | None) -> bool:
    return notes is not None and any(a.deleted is None for a in notes.assessments)


class SummaryChoices(QWidget):
    """The paper (unless a print dialog asks for it) and what of mine to include."""

    def __init__(self, notes: NotesFile | None, *, paper: bool = True) -> None:
        super().__init__()
        self.setObjectName("summaryChoices")
        self.setWindowTitle("Summary")  # the tab's name in a print dialog
        form = QFormLayout(self)
        self.paper: QComboBox | None = None
        if paper:
            self.paper = QComboBox()
            self.paper.addItems(list(PAPERS))
            self.paper.setAccessibleName("Paper")
            form.addRow("&Paper:", self.paper)
        self.notes = QCheckBox("Include my &notes and highlights")
        self.profile = QCheckBox("Include my &profile (chart and latest ratings)")
        for box, there, missing in (
            (self.notes, has_notes(notes), "You have no notes or highlights yet."),
            (self.profile, has_profile(notes), "You have not rated yourself yet (My Profile)."),
        ):
            box.setChecked(there)
            box.setEnabled(there)
            if not there:
                box.setToolTip(missing)
            form.addRow(box)

    def options(self) -> SummaryOptions:
        return SummaryOptions(
            paper=self.paper.currentText() if self.paper is not None else "A4",
            with_notes=self.notes.isChecked(),
            with_profile=self.profile.isChecked(),
        )


class SummaryOptionsDialog(QDialog):
    """One dialog for Preview and Export: the choices, and for Export the file to write."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        action: str,
        notes: NotesFile | None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choices = SummaryChoices(notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        self.path: QLineEdit | None = None
        if path is not None:
            self.path = QLineEdit(str(path))
            self.path.setAccessibleName("Save as")
            self.path.setMinimumWidth(self.path.fontMetrics().averageCharWidth() * 48)
            browse = QPushButton("&Choose…")
            browse.clicked.connect(self._browse)
            row = QHBoxLayout()
            row.addWidget(self.path, 1)
            row.addWidget(browse)
            form = self.choices.layout()
            assert isinstance(form, QFormLayout)
            label = QLabel("&Save as:")
            label.setBuddy(self.path)
            form.addRow(label, row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(action)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> SummaryOptions:
        return self.choices.options()

    def target(self) -> Path | None:
        """The PDF to write (".pdf" added when missing); None when no name is given."""
        if self.path is None or not self.path.text().strip():
            return None
        name = str(Path(self.path.text().strip()).expanduser())
        return Path(name if name.lower().endswith(".pdf") else name + ".pdf")

    def _browse(self) -> None:
        assert self.path is not None
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the summary as PDF", self.path.text(), "PDF files (*.pdf)"
        )
        if name:
            self.path.setText(name)
