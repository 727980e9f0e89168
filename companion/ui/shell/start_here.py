"""Start here: what this touch-point is, how to study with Companion, five keys.

Shown once, at a learner's first start (the settings remember it), and again from
Help → Getting Started. The touch-point's words come from the bundle; the keys come
from the window's real actions, so the page cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.model import Bundle
from companion.bundle.pages import plain_line
from companion.qt.safe_text import escape, plain_label

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
    """A first look at the touch-point and at studying it (it does not block the window)."""

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
        title = plain_label(bundle.title)
        title.setObjectName("startTitle")
        title.setWordWrap(True)
        big = title.font()
        big.setPointSizeF(big.pointSizeF() * 1.4)
        title.setFont(big)
        self.about = plain_label(plain_line(bundle.description))
        self.about.setWordWrap(True)
        self.about.setVisible(bool(bundle.description.strip()))
        how = QLabel("How to study with Companion")
        how.setObjectName("startHeading")
        steps = QLabel(
            "<ol style='margin-left:-18px'>"
            + "".join(f"<li style='margin-bottom:6px'>{escape(s)}</li>" for s in STEPS)
            + "</ol>"
        )
        steps.setWordWrap(True)
        steps.setAccessibleName("How to study with Companion")
        keys_heading = QLabel("Five keys that matter")
        keys_heading.setObjectName("startHeading")
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
        buttons = QDialogButtonBox()
        self.start = buttons.addButton("Start reading", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.about)
        layout.addSpacing(6)
        layout.addWidget(how)
        layout.addWidget(steps)
        layout.addSpacing(6)
        layout.addWidget(keys_heading)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(more)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.resize(560, self.sizeHint().height())
