"""The learner's challenges drawn over the Stacey matrix, moved by mouse and keyboard.

The diagram knows nothing of challenges: this layer is a child widget painted over it
(transparent to the mouse) that watches the diagram's events. A press on a challenge
chooses it and starts a drag, shown live and stored as one move on release; with a
challenge chosen and the diagram focused, arrow keys nudge it (Shift: finer steps)
and Escape lets go of it, so the arrows go back to choosing regions. In the list beside
the map, Ctrl with an arrow key does the same (``nudge``).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from companion.notes.records import Challenge, position_of
from companion.ui.reading.stacey_diagram import StaceyDiagram

#: A nudge by an arrow key, and with Shift, in parts of an axis.
STEP, FINE_STEP = 0.05, 0.01
#: Where a challenge not placed yet goes at its first nudge: the middle of the matrix.
MIDDLE = (0.5, 0.5)
_RADIUS, _HIT, _DRAG_START = 7.0, 12.0, 3.0
_ARROWS: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, 1),
    Qt.Key.Key_Down: (0, -1),
}


class ChallengeMarks(QWidget):
    """The challenges' marks (and trails) over a ``StaceyDiagram``."""

    sig_chosen = Signal(str)
    """The learner chose a challenge on the map (its id), or let go of it ("")."""
    sig_moved = Signal(str, float, float, bool)
    """Move a challenge: id, certainty, agreement, and whether it is a keyboard nudge."""

    def __init__(self, diagram: StaceyDiagram) -> None:
        super().__init__(diagram)
        self.diagram = diagram
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.challenges: list[Challenge] = []
        self.selected: str | None = None
        self.trail = False
        self.writable = False
        #: While dragging: the challenge, where the press was, where it is now.
        self._drag: tuple[str, QPointF, tuple[float, float]] | None = None
        self.setGeometry(diagram.rect())
        diagram.installEventFilter(self)
        self.show()

    def set_challenges(self, challenges: list[Challenge]) -> None:
        self.challenges = challenges
        if self._drag is not None and self._drag[0] not in {c.id for c in challenges}:
            self._drag = None
        self.update()

    def set_selected(self, challenge_id: str | None) -> None:
        self.selected = challenge_id
        self.update()

    def set_trail(self, on: bool) -> None:
        self.trail = on
        self.update()

    def dragging(self) -> str | None:
        return self._drag[0] if self._drag is not None else None

    def position(self, challenge: Challenge) -> tuple[float, float] | None:
        """Where the challenge is drawn: where it is dragged to, else where it is."""
        if self._drag is not None and self._drag[0] == challenge.id:
            return self._drag[2]
        here = position_of(challenge)
        return (here.certainty, here.agreement) if here is not None else None

    def challenge_at(self, pos: QPointF) -> Challenge | None:
        """The challenge whose mark is under ``pos`` (the chosen one first, then the nearest)."""
        found: list[tuple[bool, float, Challenge]] = []
        for challenge in self.challenges:
            where = self.position(challenge)
            if where is None:
                continue
            distance = (self.diagram.point_at(*where) - pos).manhattanLength()
            if distance <= _HIT * 1.5:
                found.append((challenge.id != self.selected, distance, challenge))
        return min(found, key=lambda f: f[:2])[2] if found else None

    def mark_center(self, challenge_id: str) -> QPointF | None:
        """Where the challenge's mark is drawn, in the diagram's coordinates."""
        challenge = next((c for c in self.challenges if c.id == challenge_id), None)
        where = self.position(challenge) if challenge is not None else None
        return self.diagram.point_at(*where) if where is not None else None

    # -- events of the diagram ---------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.diagram:
            return False
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.setGeometry(self.diagram.rect())
        elif isinstance(event, QMouseEvent) and kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ):
            return self._mouse(event)
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def _mouse(self, event: QMouseEvent) -> bool:
        pos, kind = event.position(), event.type()
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            hit = self.challenge_at(pos)
            if hit is not None:
                self.sig_chosen.emit(hit.id)
                if self.writable:
                    self._drag = (hit.id, pos, self.position(hit) or MIDDLE)
                return True
            chosen = next((c for c in self.challenges if c.id == self.selected), None)
            if chosen is not None and position_of(chosen) is None and self.writable:
                # A challenge not placed yet goes where the learner clicks.
                self.sig_moved.emit(chosen.id, *self.diagram.position_at(pos), False)
                return True
            if self.selected is not None:
                self.sig_chosen.emit("")  # a region is chosen instead
            return False
        if self._drag is None:
            return False
        challenge_id, start, _ = self._drag
        if kind == QEvent.Type.MouseMove:
            self._drag = (challenge_id, start, self.diagram.position_at(pos))
            self.update()
            return True
        # Released: one move, however long the drag (a mere click moves nothing).
        self._drag = None
        self.update()
        if (pos - start).manhattanLength() >= _DRAG_START:
            self.sig_moved.emit(challenge_id, *self.diagram.position_at(pos), False)
        return True

    def _key(self, event: QKeyEvent) -> bool:
        if self.selected is None:
            return False
        if event.key() == Qt.Key.Key_Escape:
            self.sig_chosen.emit("")
            return True
        return self.nudge(event)

    def nudge(self, event: QKeyEvent) -> bool:
        """Move the chosen challenge a step the way an arrow key points (Shift: finer);
        False when the key is not an arrow or nothing can move."""
        step = _ARROWS.get(event.key())
        challenge = next((c for c in self.challenges if c.id == self.selected), None)
        if step is None or challenge is None or not self.writable:
            return False
        here = self.position(challenge)
        if here is None:
            target = MIDDLE  # not placed yet: the first nudge puts it mid-map
        else:
            size = FINE_STEP if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else STEP
            target = (
                min(max(here[0] + step[0] * size, 0.0), 1.0),
                min(max(here[1] + step[1] * size, 0.0), 1.0),
            )
        self.sig_moved.emit(challenge.id, target[0], target[1], True)
        return True

    # -- painting ------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.trail:
            for challenge in self.challenges:
                self._paint_trail(p, challenge, text, challenge.id == self.selected)
        font = self.label_font()
        p.setFont(font)
        boxes = self.label_boxes(font)
        ordered = sorted(self.challenges, key=lambda c: c.id == self.selected)
        for challenge in ordered:  # the chosen one last, on top
            where = self.position(challenge)
            if where is None:
                continue
            center = self.diagram.point_at(*where)
            chosen = challenge.id == self.selected
            p.setPen(QPen(highlight if chosen else text, 2.0))
            p.setBrush(highlight if chosen else base)
            radius = _RADIUS + (2 if chosen else 0)
            p.drawEllipse(center, radius, radius)
            face = QFont(font)
            face.setBold(chosen)
            label, box = boxes[challenge.id]
            backing = QColor(base)
            backing.setAlphaF(0.85)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(backing)
            p.drawRoundedRect(box, 3, 3)
            p.setPen(text)
            p.setFont(face)
            p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
            p.setFont(font)
        p.end()

    def label_font(self) -> QFont:
        """As the diagram's own names: grows with the map, never below a legible 8 pt."""
        font = QFont(self.font())
        fits = 6.0 + min(self.width(), self.height()) / 90
        font.setPointSizeF(max(8.0, min(font.pointSizeF() - 1, fits)))
        return font

    def label_boxes(self, font: QFont) -> dict[str, tuple[str, QRectF]]:
        """Each placed challenge's label (elided) and where it goes, by id.

        Beside its mark, on the first side where it covers no region's name, no label
        placed before it and nothing outside the matrix (the axes' words); the chosen
        challenge's label is placed first. With no such side, the one covering least.
        """
        avoid = self.diagram.name_boxes()
        plot = self.diagram.plot_rect()
        placed: dict[str, tuple[str, QRectF]] = {}
        first = sorted(self.challenges, key=lambda c: c.id != self.selected)
        for challenge in first:
            where = self.position(challenge)
            if where is None:
                continue
            center = self.diagram.point_at(*where)
            chosen = challenge.id == self.selected
            face = QFont(font)
            face.setBold(chosen)
            measure = QFontMetricsF(face)  # the chosen one's bold name is wider
            label = measure.elidedText(challenge.title, Qt.TextElideMode.ElideRight, 150)
            size = measure.boundingRect(label).adjusted(-3, -1, 3, 1).size()
            taken = [*avoid, *(box for _, box in placed.values())]
            spots = _spots(center, _RADIUS + (2 if chosen else 0), size)
            placed[challenge.id] = (label, min(spots, key=lambda b: _cost(b, plot, taken)))
        return placed

    def _paint_trail(self, p: QPainter, challenge: Challenge, ink: QColor, chosen: bool) -> None:
        points = [self.diagram.point_at(m.certainty, m.agreement) for m in challenge.moves]
        if self._drag is not None and self._drag[0] == challenge.id:
            points.append(self.diagram.point_at(*self._drag[2]))
        if len(points) < 2:
            return
        faint = QColor(ink)
        faint.setAlphaF(0.45 if chosen else 0.25)
        p.setPen(QPen(faint, 1.5, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        for a, b in itertools.pairwise(points):
            p.drawLine(a, b)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(faint)
        for point in points[:-1]:
            p.drawEllipse(point, 3.5, 3.5)


def _spots(center: QPointF, radius: float, size: QSizeF) -> list[QRectF]:
    """Where a label may go near a mark, nearest first (on a tie: right, left, above,
    below): beside it at its own height or a line or two up or down, moved out step by
    step, or above or below it."""
    w, h, gap = size.width(), size.height(), radius + 3
    x, y = center.x(), center.y()
    spots = [
        QRectF(x + gap + out, y - h / 2 + rows * h, w, h)
        if right
        else QRectF(x - gap - w - out, y - h / 2 + rows * h, w, h)
        for out in (0.0, 20.0, 40.0, 60.0)
        for rows in (0.0, -1.0, 1.0, -2.0, 2.0)
        for right in (True, False)
    ]
    spots[2:2] = [QRectF(x - w / 2, y - gap - h, w, h), QRectF(x - w / 2, y + gap, w, h)]
    return sorted(spots, key=lambda box: _gap_between(box, center))  # stable: ties in order


def _gap_between(box: QRectF, point: QPointF) -> float:
    dx = max(box.left() - point.x(), 0.0, point.x() - box.right())
    dy = max(box.top() - point.y(), 0.0, point.y() - box.bottom())
    return dx + dy


def _cost(box: QRectF, plot: QRectF, taken: list[QRectF]) -> float:
    """How much of ``box`` covers what it should not (0: nothing); ties keep the order."""
    outside = box.width() * box.height() - _area(box.intersected(plot))
    return outside + sum(_area(box.intersected(other)) for other in taken)


def _area(box: QRectF) -> float:
    return max(0.0, box.width()) * max(0.0, box.height()) if box.isValid() else 0.0
