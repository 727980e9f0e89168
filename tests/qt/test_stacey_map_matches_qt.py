"""The Qt-free Stacey regions agree with how the diagram's QPainterPath fills them."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from companion.bundle.stacey_map import EDGES, OUTLINES, Curve, placement_at


def test_the_geometry_matches_how_qt_fills_the_same_outlines() -> None:
    """The diagram fills these outlines with QPainterPath: away from the curves, Qt and
    this module agree on every point of a fine grid."""
    paths = {}
    for placement, outline in OUTLINES.items():
        path = QPainterPath(QPointF(*outline.start))
        for step in outline.steps:
            if isinstance(step, Curve):
                path.quadTo(QPointF(*step.control), QPointF(*step.end))
            else:
                path.lineTo(QPointF(*step.end))
        path.closeSubpath()
        paths[placement] = path
    checked = 0
    for x in range(1, 200):
        for y in range(1, 200):
            u, v = x / 200, y / 200
            near = any(
                (h := edge.height_at(u)) is not None and abs(h - v) < 1e-3
                for edge in EDGES.values()
            )
            if near:
                continue
            qt = [p for p, path in paths.items() if path.contains(QPointF(u, v))]
            assert qt == [placement_at(u, v)], (u, v, qt)
            checked += 1
    assert checked > 38000
