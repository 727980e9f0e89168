"""The Stacey regions (``companion.bundle.stacey_map``) as Qt paths, for the screen and for paper.

The paths are in the unit square (``u`` along certainty, ``v`` along agreement, ``v``
up); ``plot_transform`` maps them onto a rectangle, ``v`` growing upwards there too.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QTransform

from companion.bundle.model import Placement
from companion.bundle.stacey_map import LABEL_BOXES, OUTLINES, Curve, Outline


def outline_path(outline: Outline) -> QPainterPath:
    path = QPainterPath(QPointF(*outline.start))
    for step in outline.steps:
        if isinstance(step, Curve):
            path.quadTo(QPointF(*step.control), QPointF(*step.end))
        else:
            path.lineTo(QPointF(*step.end))
    path.closeSubpath()
    return path


def region_paths() -> dict[Placement, QPainterPath]:
    """Each region's outline, in the unit square."""
    return {placement: outline_path(outline) for placement, outline in OUTLINES.items()}


def label_rect(placement: Placement) -> QRectF:
    """Where the region's name goes, in the unit square (``top`` is its lower ``v``)."""
    box = LABEL_BOXES[placement]
    return QRectF(box.left, box.bottom, box.width, box.height)


def plot_transform(plot: QRectF) -> QTransform:
    """The unit square onto ``plot``, its origin at the plot's bottom left."""
    return QTransform(plot.width(), 0, 0, -plot.height(), plot.left(), plot.bottom())
