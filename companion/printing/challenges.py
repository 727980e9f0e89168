"""My challenges on paper: the Stacey matrix with the learner's challenges, and their notes,
on one page of any paged device (PDF writer, printer).

The map is drawn from the one geometry (``companion.bundle.stacey_map``) in ink that
prints well; each challenge is a numbered mark (its earlier places a faint dotted
trail), and the list below gives each number's title, region and note. If the notes
do not fit, the text shrinks to a legible floor and then the notes are cut with a
visible marker: nothing spills to a second page.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextDocument,
    QTransform,
)

from companion.bundle.model import Bundle, Placement, Stacey
from companion.bundle.plaintext import plain_text
from companion.bundle.stacey_map import circle_radius, guidance_at, regions_by_placement
from companion.notes.records import Challenge, position_of
from companion.printing.render import INK, MORE, RULE, draw_at, page_document, print_font
from companion.qt.stacey_paths import label_rect, plot_transform, region_paths

ORANGE = QColor(236, 118, 0)
#: Region tints that print light on any printer (the band stays white).
TINTS = {
    Placement.NEAR_BOTH: QColor("#e3edf7"),
    Placement.CERTAIN_NOT_AGREED: QColor("#eee5f5"),
    Placement.AGREED_NOT_CERTAIN: QColor("#e4f2e6"),
    Placement.MIDDLE_BAND: QColor("#ffffff"),
    Placement.FAR_FROM_BOTH: QColor("#f7e3e5"),
}
#: Sizes tried in turn for the list; the last is the legible floor.
LIST_POINTS = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5)


@dataclass(frozen=True)
class PrintedChallenge:
    number: int
    title: str
    #: The region it is in ("" not placed yet).
    region: str
    #: Its note as plain text.
    note: str
    #: Where it has been, oldest first: the last is where it is.
    places: list[tuple[float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class ChallengesPage:
    title: str
    subtitle: str
    stacey: Stacey | None
    challenges: list[PrintedChallenge]
    footer: str


def challenges_content(
    bundle: Bundle, challenges: list[Challenge], *, printed: date | None = None
) -> ChallengesPage:
    """The page for the learner's (live) challenges, numbered in the order given."""
    shown: list[PrintedChallenge] = []
    for number, challenge in enumerate(challenges, start=1):
        here = position_of(challenge)
        guidance = guidance_at(bundle, here.certainty, here.agreement) if here else None
        shown.append(
            PrintedChallenge(
                number,
                challenge.title,
                guidance.region.name if guidance is not None else "",
                plain_text(challenge.note).strip(),
                [(m.certainty, m.agreement) for m in challenge.moves],
            )
        )
    day = printed or date.today()
    return ChallengesPage(
        title="My challenges on the Stacey matrix",
        subtitle=f"{bundle.title} · printed {day.day} {day:%B %Y}",
        stacey=bundle.stacey,
        challenges=shown,
        footer="Printed by Companion. Dotted lines show where a challenge was before.",
    )


def _entry(challenge: PrintedChallenge, note: str, cut: bool) -> str:
    e = html.escape
    where = f" — <i>{e(challenge.region)}</i>" if challenge.region else " — <i>not placed yet</i>"
    head = f"<b>{challenge.number}. {e(challenge.title)}</b>{where}"
    parts = [f"<p style='margin-top:5pt; margin-bottom:0'>{head}</p>"]
    if note:
        paragraphs = "".join(
            f"<p style='margin:1pt 0 0 0'>{e(line)}</p>"
            for line in note.split("\n")
            if line.strip()
        )
        parts.append(paragraphs)
    if cut:
        parts.append(f"<p style='margin:1pt 0 0 0'><b>{e(MORE)}</b></p>")
    return "".join(parts)


def _list_markup(challenges: list[PrintedChallenge], keep: int | None, shown: int) -> str:
    """The first ``shown`` entries; with ``keep``, each note cut to that many characters."""
    if not challenges:
        return "<p><i>No challenges yet: add them on the Stacey tab in Companion.</i></p>"
    entries = []
    for challenge in challenges[:shown]:
        note, cut = challenge.note, False
        if keep is not None and len(note) > keep:
            note, cut = note[:keep].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…", True
        entries.append(_entry(challenge, note if keep != 0 else "", cut and keep != 0))
    left = len(challenges) - shown
    if left:
        entries.append(
            f"<p style='margin-top:5pt'><b>… and {left} more "
            f"challenge{'s' * (left != 1)} (in Companion)</b></p>"
        )
    return "".join(entries)


def _fit_list(
    device: QPagedPaintDevice, page: ChallengesPage, width: float, height: float
) -> QTextDocument:
    """Shrink to the floor; then cut the notes; then, past all notes, leave out entries
    (saying how many): the map still shows every number."""
    every = len(page.challenges)

    def laid(points: float, keep: int | None, shown: int = every) -> QTextDocument:
        return page_document(device, _list_markup(page.challenges, keep, shown), width, points)

    for points in LIST_POINTS:
        document = laid(points, None)
        if document.size().height() <= height:
            return document
    points = LIST_POINTS[-1]
    if laid(points, 0).size().height() <= height:
        low, high = 0, max(len(c.note) for c in page.challenges)
        best = laid(points, 0)
        while low <= high:
            middle = (low + high) // 2
            trial = laid(points, middle)
            if trial.size().height() <= height:
                best, low = trial, middle + 1
            else:
                high = middle - 1
        return best
    low, high, best = 0, every, laid(points, 0, 0)
    while low <= high:
        middle = (low + high) // 2
        trial = laid(points, 0, middle)
        if trial.size().height() <= height:
            best, low = trial, middle + 1
        else:
            high = middle - 1
    return best


def paint_map(
    painter: QPainter,
    area: QRectF,
    stacey: Stacey,
    challenges: list[PrintedChallenge],
    scale: float,
) -> None:
    """The matrix with the challenges' numbered marks, inside ``area`` (device pixels)."""
    line = QFontMetricsF(print_font(8), painter.device()).height()
    plot = area.adjusted(2.2 * line, 0.5 * line, -0.5 * line, -2.2 * line)
    side = min(plot.width(), plot.height())
    plot = QRectF(
        plot.left(), plot.top(), side * 1.25 if side * 1.25 <= plot.width() else plot.width(), side
    )
    t = plot_transform(plot)
    drawn = regions_by_placement(stacey)
    paths = region_paths()
    outline = QPen(RULE)
    outline.setWidthF(0.6 * scale)
    for placement, path in paths.items():
        painter.fillPath(t.map(path), TINTS[placement] if placement in drawn else QColor("#f2f2f2"))
        painter.setPen(outline)
        painter.drawPath(t.map(path))
    circled = next((p for p, r in drawn.items() if r.id == stacey.orange_circle.region), None)
    if circled is not None:
        box = t.mapRect(label_rect(circled))
        radius = circle_radius(box.width(), box.height(), plot.width(), plot.height())
        painter.setPen(QPen(ORANGE, 1.6 * scale))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.center(), radius, radius)
    painter.setPen(INK)
    flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    painter.setFont(print_font(8, bold=True))
    marks = _mark_rects(t, challenges, scale)
    for placement, region in drawn.items():
        box = t.mapRect(label_rect(placement))
        text = painter.boundingRect(box, flags, region.name)
        step = text.height() * 1.1
        # A name under a learner's mark is moved up or down its region, clear of every mark.
        for shift in (0.0, step, -step, 2 * step, -2 * step):
            moved = text.translated(0, shift)
            clear = not any(moved.intersects(mark) for mark in marks)
            if clear and t.map(paths[placement]).contains(moved.center()):
                box = box.translated(0, shift)
                break
        painter.drawText(box, flags, region.name)
    # The axes, their ends and names.
    axis_pen = QPen(INK)
    axis_pen.setWidthF(0.8 * scale)
    painter.setPen(axis_pen)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.setFont(print_font(7.5))
    c, a = stacey.certainty, stacey.agreement
    below = QRectF(plot.left(), plot.bottom() + 0.2 * line, plot.width(), line)
    painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft), c.low)
    painter.drawText(below, int(Qt.AlignmentFlag.AlignRight), c.high)
    painter.setFont(print_font(7.5, bold=True))
    painter.drawText(below.translated(0, line), int(Qt.AlignmentFlag.AlignHCenter), c.name)
    painter.save()
    painter.translate(plot.left() - 0.2 * line, plot.bottom())
    painter.rotate(-90)
    left = QRectF(0, -line, plot.height(), line)
    painter.setFont(print_font(7.5))
    painter.drawText(left, int(Qt.AlignmentFlag.AlignLeft), a.low)
    painter.drawText(left, int(Qt.AlignmentFlag.AlignRight), a.high)
    painter.setFont(print_font(7.5, bold=True))
    painter.drawText(left.translated(0, -line), int(Qt.AlignmentFlag.AlignHCenter), a.name)
    painter.restore()
    _paint_marks(painter, t, challenges, scale)


def _mark_rects(t: QTransform, challenges: list[PrintedChallenge], scale: float) -> list[QRectF]:
    """Where each challenge's numbered mark is drawn (``_paint_marks``), with a little room."""
    radius = 6.5 * scale * 1.3
    rects = []
    for challenge in challenges:
        if challenge.places:
            center = t.map(QPointF(*challenge.places[-1]))
            rects.append(QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius))
    return rects


def _paint_marks(
    painter: QPainter, t: QTransform, challenges: list[PrintedChallenge], scale: float
) -> None:
    trail = QPen(QColor("#777777"))
    trail.setWidthF(0.7 * scale)
    trail.setStyle(Qt.PenStyle.DotLine)
    for challenge in challenges:
        points = [t.map(QPointF(u, v)) for u, v in challenge.places]
        if len(points) > 1:
            painter.setPen(trail)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#999999"))
            for point in points[:-1]:
                painter.drawEllipse(point, 1.6 * scale, 1.6 * scale)
    radius = 6.5 * scale
    ring = QPen(INK)
    ring.setWidthF(1.0 * scale)
    for challenge in challenges:
        if not challenge.places:
            continue
        center = t.map(QPointF(*challenge.places[-1]))
        painter.setPen(ring)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(center, radius, radius)
        painter.setFont(print_font(7, bold=True))
        box = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(challenge.number))


def render_challenges(page: ChallengesPage, device: QPagedPaintDevice) -> None:
    """Paint the whole page on the device's current (single) page."""
    dpi = device.logicalDpiX()
    rect = device.pageLayout().paintRectPixels(dpi)
    width, height = float(rect.width()), float(rect.height())
    scale = dpi / 72.0
    painter = QPainter(device)
    try:
        painter.setPen(INK)
        title = page_document(
            device,
            f"<p style='font-size:17pt; font-weight:bold; margin:0'>{html.escape(page.title)}</p>"
            f"<p style='font-size:11pt; margin-top:2pt'>{html.escape(page.subtitle)}</p>",
            width,
            11,
        )
        title.drawContents(painter)
        top = title.size().height() + 6 * scale
        footer = page_document(
            device, f"<p style='font-size:8pt; margin:0'>{html.escape(page.footer)}</p>", width, 8
        )
        footer_top = height - footer.size().height()
        map_height = min(width * 0.8, (footer_top - top) * 0.6)
        if page.stacey is not None:
            paint_map(
                painter, QRectF(0, top, width, map_height), page.stacey, page.challenges, scale
            )
        list_top = top + map_height + 4 * scale
        list_height = footer_top - 6 * scale - list_top
        listing = _fit_list(device, page, width, list_height)
        draw_at(painter, listing, QPointF(0, list_top), QSizeF(width, list_height))
        draw_at(painter, footer, QPointF(0, footer_top))
    finally:
        painter.end()
