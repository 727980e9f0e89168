"""The profile chart as a widget: focusable, themed, its data also in words for screen readers."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy

from companion.qt.profile_chart import ChartColors, ChartData, describe, draw_chart
from companion.ui.kit.theme import current_colors
from companion.ui.profile.focus import FocusRinged

NAME = "Profile chart"


class ProfileChart(FocusRinged):
    def __init__(self) -> None:
        super().__init__()
        self.data: ChartData | None = None
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

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.data is None:
            return
        c = current_colors()
        colors = ChartColors(ink=c.text, muted=c.muted, grid=c.border, now=c.accent, then=c.muted)
        painter = QPainter(self)
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        draw_chart(painter, area, self.data, colors, self.font())
        self.paint_focus(painter)
        painter.end()
