"""A rating on the bundle's worded scale, chosen by keyboard or mouse.

One focus stop per dimension: Left/Down and Right/Up step through the levels, the
digits 1..N choose one, 0, Delete or Backspace clear it; a click chooses the level
under the pointer. It paints the scale's words, never bare numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy

from companion.bundle.model import ScaleLevel
from companion.ui.profile.focus import FocusRinged

CLEAR_KEYS = {Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
DOWN_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Down}
UP_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Up}


class RatingPicker(FocusRinged):
    """The levels side by side; the chosen one filled."""

    #: The level chosen (its key; "" when cleared).
    sig_changed = Signal(str)

    def __init__(self, dimension: str, levels: Sequence[ScaleLevel]) -> None:
        super().__init__()
        self.dimension = dimension
        self.levels = list(levels)
        self._level = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Rating for {dimension}")
        self._describe()

    @property
    def level(self) -> str:
        return self._level

    def words(self) -> str:
        chosen = self._index()
        return self.levels[chosen].label if chosen is not None else "not rated"

    def set_level(self, key: str, *, announce: bool = False) -> None:
        if key == self._level:
            return
        self._level = key
        self._describe()
        self.update()
        if announce:
            self.sig_changed.emit(key)

    def _index(self) -> int | None:
        return next((i for i, lv in enumerate(self.levels) if lv.key == self._level), None)

    def _describe(self) -> None:
        count = len(self.levels)
        chosen = self._index()
        where = f" ({chosen + 1} of {count})" if chosen is not None else ""
        keys = f"arrow keys or 1 to {count} choose, 0 clears"
        self.setAccessibleDescription(f"{self.words()}{where}; {keys}")
        self.setToolTip(f"{self.words()}: {keys}")

    def _choose(self, index: int | None) -> None:
        key = self.levels[index].key if index is not None else ""
        self.set_level(key, announce=True)

    # -- keyboard and mouse ------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier or not self.levels:
            super().keyPressEvent(event)
            return
        chosen = self._index()
        if key in CLEAR_KEYS:
            self._choose(None)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < len(self.levels):
            self._choose(key - Qt.Key.Key_1)
        elif key in DOWN_KEYS:
            self._choose(max((chosen if chosen is not None else 1) - 1, 0))
        elif key in UP_KEYS:
            self._choose(min((chosen if chosen is not None else -1) + 1, len(self.levels) - 1))
        elif key == Qt.Key.Key_Home:
            self._choose(0)
        elif key == Qt.Key.Key_End:
            self._choose(len(self.levels) - 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.levels and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            index = int(event.position().x() * len(self.levels) / max(self.width(), 1))
            index = min(max(index, 0), len(self.levels) - 1)
            self._choose(None if index == self._index() else index)  # a second click clears
            event.accept()
            return
        super().mousePressEvent(event)

    # -- painting ----------------------------------------------------------
    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(lv.label) for lv in self.levels), default=40)
        return QSize((widest + 14) * max(len(self.levels), 1) + 4, metrics.height() + 14)

    def minimumSizeHint(self) -> QSize:
        # Every level's words whole, up to a scale of long words (those are elided).
        hint = self.sizeHint()
        return QSize(min(hint.width(), 560), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        count = max(len(self.levels), 1)
        width = (self.width() - 4) / count
        chosen = self._index()
        border = palette.color(QPalette.ColorRole.Mid)
        for index, level in enumerate(self.levels):
            box = QRectF(2 + index * width, 2, width - 2, self.height() - 4)
            on = index == chosen
            painter.setPen(border)
            painter.setBrush(
                palette.color(QPalette.ColorRole.Highlight if on else QPalette.ColorRole.Base)
            )
            painter.drawRoundedRect(box, 4, 4)
            role = QPalette.ColorRole.HighlightedText if on else QPalette.ColorRole.Text
            painter.setPen(palette.color(role))
            text = self.fontMetrics().elidedText(
                level.label, Qt.TextElideMode.ElideRight, int(box.width()) - 6
            )
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        self.paint_focus(painter, 5)
