"""Draw the summary on exactly one page of any paged device (PDF writer, printer, preview).

Each dimension is a cell laid out by its own QTextDocument at the device's
resolution, so point sizes are true on paper. Rows of cells grow with their
content: a row gets the height its fuller cell needs, and what is left is shared
out (as ruled lines to write on by hand, in a cell without the learner's notes).
If the learner's words do not fit, the text shrinks step by step to a legible
floor; then rows needing little keep what they need, the others share the rest,
and the learner's words are cut with a visible marker: nothing spills to a second
page and nothing is clipped at an edge. With the learner's profile, the chart and
the latest ratings take a band under the title.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)

from companion.printing.content import DimensionCell, PrintedProfile, Summary
from companion.qt.profile_chart import PRINT_COLORS, draw_chart
from companion.qt.safe_text import SafeDocument

PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 12.0
COLUMNS, ROWS = 2, 3
#: Body sizes tried in turn; the last is the legible floor.
BODY_POINTS = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
MORE = "… (more in Companion)"
FONT_FAMILY = "DejaVu Sans"
INK, RULE, BAND = QColor("#000000"), QColor("#8a8a8a"), QColor("#ececec")
#: The ruled lines to write on: light enough to write over.
LINES = QColor("#c4c4c4")


def prepare(device: QPagedPaintDevice, paper: str = "A4") -> None:
    """Portrait paper with even margins (the device's own defaults differ per platform)."""
    layout = QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    device.setPageLayout(layout)


def print_font(points: float, *, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def page_document(
    device: QPagedPaintDevice, markup: str, width: float, points: float
) -> QTextDocument:
    document = SafeDocument()  # the markup is escaped; this is the second guard
    document.documentLayout().setPaintDevice(device)  # lay out in the device's points
    document.setDefaultFont(print_font(points))
    document.setDocumentMargin(0)
    document.setHtml(markup)
    document.setTextWidth(width)
    return document


def draw_at(
    painter: QPainter, document: QTextDocument, where: QPointF, size: QSizeF | None = None
) -> None:
    """Draw ``document`` with its top left at ``where`` (clipped to ``size`` if given)."""
    painter.save()
    painter.translate(where)
    if size is None:
        document.drawContents(painter)
    else:
        document.drawContents(painter, QRectF(QPointF(0, 0), size))
    painter.restore()


def _cell_markup(cell: DimensionCell, points: float, own: list[str], cut: bool) -> str:
    e = html.escape
    head = f"{cell.number}. {e(cell.name)}" + ("  ★" if cell.bookmarked else "")
    parts = [
        f"<p style='font-size:{points + 2.5}pt; font-weight:bold; margin:0'>{head}</p>",
        f"<p style='margin-top:2pt; margin-bottom:0'><i>{e(cell.gloss)}</i></p>",
    ]
    if cell.practice:
        parts.append(f"<p style='margin-top:3pt; margin-bottom:0'>{e(cell.practice)}</p>")
    if cell.themes:
        parts.append(
            f"<p style='margin-top:3pt; margin-bottom:0'><b>Themes:</b> "
            f"{e(', '.join(cell.themes))}</p>"
        )
    if cell.prompt:
        parts.append(
            f"<p style='margin-top:3pt; margin-bottom:0'><b>Ask yourself:</b> {e(cell.prompt)}</p>"
        )
    if own:
        items = "".join(f"<li>{e(text)}</li>" for text in own)
        more = f"<p style='margin:0'><b>{e(MORE)}</b></p>" if cut else ""
        parts.append(
            f"<p style='margin-top:4pt; margin-bottom:0'><b>My notes</b></p>"
            f"<ul style='margin-top:1pt; margin-left:0; -qt-list-indent:1'>{items}</ul>{more}"
        )
    return "".join(parts)


def _cut(own: list[str], keep: int) -> list[str]:
    """The first ``keep`` characters of the learner's words, on a word boundary."""
    kept: list[str] = []
    for text in own:
        if keep <= 0:
            break
        if len(text) <= keep:
            kept.append(text)
        else:
            kept.append(text[:keep].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…")
        keep -= len(text)
    return kept


@dataclass
class _Fitted:
    documents: list[QTextDocument]
    points: float
    #: The height of each row of cells (the two cells of a row share it).
    rows: list[float]


def share(needs: list[float], total: float) -> list[float]:
    """Heights for rows needing ``needs`` within ``total``: each row gets what it needs, the
    rest shared evenly; when they need more, a row needing less than an even share keeps
    its need and the others share what is left."""
    if not needs:
        return []
    if sum(needs) <= total:
        spare = (total - sum(needs)) / len(needs)
        return [need + spare for need in needs]
    heights = [0.0] * len(needs)
    left = total
    order = sorted(range(len(needs)), key=lambda i: needs[i])
    for done, i in enumerate(order):
        heights[i] = min(needs[i], left / (len(needs) - done))
        left -= heights[i]
    return heights


def _row_needs(documents: list[QTextDocument], pad: float) -> list[float]:
    rows = [documents[i : i + COLUMNS] for i in range(0, len(documents), COLUMNS)]
    return [max(d.size().height() for d in row) + 2 * pad for row in rows]


def _fit(
    device: QPagedPaintDevice,
    cells: list[DimensionCell],
    width: float,
    height: float,
    pad: float,
    gap: float,
) -> _Fitted:
    """Lay the cells out in rows that grow with their content within ``height``."""
    count = (len(cells) + COLUMNS - 1) // COLUMNS
    room = height - gap * max(count - 1, 0)
    for points in BODY_POINTS:
        documents = [
            page_document(device, _cell_markup(c, points, c.own, False), width, points)
            for c in cells
        ]
        needs = _row_needs(documents, pad)
        if sum(needs) <= room:
            return _Fitted(documents, points, share(needs, room))
    # At the floor: rows share the room; the learner's words are cut where a cell overflows.
    points = BODY_POINTS[-1]
    rows = share(needs, room)
    for index, cell in enumerate(cells):
        limit = rows[index // COLUMNS] - 2 * pad
        if documents[index].size().height() <= limit:
            continue
        low, high = 0, sum(len(t) for t in cell.own)
        best = page_document(device, _cell_markup(cell, points, [], True), width, points)
        while low <= high:
            middle = (low + high) // 2
            trial = page_document(
                device, _cell_markup(cell, points, _cut(cell.own, middle), True), width, points
            )
            if trial.size().height() <= limit:
                best, low = trial, middle + 1
            else:
                high = middle - 1
        documents[index] = best
    return _Fitted(documents, points, rows)


def _ruled(painter: QPainter, area: QRectF, scale: float, label: bool) -> None:
    """Lines to write on by hand in ``area`` (under "My notes" when ``label``)."""
    spacing = 18 * scale  # about college ruling (7 mm is 20 pt)
    top = area.top()
    if label and area.height() >= 2 * spacing:
        painter.setFont(print_font(8, bold=True))
        painter.setPen(INK)
        painter.drawText(QPointF(area.left(), top + 8 * scale), "My notes")
        top += 4 * scale
    pen = QPen(LINES)
    pen.setWidthF(0.4 * scale)
    painter.setPen(pen)
    y = top + spacing
    while y <= area.bottom():
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        y += spacing


def _profile_block(
    device: QPagedPaintDevice, profile: PrintedProfile, width: float, scale: float
) -> tuple[QTextDocument, float]:
    """The latest ratings in words beside the chart; returns them and the block's height."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{n}. {e(name)}</td><td width='8'></td><td><b>{e(words)}</b></td></tr>"
        for n, (name, words) in enumerate(profile.ratings, start=1)
    )
    chart = profile.chart
    then = f" (dashed: {e(chart.then_label)})" if chart.then is not None else ""
    markup = (
        f"<p style='font-size:11pt; font-weight:bold; margin:0'>My profile</p>"
        f"<p style='margin-top:1pt; margin-bottom:3pt'>Self-assessment of "
        f"{e(chart.now_label)}{then}</p><table cellspacing='0'>{rows}</table>"
    )
    document = page_document(device, markup, width * 0.42, 8.5)
    return document, max(document.size().height(), 130 * scale)


def render(summary: Summary, device: QPagedPaintDevice) -> None:
    """Paint the whole summary on the device's current (single) page."""
    dpi = device.logicalDpiX()
    page = device.pageLayout().paintRectPixels(dpi)
    width, height = float(page.width()), float(page.height())
    scale = dpi / 72.0  # device pixels per point
    painter = QPainter(device)
    try:
        painter.setPen(INK)
        heading, subtitle = html.escape(summary.title), html.escape(summary.subtitle)
        title = page_document(
            device,
            f"<p style='font-size:17pt; font-weight:bold; margin:0'>{heading}</p>"
            f"<p style='font-size:11.5pt; margin-top:2pt'>{subtitle}</p>",
            width,
            11,
        )
        title.drawContents(painter)
        top = title.size().height() + 8 * scale
        if summary.profile is not None:
            top += _draw_profile(painter, device, summary.profile, width, top, scale)
        footer = page_document(
            device,
            f"<p style='font-size:8pt; margin:0'>{html.escape(summary.footer)}</p>",
            width,
            8,
        )
        footer_top = height - footer.size().height()
        gap = 6 * scale
        pad = 6 * scale
        cell_w = (width - gap * (COLUMNS - 1)) / COLUMNS
        fitted = _fit(device, summary.cells, cell_w - 2 * pad, footer_top - gap - top, pad, gap)
        pen = QPen(RULE)
        pen.setWidthF(0.6 * scale)
        y = top
        for row, row_h in enumerate(fitted.rows):
            for column in range(COLUMNS):
                index = row * COLUMNS + column
                if index >= len(fitted.documents):
                    break
                document = fitted.documents[index]
                cell = QRectF(column * (cell_w + gap), y, cell_w, row_h)
                painter.fillRect(QRectF(cell.topLeft(), QSizeF(cell_w, 3 * scale)), BAND)
                painter.setPen(pen)
                painter.drawRect(cell)
                inner = cell.adjusted(pad, pad, -pad, -pad)
                draw_at(painter, document, inner.topLeft(), inner.size())
                used = document.size().height()
                free = QRectF(inner.left(), inner.top() + used, inner.width(), 0)
                free.setBottom(inner.bottom())
                _ruled(painter, free, scale, label=not summary.cells[index].own)
            y += row_h + gap
        draw_at(painter, footer, QPointF(0, footer_top))
    finally:
        painter.end()


def _draw_profile(
    painter: QPainter,
    device: QPagedPaintDevice,
    profile: PrintedProfile,
    width: float,
    top: float,
    scale: float,
) -> float:
    """The profile band under the title: the chart, then the ratings; returns its height."""
    words, block_h = _profile_block(device, profile, width, scale)
    chart_w = width * 0.55
    font = print_font(7.5)
    draw_chart(painter, QRectF(0, top, chart_w, block_h), profile.chart, PRINT_COLORS, font)
    draw_at(painter, words, QPointF(chart_w + 6 * scale, top))
    return block_h + 6 * scale
