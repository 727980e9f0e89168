"""Colour swatches, and the small toolbar that floats by a selection or a chosen highlight."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from companion.notes.model import COLORS
from companion.ui.kit.theme import current_colors, highlight_background

SWATCH = 22


class SwatchButton(QToolButton):
    """A square of a highlight colour as the theme draws it; checked shows a tick."""

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = color
        self.setObjectName("swatch")
        self.setCheckable(True)
        self.setAccessibleName(color.capitalize())
        # Out of the Tab order, and a click leaves the focus in the text: from the keyboard,
        # the same choices are the text's context menu and the Highlight shortcuts.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(SWATCH + 6, SWATCH + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        colors = current_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3.5, 3.5, -3.5, -3.5)
        text = QColor(colors.text)
        painter.setPen(QPen(QColor(colors.muted if not self.underMouse() else colors.text), 1))
        painter.setBrush(QColor(highlight_background(self.color, colors)))
        painter.drawRoundedRect(box, 4, 4)
        if self.isChecked():
            pen = QPen(text, 2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            c = box.center()
            painter.drawPolyline([c + QPoint(-5, 0), c + QPoint(-1, 4), c + QPoint(5, -4)])


class HighlightToolbar(QFrame):
    """Highlight the selection in a colour (or with a note); on a highlight, recolour or delete.

    For the mouse: it never takes the focus, so Tab goes from the text to the next
    control as everywhere else (no trap). The keyboard has the same choices in the
    text's context menu (the Menu key) and the Highlight shortcuts.
    """

    sig_color = Signal(str)
    """A colour was chosen."""
    sig_note = Signal()
    """"Note…" was pressed."""
    sig_delete = Signal()
    """"Delete" was pressed (a highlight is chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightToolbar")
        self.setAccessibleName("Highlight toolbar")
        self.setAutoFillBackground(True)
        self.swatches = {color: SwatchButton(color) for color in COLORS}
        for color, swatch in self.swatches.items():
            swatch.clicked.connect(lambda _=False, c=color: self.sig_color.emit(c))
        self.note = self._button("Note…", self.sig_note)
        self.delete = self._button("Delete", self.sig_delete)
        self.delete.setAccessibleName("Delete highlight")
        self.delete.setToolTip("Delete this highlight (Delete; Ctrl+Z undoes)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(0)
        for swatch in self.swatches.values():
            layout.addWidget(swatch)
        layout.addSpacing(4)
        layout.addWidget(self.note)
        layout.addWidget(self.delete)
        self.chosen: str | None = None
        self.set_mode(None)
        self.hide()

    def _button(self, text: str, signal: SignalInstance) -> QToolButton:
        button = QToolButton()
        button.setObjectName("toolbarButton")
        button.setText(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(signal)
        return button

    def set_mode(self, color: str | None, shortcut: str = "") -> None:
        """``color``: the chosen highlight's colour, or None for a selection."""
        self.chosen = color
        for name, swatch in self.swatches.items():
            swatch.setChecked(name == color)
            if color is None:
                tip = f"Highlight in {name}" + (
                    f" ({shortcut} uses the last colour)" if shortcut else ""
                )
            else:
                tip = f"Make this highlight {name}"
            swatch.setToolTip(tip)
            swatch.setAccessibleDescription(tip)
        self.note.setToolTip(
            "Highlight and write a note on it" if color is None else "Edit this highlight's note"
        )
        self.delete.setVisible(color is not None)
        self.adjustSize()

    def place(self, above: QRect, below: QRect, area: QRect) -> bool:
        """Show just above ``above`` or else just below ``below``, inside ``area``.

        The selection runs from the top of ``above`` to the bottom of ``below``: where
        neither side has room, the bar stays hidden rather than cover the text
        (False).
        """
        self.adjustSize()
        size = self.sizeHint()
        x = min(max(above.left() - 8, area.left() + 4), area.right() - size.width() - 4)
        y = above.top() - size.height() - 6
        if y < area.top() + 2:
            y = below.bottom() + 6
            if y + size.height() > area.bottom() - 2:
                self.hide()
                return False
        self.setGeometry(max(x, area.left()), y, size.width(), size.height())
        self.show()
        self.raise_()
        return True
