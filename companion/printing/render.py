"""Draw the summary on exactly one page of any paged device (PDF writer, printer, preview).

Each dimension is a cell laid out by its own QTextDocument at the device's
resolution, so point sizes are true on paper. If the learner's words do not
fit, the text shrinks step by step to a legible floor and then the learner's
words are cut with a visible marker: nothing spills to a second page and
nothing is clipped at an edge.
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

from companion.printing.content import DimensionCell, Summary
from companion.qt.safe_text import SafeDocument

PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 12.0
COLUMNS, ROWS = 2, 3
#: Body sizes tried in turn; the last is the legible floor.
BODY_POINTS = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
MORE = "… (more in Companion)"
FONT_FAMILY = "DejaVu Sans"
INK, RULE, BAND = QColor("#000000"), QColor("#8a8a8a"), QColor("#ececec")


def prepare(device: QPagedPaintDevice, paper: str = "A4") -> None:
    """Portrait paper with even margins (the device's own defaults differ per platform)."""
    layout = QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    device.setPageLayout(layout)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _document(device: QPagedPaintDevice, markup: str, width: float, points: float) -> QTextDocument:
    document = SafeDocument()  # the markup is escaped; this is the second guard
    document.documentLayout().setPaintDevice(device)  # lay out in the device's points
    document.setDefaultFont(_font(points))
    document.setDocumentMargin(0)
    document.setHtml(markup)
    document.setTextWidth(width)
    return document


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


def _fit(
    device: QPagedPaintDevice, cells: list[DimensionCell], width: float, height: float
) -> _Fitted:
    for points in BODY_POINTS:
        documents = [
            _document(device, _cell_markup(c, points, c.own, False), width, points) for c in cells
        ]
        if all(d.size().height() <= height for d in documents):
            return _Fitted(documents, points)
    # At the floor: cut each overflowing cell's own words to what fits.
    points = BODY_POINTS[-1]
    for index, cell in enumerate(cells):
        if documents[index].size().height() <= height:
            continue
        low, high = 0, sum(len(t) for t in cell.own)
        best = _document(device, _cell_markup(cell, points, [], True), width, points)
        while low <= high:
            middle = (low + high) // 2
            trial = _document(
                device, _cell_markup(cell, points, _cut(cell.own, middle), True), width, points
            )
            if trial.size().height() <= height:
                best, low = trial, middle + 1
            else:
                high = middle - 1
        documents[index] = best
    return _Fitted(documents, points)


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
        title = _document(
            device,
            f"<p style='font-size:17pt; font-weight:bold; margin:0'>{heading}</p>"
            f"<p style='font-size:11.5pt; margin-top:2pt'>{subtitle}</p>",
            width,
            11,
        )
        title.drawContents(painter)
        top = title.size().height() + 8 * scale
        footer = _document(
            device,
            f"<p style='font-size:8pt; margin:0'>{html.escape(summary.footer)}</p>",
            width,
            8,
        )
        footer_top = height - footer.size().height()
        gap = 6 * scale
        pad = 6 * scale
        grid_height = footer_top - gap - top
        cell_w = (width - gap * (COLUMNS - 1)) / COLUMNS
        cell_h = (grid_height - gap * (ROWS - 1)) / ROWS
        fitted = _fit(device, summary.cells, cell_w - 2 * pad, cell_h - 2 * pad)
        pen = QPen(RULE)
        pen.setWidthF(0.6 * scale)
        for index, document in enumerate(fitted.documents[: COLUMNS * ROWS]):
            row, column = divmod(index, COLUMNS)
            cell = QRectF(column * (cell_w + gap), top + row * (cell_h + gap), cell_w, cell_h)
            band = QRectF(cell.topLeft(), QSizeF(cell_w, 3 * scale))
            painter.fillRect(band, BAND)
            painter.setPen(pen)
            painter.drawRect(cell)
            painter.save()
            painter.translate(cell.topLeft() + QPointF(pad, pad))
            document.drawContents(painter, QRectF(0, 0, cell_w - 2 * pad, cell_h - 2 * pad))
            painter.restore()
        painter.save()
        painter.translate(0, footer_top)
        footer.drawContents(painter)
        painter.restore()
    finally:
        painter.end()
