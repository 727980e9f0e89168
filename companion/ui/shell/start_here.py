"""Start here: what this touch-point is, how to study with Companion, five keys.

Shown once, at a learner's first start (the settings remember it), and again from
Help → Getting Started. The touch-point's words come from the bundle; the keys come
from the window's real actions, so the page cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.model import Bundle
from companion.bundle.pages import plain_line
from companion.qt.safe_text import plain_label

#: Qt's largest widget size (QWIDGETSIZE_MAX), which lifts a fixed width.
QWIDGETSIZE_MAX = (1 << 24) - 1

STEPS = (
    "Read an item: choose a tab, then an entry in its list. The six dimensions and the "
    "Stacey model are the heart of it; the readings and voices go deeper.",
    "Mark what matters: select a passage and highlight it; the star beside a title "
    "bookmarks the item.",
    "Think it through in writing: the Notes panel keeps your notes on the item you are "
    "reading. They are saved as you type and stay on your computer.",
    "Take it with you: File → Print Summary puts the six dimensions, and your notes, on one page.",
)


def key_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """Each action's name and its first key, as the learner presses it."""
    native = QKeySequence.SequenceFormat.NativeText
    rows = []
    for action in actions:
        keys = action.shortcuts()
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys[0].toString(native)))
    return rows


class StartHere(QDialog):
    """A first look at the touch-point and at studying it (it does not block the window).

    It follows the text zoom, also while open: its width is set in characters of its
    font, its height is at most the screen's (the page scrolls beyond that), and its
    title and headings are refitted when the window's zoom gives it another font.
    """

    #: Its width, in average characters of its font (a comfortable line).
    CHARACTERS = 78
    #: The title is this much bigger than the text.
    TITLE_SCALE = 1.4

    def __init__(
        self,
        bundle: Bundle,
        keys: list[tuple[str, str]],
        every_key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start here")
        self.setObjectName("startHere")
        self.title = plain_label(bundle.title)
        self.title.setObjectName("startTitle")
        self.title.setWordWrap(True)
        self.about = plain_label(plain_line(bundle.description))
        self.about.setWordWrap(True)
        self.about.setVisible(bool(bundle.description.strip()))
        how = plain_label("How to study with Companion")
        how.setObjectName("startHeading")
        # Numbered rows of plain labels: a rich-text list lost its numbers and its last
        # lines at a large zoom (its height for a width was taken too short).
        steps = QGridLayout()
        steps.setHorizontalSpacing(8)
        steps.setVerticalSpacing(6)
        for row, text in enumerate(STEPS):
            number = plain_label(f"{row + 1}.")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            step = plain_label(text)
            step.setWordWrap(True)
            steps.addWidget(number, row, 0)
            steps.addWidget(step, row, 1)
        steps.setColumnStretch(1, 1)
        keys_heading = plain_label("Five keys that matter")
        keys_heading.setObjectName("startHeading")
        self.headings = [how, keys_heading]
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        #: (what it does, its key) as shown, in order.
        self.keys = keys
        for row, (name, key) in enumerate(keys):
            key_label = plain_label(key)
            key_label.setObjectName("keyCap")
            grid.addWidget(key_label, row, 0)
            grid.addWidget(plain_label(name), row, 1)
        grid.setColumnStretch(1, 1)
        more = plain_label(
            f"{every_key} lists every key. Help → Getting Started shows this page again."
        )
        more.setObjectName("hint")
        more.setWordWrap(True)
        page = QWidget()
        page.setObjectName("startPage")
        column = QVBoxLayout(page)
        column.setContentsMargins(28, 24, 28, 8)
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addWidget(self.about)
        column.addSpacing(6)
        column.addWidget(how)
        column.addLayout(steps)
        column.addSpacing(6)
        column.addWidget(keys_heading)
        column.addLayout(grid)
        column.addSpacing(6)
        column.addWidget(more)
        column.addStretch(1)
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWidget(page)
        buttons = QDialogButtonBox()
        self.start = buttons.addButton("Start reading", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.body, 1)
        bottom = QVBoxLayout()
        bottom.setContentsMargins(28, 8, 28, 20)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the window's text zoom
            self._fit()

    def _fit(self) -> None:
        """Title and headings from the dialog's font; a size for it, within the screen."""
        base = self.font()
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * self.TITLE_SCALE)
        big.setBold(True)
        self.title.setFont(big)
        bold = QFont(base)
        bold.setBold(True)
        for heading in self.headings:
            heading.setFont(bold)
        page = self.body.widget()
        if page is None:
            return
        width = QFontMetrics(base).averageCharWidth() * self.CHARACTERS + 56
        screen = self.screen().availableGeometry()
        width = min(max(width, 420), int(screen.width() * 0.9))
        page.setFixedWidth(width)  # its height for that width, then free again
        height = page.sizeHint().height() + self.sizeHint().height() - self.body.sizeHint().height()
        page.setMinimumWidth(0)
        page.setMaximumWidth(QWIDGETSIZE_MAX)
        self.setMinimumWidth(min(420, width))
        self.resize(width, min(height, int(screen.height() * 0.9)))
