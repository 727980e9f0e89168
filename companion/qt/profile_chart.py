"""The profile chart: the dimensions on fixed axes, the latest assessment over an earlier one.

Drawn with QPainter alone, so the same code paints the My profile view (themed, on
screen) and the printed summary (black on white, vector in the PDF). The axes are
always the bundle's dimensions in Goss's order, the first at the top and the rest
clockwise: a radar chart whose axes move misleads. A dimension left unrated sits
at the centre; ``describe`` gives the same data as text (the chart's accessible
description, and what the then → now list says).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from companion.bundle.model import Bundle
from companion.bundle.scale import scale_of
from companion.notes.profile import Movement, date_labels, then_and_now
from companion.notes.records import Assessment


@dataclass(frozen=True)
class ChartData:
    """What the chart shows: one axis per dimension of the bundle, in its order."""

    axes: list[str]
    #: The scale's words, lowest first (ring 1 is the lowest level).
    levels: list[str]
    #: Per axis the latest level's rank (1 = lowest), None when unrated.
    now: list[int | None]
    #: The earlier assessment's ranks, or None when there is none to compare with.
    then: list[int | None] | None
    now_label: str
    then_label: str
    #: Every dimension's movement (those the bundle no longer has too), for the text.
    movements: list[Movement]


@dataclass(frozen=True)
class ChartColors:
    ink: str
    muted: str
    grid: str
    now: str
    then: str


PRINT_COLORS = ChartColors(
    ink="#000000", muted="#444444", grid="#9a9a9a", now="#000000", then="#6a6a6a"
)


def chart_data(bundle: Bundle, now: Assessment | None, then: Assessment | None) -> ChartData:
    """The chart of ``now`` over ``then`` (both may be missing: empty axes)."""
    levels = [level.label for level in scale_of(bundle)]
    axes = [d.name for d in bundle.dimensions]
    if now is None:
        return ChartData(axes, levels, [None] * len(axes), None, "", "", [])
    movements = then_and_now(bundle, then, now)
    shown = [m for m in movements if m.now.in_bundle]
    labels = date_labels([then, now] if then is not None else [now])
    return ChartData(
        axes=axes,
        levels=levels,
        now=[m.now.rank for m in shown],
        then=None if then is None else [m.then.rank if m.then else None for m in shown],
        now_label=labels[-1],
        then_label=labels[0] if then is not None else "",
        movements=movements,
    )


def describe(data: ChartData) -> str:
    """The chart in words: which assessments, and each dimension then → now."""
    if not data.movements:
        return "No self-assessment yet: rate yourself on each dimension and save it."
    if data.then is None:
        head = f"Your assessment of {data.now_label} (no earlier one to compare with)."
        rows = [f"{m.name}: {m.now.words}" for m in data.movements]
    else:
        head = f"Your assessment of {data.now_label} over the one of {data.then_label}."
        rows = [m.text() for m in data.movements]
    return " ".join([head, *(f"{row}." for row in rows)])


def _angle(index: int, count: int) -> float:
    return -math.pi / 2 + 2 * math.pi * index / max(count, 1)


def _points(center: QPointF, radius: float, ranks: Sequence[int | None], top: int) -> QPolygonF:
    polygon = QPolygonF()
    for index, rank in enumerate(ranks):
        r = radius * (rank or 0) / max(top, 1)
        a = _angle(index, len(ranks))
        polygon.append(QPointF(center.x() + r * math.cos(a), center.y() + r * math.sin(a)))
    return polygon


def draw_chart(
    painter: QPainter, rect: QRectF, data: ChartData, colors: ChartColors, font: QFont
) -> None:
    """Paint the chart inside ``rect`` with text in ``font`` (its size sets the labels')."""
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        # Measured on the device painted on: a PDF writer has many more dots per point.
        device = painter.device()
        metrics = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
        line = metrics.height()
        # Two lines: what each outline is, then the rings' words (words on the rings would
        # sit under the outlines and the axes' names in a chart this small).
        key_lines = 1 if metrics.horizontalAdvance(_key(data)) <= rect.width() else 2
        legend_h = line * (1.4 + 1.4 * key_lines)
        label_w = min(metrics.horizontalAdvance("Ways of perceiving") * 0.8, rect.width() * 0.22)
        room = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - legend_h)
        radius = max(min(room.width() - 2 * label_w, room.height() - 5 * line) / 2, 10.0)
        center = room.center()
        top = len(data.levels)
        count = len(data.axes)
        unit = max(line / 14, 0.5)  # a hairline that scales with the text
        grid = QPen(QColor(colors.grid))
        grid.setWidthF(unit)
        painter.setPen(grid)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring in range(1, top + 1):
            painter.drawPolygon(_points(center, radius, [ring] * count, top))
        for index in range(count):
            a = _angle(index, count)
            painter.drawLine(center, center + QPointF(radius * math.cos(a), radius * math.sin(a)))
        if data.then is not None:
            pen = QPen(QColor(colors.then))
            pen.setWidthF(unit * 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPolygon(_points(center, radius, data.then, top))
        if any(rank is not None for rank in data.now):
            fill = QColor(colors.now)
            fill.setAlphaF(0.18)
            pen = QPen(QColor(colors.now))
            pen.setWidthF(unit * 2.5)
            painter.setPen(pen)
            painter.setBrush(QBrush(fill))
            polygon = _points(center, radius, data.now, top)
            painter.drawPolygon(polygon)
            painter.setBrush(QColor(colors.now))
            for index, rank in enumerate(data.now):
                if rank is not None:
                    painter.drawEllipse(polygon.at(index), unit * 3.5, unit * 3.5)
        painter.setPen(QColor(colors.ink))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        flags = Qt.TextFlag.TextWordWrap
        for index, name in enumerate(data.axes):
            a = _angle(index, count)
            cos, sin = math.cos(a), math.sin(a)
            anchor = center + QPointF((radius + line * 0.6) * cos, (radius + line * 0.6) * sin)
            box_h = line * 2.2
            if abs(cos) < 0.3:  # top or bottom: centred above or below the axis' end
                box = QRectF(anchor.x() - label_w, 0, 2 * label_w, box_h)
                box.moveTop(anchor.y() - box_h if sin < 0 else anchor.y())
                align = Qt.AlignmentFlag.AlignHCenter | (
                    Qt.AlignmentFlag.AlignBottom if sin < 0 else Qt.AlignmentFlag.AlignTop
                )
            else:
                box = QRectF(0, anchor.y() - box_h / 2, label_w, box_h)
                if cos > 0:
                    box.moveLeft(anchor.x())
                    align = Qt.AlignmentFlag.AlignLeft
                else:
                    box.moveRight(anchor.x())
                    align = Qt.AlignmentFlag.AlignRight
                align |= Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, int(align) | int(flags), f"{index + 1}. {name}")
        _legend(painter, rect, data, colors, unit, legend_h)
    finally:
        painter.restore()


def _legend(
    painter: QPainter,
    rect: QRectF,
    data: ChartData,
    colors: ChartColors,
    unit: float,
    height: float,
) -> None:
    if not data.now_label:
        return
    device = painter.device()
    font = painter.font()
    metrics = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
    y = rect.bottom() - height + metrics.height() * 0.7
    x = rect.left()
    entries = [(colors.now, Qt.PenStyle.SolidLine, f"now: {data.now_label}")]
    if data.then is not None:
        entries.append((colors.then, Qt.PenStyle.DashLine, f"then: {data.then_label}"))
    for color, style, text in entries:
        pen = QPen(QColor(color))
        pen.setWidthF(unit * 2.5)
        pen.setStyle(style)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + metrics.height() * 1.6, y))
        x += metrics.height() * 2
        painter.setPen(QColor(colors.ink))
        painter.drawText(QPointF(x, y + metrics.ascent() / 2 - unit), text)
        x += metrics.horizontalAdvance(text) + metrics.height() * 1.5
    if data.levels:
        painter.setPen(QColor(colors.muted))
        top = y + metrics.height() * 0.7
        box = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(box, int(flags), _key(data))


def _key(data: ChartData) -> str:
    return "Rings, from the centre: " + ", ".join(data.levels) if data.levels else ""
