"""The Qt-free Stacey regions agree with how the diagram's QPainterPath fills them."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from companion.bundle.stacey_map import EDGES, placement_at
from companion.qt.stacey_paths import region_paths


def test_the_geometry_matches_how_qt_fills_the_same_outlines() -> None:
    """The diagram and the printed page fill these outlines (``region_paths``): away from
    the curves, Qt and this module agree on every point of a fine grid."""
    paths = region_paths()
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
