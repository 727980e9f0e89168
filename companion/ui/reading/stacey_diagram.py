"""The Stacey agreement/certainty matrix, drawn natively with QPainter.

Each zone is a QPainterPath in a unit square (u = certainty, v = agreement, origin
bottom-left, v up) mapped onto the plot rectangle, so painting and hit-testing share
one geometry and the drawing stays vector-crisp at any size or device pixel ratio.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QToolTip, QWidget

from companion.bundle.model import Axis, Placement, Region, Stacey
from companion.bundle.stacey_map import circle_radius, neighbour
from companion.qt.safe_text import tip
from companion.qt.stacey_paths import label_rect, plot_transform, region_paths

ORANGE = QColor(236, 118, 0)  # saturated, mid-luminance: stands out on light and dark bases
_MIN_PT, _PAD, _ARROW, _GAP = 8.0, 6.0, 9.0, 10.0
_ALIGN = Qt.AlignmentFlag
_KEY = Qt.Key
_ARROWS: dict[int, str] = {
    _KEY.Key_Left: "left",
    _KEY.Key_Up: "up",
    _KEY.Key_Right: "right",
    _KEY.Key_Down: "down",
}
_AxisText = tuple[int, float, float, str, bool]  # row, start along the axis, width, text, bold


@dataclass(frozen=True)
class _Zone:
    path: QPainterPath  # unit square, v up
    label: QRectF  # where the name goes, in the unit square; wholly inside `path`
    hue: float | None  # None: the band stays plain so the orange circle stands out on it


_HUES: dict[Placement, float | None] = {
    Placement.NEAR_BOTH: 210,
    Placement.CERTAIN_NOT_AGREED: 275,
    Placement.AGREED_NOT_CERTAIN: 140,
    # The band stays plain so the orange circle stands out on it.
    Placement.MIDDLE_BAND: None,
    Placement.FAR_FROM_BOTH: 355,
}


def _zones() -> dict[Placement, _Zone]:
    paths = region_paths()
    return {p: _Zone(paths[p], label_rect(p), _HUES[p]) for p in Placement}


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    pairs = ((a.redF(), b.redF()), (a.greenF(), b.greenF()), (a.blueF(), b.blueF()))
    red, green, blue = (x + (y - x) * t for x, y in pairs)
    return QColor.fromRgbF(red, green, blue)


_LABEL_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


def _fit_label(rect: QRectF, name: str, font: QFont) -> tuple[QFont, str, QRectF]:
    """The font and text a region's name is drawn with in ``rect``, and the box it takes.

    Shrink to the floor, then narrow the letters, and only then elide: never overflow.
    """
    font, top = QFont(font), font.pointSizeF()
    sizes = [(top - 0.5 * i, 100) for i in range(int(2 * (top - _MIN_PT)) + 1)]
    for size, stretch in [*sizes, (_MIN_PT, 87), (_MIN_PT, 75)]:
        font.setPointSizeF(size)
        font.setStretch(stretch)
        box = QFontMetricsF(font).boundingRect(rect, _LABEL_FLAGS, name)
        if box.width() <= rect.width() + 0.5 and box.height() <= rect.height() + 0.5:
            return font, name, box
    name = QFontMetricsF(font).elidedText(name, Qt.TextElideMode.ElideRight, rect.width())
    return font, name, QFontMetricsF(font).boundingRect(rect, _LABEL_FLAGS, name)


def _axis_texts(axis: Axis, length: float, font: QFont) -> list[_AxisText]:
    """End labels at the ends (a second row when both won't fit), the name between if it fits."""
    bold = QFont(font)
    bold.setBold(True)
    rows: list[list[tuple[float, float]]] = [[], []]
    placed: list[_AxisText] = []
    for text, where, is_bold in (
        (axis.low, 0.0, False),
        (axis.high, 1.0, False),
        (axis.name, 0.5, True),
    ):
        width = min(QFontMetricsF(bold if is_bold else font).horizontalAdvance(text), length)
        start = (length - width) * where
        usable = rows[: 1 + max((r[0] for r in placed), default=0)] if is_bold else rows
        for row, spans in enumerate(usable):
            if all(start + width + _GAP <= s or e + _GAP <= start for s, e in spans):
                spans.append((start, start + width))
                placed.append((row, start, width, text, is_bold))
                break
    return placed


class StaceyDiagram(QWidget):
    """The matrix with selectable regions; an arrow key moves to the region bordering that way."""

    sig_region_selected = Signal(str)
    """A region id, when the user selects another region by mouse or keyboard."""

    def __init__(self, stacey: Stacey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zones = _zones()
        self._selected: str | None = None
        self._hover: str | None = None
        self._bookmarked: set[str] = set()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Stacey matrix")
        self.set_stacey(stacey)

    def set_stacey(self, stacey: Stacey) -> None:
        self._stacey = stacey
        self._regions: dict[Placement, Region] = {}
        for region in stacey.regions:  # a second region with the same placement has no room
            self._regions.setdefault(region.placement, region)
        self._order = [self._regions[p] for p in Placement if p in self._regions]
        if self._selected not in {r.id for r in self._order}:
            self._selected = None
        self._hover = None
        self._describe()
        self.update()

    def set_bookmarked(self, region_ids: set[str]) -> None:
        """Regions whose labels carry a bookmark star."""
        self._bookmarked = set(region_ids)
        self._describe()
        self.update()

    def label_of(self, region: Region) -> str:
        return f"★ {region.name}" if region.id in self._bookmarked else region.name

    def selected_region(self) -> Region | None:
        return next((r for r in self._order if r.id == self._selected), None)

    def select_region(self, region_id: str | None) -> None:
        """Select programmatically (None clears); unlike user input this emits nothing."""
        self._selected = None if region_id is None else self._region(region_id).id
        self._describe()
        self.update()

    def region_at(self, pos: QPointF) -> Region | None:
        point = self._transform().inverted()[0].map(pos)
        return next((r for r in self._order if self._zones[r.placement].path.contains(point)), None)

    def point_at(self, certainty: float, agreement: float) -> QPointF:
        """Where a position on the matrix (each axis from 0 to 1) is drawn."""
        return self._transform().map(QPointF(certainty, agreement))

    def position_at(self, pos: QPointF) -> tuple[float, float]:
        """The position on the matrix (certainty, agreement) under ``pos``, held to the plot."""
        point = self._transform().inverted()[0].map(pos)
        return min(max(point.x(), 0.0), 1.0), min(max(point.y(), 0.0), 1.0)

    def region_rect(self, region_id: str) -> QRectF:
        return self._mapped(self._region(region_id)).boundingRect()

    def region_center(self, region_id: str) -> QPointF:
        """A point guaranteed to hit the region: the centre of its label."""
        zone = self._zones[self._region(region_id).placement]
        return self._transform().map(zone.label.center())

    def region_fill(self, region_id: str) -> QColor:
        """A hue blended lightly into Base, so Text on it keeps its contrast in any palette."""
        hue = self._zones[self._region(region_id).placement].hue
        pal = self.palette()
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        if hue is None:
            return _mix(base, text, 0.03)
        dark = base.lightnessF() < 0.5
        tint = QColor.fromHsvF(hue / 360, 0.55 if dark else 0.6, 0.8 if dark else 0.9)
        return _mix(base, tint, 0.2 if dark else 0.22)

    def tooltip_at(self, pos: QPointF) -> str:
        region = self.region_at(pos)
        if region is None:
            return self.toolTip()
        circled = " Circled in orange." if region.id == self._stacey.orange_circle.region else ""
        return f"{region.name}\n{region.location}{circled}"

    def sizeHint(self) -> QSize:
        return QSize(560, 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 180)

    def _region(self, region_id: str) -> Region:
        for region in self._order:
            if region.id == region_id:
                return region
        raise KeyError(region_id)

    def _fonts(self) -> tuple[QFont, QFont]:
        # Grows gently with the widget but never drops below a legible 8 pt.
        size = max(_MIN_PT, min(13.0, 6.0 + min(self.width(), self.height()) / 90))
        names, axes = QFont(self.font()), QFont(self.font())
        names.setPointSizeF(size)
        axes.setPointSizeF(max(_MIN_PT, size - 1))
        return names, axes

    def _layout(self) -> tuple[QRectF, list[_AxisText], list[_AxisText]]:
        font, (c, a) = self._fonts()[1], (self._stacey.certainty, self._stacey.agreement)
        line = QFontMetricsF(font).height()
        # Rows of axis text are decided on the smallest plot they could leave, so never grow.
        spare = 2 * (_PAD + line) + 6 + _ARROW
        rows_x = 1 + max(r[0] for r in _axis_texts(c, self.width() - spare, font))
        rows_y = 1 + max(r[0] for r in _axis_texts(a, self.height() - spare, font))
        left, bottom = _PAD + rows_y * line + 4, _PAD + rows_x * line + 4
        w = max(1.0, self.width() - left - _PAD - _ARROW)
        h = max(1.0, self.height() - bottom - _PAD - _ARROW)
        return QRectF(left, _PAD + _ARROW, w, h), _axis_texts(c, w, font), _axis_texts(a, h, font)

    def _transform(self) -> QTransform:
        return plot_transform(self._layout()[0])

    def _mapped(self, region: Region) -> QPainterPath:
        return self._transform().map(self._zones[region.placement].path)

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        names_font, axes_font = self._fonts()
        plot, x_texts, y_texts = self._layout()
        t = self._transform()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        for placement, zone in self._zones.items():
            region = self._regions.get(placement)
            fill = _mix(base, text, 0.08) if region is None else self.region_fill(region.id)
            p.fillPath(t.map(zone.path), fill)
        p.setPen(QPen(_mix(base, text, 0.4), 1.0))
        for zone in self._zones.values():
            p.drawPath(t.map(zone.path))
        if self._hover is not None and self._hover != self._selected:
            hover = self._mapped(self._region(self._hover))
            self._inner_ring(p, hover, _mix(base, text, 0.55), 1.5)
        if (selected := self.selected_region()) is not None:
            path, overlay = self._mapped(selected), QColor(highlight)
            overlay.setAlphaF(0.14)
            p.fillPath(path, overlay)
            self._inner_ring(p, path, highlight, 3.0)
        self._paint_circle(p, t, plot)
        p.setPen(text)
        for region in self._order:
            self._paint_label(p, self._label_rect(t, region), self.label_of(region), names_font)
        self._paint_axes(p, plot, x_texts, y_texts, axes_font)
        if self.hasFocus():
            p.setPen(QPen(highlight, 1.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        p.end()

    @staticmethod
    def _inner_ring(p: QPainter, path: QPainterPath, color: QColor, width: float) -> None:
        # Only the inner half of a double-width stroke: antialiased, never bleeding next door.
        stroker = QPainterPathStroker()
        stroker.setWidth(2 * width)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.fillPath(stroker.createStroke(path).intersected(path), color)

    def _paint_circle(self, p: QPainter, t: QTransform, plot: QRectF) -> None:
        region = next((r for r in self._order if r.id == self._stacey.orange_circle.region), None)
        if region is None:
            return
        label = t.mapRect(self._zones[region.placement].label)
        radius = circle_radius(label.width(), label.height(), plot.width(), plot.height())
        wash = QColor(ORANGE)
        wash.setAlphaF(0.10)
        p.setBrush(wash)
        p.setPen(QPen(ORANGE, max(3.0, min(plot.width(), plot.height()) / 110)))
        p.drawEllipse(label.center(), radius, radius)
        p.setBrush(Qt.BrushStyle.NoBrush)

    @staticmethod
    def _paint_label(p: QPainter, rect: QRectF, name: str, font: QFont) -> None:
        font, name, _box = _fit_label(rect, name, font)
        p.setFont(font)
        p.drawText(rect, _LABEL_FLAGS, name)

    def name_boxes(self) -> list[QRectF]:
        """Where the regions' names are drawn (a challenge's label keeps off them)."""
        font, t = self._fonts()[0], self._transform()
        return [
            _fit_label(self._label_rect(t, region), self.label_of(region), font)[2]
            for region in self._order
        ]

    def plot_rect(self) -> QRectF:
        """The matrix itself, inside the axes and their words."""
        return self._layout()[0]

    def _label_rect(self, t: QTransform, region: Region) -> QRectF:
        return t.mapRect(self._zones[region.placement].label).adjusted(1, 0, -1, 0)

    def _paint_axes(
        self, p: QPainter, plot: QRectF, xs: list[_AxisText], ys: list[_AxisText], font: QFont
    ) -> None:
        color = self.palette().color(QPalette.ColorRole.WindowText)
        line = QFontMetricsF(font).height()
        p.setPen(QPen(color, 1.5))
        p.setBrush(color)
        origin, x_end, y_end = plot.bottomLeft(), plot.bottomRight(), plot.topLeft()
        p.drawLine(origin, x_end + QPointF(4, 0))
        p.drawLine(origin, y_end - QPointF(0, 4))
        tip_x, tip_y = x_end + QPointF(_ARROW, 0), y_end - QPointF(0, _ARROW)
        p.drawPolygon(QPolygonF([tip_x, tip_x + QPointF(-8, -4), tip_x + QPointF(-8, 4)]))
        p.drawPolygon(QPolygonF([tip_y, tip_y + QPointF(-4, 8), tip_y + QPointF(4, 8)]))
        p.save()
        for texts, left, top, step in (
            (xs, plot.left(), plot.bottom() + 3, line),
            (ys, 0.0, -line, -line),
        ):
            for row, start, width, text, bold in texts:
                face = QFont(font)
                face.setBold(bold)
                p.setFont(face)
                shown = QFontMetricsF(face).elidedText(text, Qt.TextElideMode.ElideRight, width)
                rect = QRectF(left + start, top + row * step, width, line)
                p.drawText(rect, int(_ALIGN.AlignCenter), shown)
            # The agreement axis that follows reads bottom to top, along the axis's outside.
            p.translate(plot.left() - 3, plot.bottom())
            p.rotate(-90)
        p.restore()

    def _choose(self, region: Region | None) -> None:
        if region is None or region.id == self._selected:
            return
        self.select_region(region.id)
        self.sig_region_selected.emit(region.id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._choose(self.region_at(event.position()))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if (hover := None if region is None else region.id) != self._hover:
            self._hover = hover
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        arrow = _ARROWS.get(key)
        if not self._order or (arrow is None and key not in (Qt.Key.Key_Home, Qt.Key.Key_End)):
            return super().keyPressEvent(event)
        selected = self.selected_region()
        if key == Qt.Key.Key_End:
            self._choose(self._order[-1])
        elif key == Qt.Key.Key_Home or selected is None or arrow is None:
            self._choose(self._order[0])  # nothing chosen yet: start at the origin
        else:
            self._choose(neighbour(self._stacey, selected, arrow))
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), tip(self.tooltip_at(QPointF(event.pos()))), self)
            return True
        return super().event(event)

    def _describe(self) -> None:
        c, a = self._stacey.certainty, self._stacey.agreement
        selected = self.selected_region()
        now = f"Selected: {selected.name}." if selected else "No region selected."
        circled = [r.name for r in self._order if r.id == self._stacey.orange_circle.region]
        circle = f" An orange circle marks {circled[0]}." if circled else ""
        marked = [r.name for r in self._order if r.id in self._bookmarked]
        if marked:
            circle += f" Bookmarked: {', '.join(marked)}."
        self.setAccessibleDescription(
            f"{c.name} runs left to right from {c.low.lower()} to {c.high.lower()}; "
            f"{a.name.lower()} runs bottom to top from {a.low.lower()} to {a.high.lower()}. "
            f"Regions: {', '.join(r.name for r in self._order)}.{circle} {now} "
            "Arrow keys move between regions."
        )
        self.setToolTip(tip(f"Stacey matrix. {now}"))
