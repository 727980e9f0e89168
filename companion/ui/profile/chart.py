"""The profile chart as a widget: focusable, themed, its data also in words for screen readers."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.qt.profile_chart import ChartColors, ChartData, describe, draw_chart
from companion.ui.kit.theme import current_colors

NAME = "Profile chart"


class ProfileChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.data: ChartData | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(NAME)
        self.setMinimumSize(280, 240)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        text = describe(data)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 360)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.data is None:
            return
        c = current_colors()
        colors = ChartColors(ink=c.text, muted=c.muted, grid=c.border, now=c.accent, then=c.muted)
        painter = QPainter(self)
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        draw_chart(painter, area, self.data, colors, self.font())
        if self.hasFocus():
            pen = painter.pen()
            pen.setColor(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidthF(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()
