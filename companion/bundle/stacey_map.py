"""The regions of the Stacey matrix as shapes: which region a point falls in, and what it calls for.

One geometry for every part of Companion: the diagram draws these outlines, and a
learner's challenge is named by the region its position falls in, so the name
always matches the colour under it.

Coordinates are a unit square, ``u`` along the certainty axis and ``v`` along the
agreement axis, each from 0 at the axis's low end (the origin: close to certainty,
close to agreement) to 1 at its far end, ``v`` up. The zone of complexity is a
curved band from upper left to lower right: four quadratic curves part it from the
four other regions, which touch it only at the band's corners ``A``..``D``.

A point on a curve between two regions (the corners too) is in the middle band:
every region but the band is open along its curve, so each point has exactly one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from companion.bundle.model import Bundle, Item, Placement, Region, Stacey, items_of

Point = tuple[float, float]


class Line(NamedTuple):
    end: Point


class Curve(NamedTuple):
    """A quadratic Bézier curve from the current point."""

    control: Point
    end: Point


class Outline(NamedTuple):
    """A closed shape: from ``start`` along each step, then back to ``start``."""

    start: Point
    steps: tuple[Line | Curve, ...]


class Box(NamedTuple):
    """A rectangle in the unit square: ``bottom`` is its lower ``v``."""

    left: float
    bottom: float
    width: float
    height: float

    def center(self) -> Point:
        return self.left + self.width / 2, self.bottom + self.height / 2


# Where the band meets the edges, then the curves' control points. The band's inner and
# outer edges bulge the same way, and its ends are cut off by the political and
# judgmental corners.
A, B, C, D = (0.0, 0.55), (0.45, 1.0), (0.55, 0.0), (1.0, 0.45)
INNER, OUTER, CAP_TL, CAP_BR = (0.4, 0.4), (0.78, 0.78), (0.25, 0.75), (0.75, 0.25)

#: Each region's outline, for drawing (the view maps them onto the plot).
OUTLINES: dict[Placement, Outline] = {
    Placement.NEAR_BOTH: Outline((0.0, 0.0), (Line(A), Curve(INNER, C))),
    Placement.CERTAIN_NOT_AGREED: Outline(A, (Line((0.0, 1.0)), Line(B), Curve(CAP_TL, A))),
    Placement.AGREED_NOT_CERTAIN: Outline(C, (Line((1.0, 0.0)), Line(D), Curve(CAP_BR, C))),
    Placement.MIDDLE_BAND: Outline(
        A, (Curve(INNER, C), Curve(CAP_BR, D), Curve(OUTER, B), Curve(CAP_TL, A))
    ),
    Placement.FAR_FROM_BOTH: Outline((1.0, 1.0), (Line(B), Curve(OUTER, D))),
}

#: Where each region's name goes: wholly inside the region (its centre is a point that
#: is surely in it); the orange circle is drawn around its region's box.
LABEL_BOXES: dict[Placement, Box] = {
    Placement.NEAR_BOTH: Box(0.02, 0.03, 0.36, 0.26),
    Placement.CERTAIN_NOT_AGREED: Box(0.01, 0.86, 0.30, 0.13),
    Placement.AGREED_NOT_CERTAIN: Box(0.69, 0.01, 0.30, 0.13),
    Placement.MIDDLE_BAND: Box(0.36, 0.43, 0.37, 0.24),
    Placement.FAR_FROM_BOTH: Box(0.71, 0.80, 0.28, 0.19),
}

#: The orange circle's radius is at most this share of the plot's shorter side.
CIRCLE_MAX_OF_PLOT = 0.28


@dataclass(frozen=True)
class _Edge:
    """The curve parting an outer region from the band, from its lower ``u`` to its higher."""

    start: Point
    control: Point
    end: Point
    #: The region lies above the curve (greater ``v``), else below it.
    above: bool

    def height_at(self, u: float) -> float | None:
        """``v`` of the curve at ``u``; None outside the curve's span of ``u``."""
        (x0, y0), (x1, y1), (x2, y2) = self.start, self.control, self.end
        if not x0 <= u <= x2:
            return None
        if u == x0:
            return y0
        if u == x2:
            return y2
        # x(t) = a t² + b t + x0 rises over [0, 1] (a test checks): one root there.
        a, b, c = x0 - 2 * x1 + x2, 2 * (x1 - x0), x0 - u
        if abs(a) < 1e-12:
            t = -c / b
        else:
            q = -0.5 * (b + math.copysign(math.sqrt(max(b * b - 4 * a * c, 0.0)), b))
            roots = (q / a, c / q)
            t = min(roots, key=lambda r: abs(r - min(max(r, 0.0), 1.0)))
        t = min(max(t, 0.0), 1.0)
        return (1 - t) ** 2 * y0 + 2 * t * (1 - t) * y1 + t * t * y2

    def holds(self, u: float, v: float) -> bool:
        height = self.height_at(u)
        if height is None:
            return False
        return v > height if self.above else v < height


EDGES: dict[Placement, _Edge] = {
    Placement.NEAR_BOTH: _Edge(A, INNER, C, above=False),
    Placement.CERTAIN_NOT_AGREED: _Edge(A, CAP_TL, B, above=True),
    Placement.AGREED_NOT_CERTAIN: _Edge(C, CAP_BR, D, above=False),
    Placement.FAR_FROM_BOTH: _Edge(B, OUTER, D, above=True),
}


class OffTheMap(ValueError):
    """A position outside the matrix (each axis runs from 0 to 1)."""


def check_position(certainty: float, agreement: float) -> None:
    for name, value in (("certainty", certainty), ("agreement", agreement)):
        if not (isinstance(value, int | float) and not isinstance(value, bool)):
            raise OffTheMap(f"{name} must be a number from 0 to 1, found {value!r}")
        if not 0.0 <= value <= 1.0:  # NaN fails this too
            raise OffTheMap(f"{name} must be from 0 to 1, found {value!r}")


def placement_at(certainty: float, agreement: float) -> Placement:
    """The placement of the region the point falls in; raises OffTheMap outside 0..1."""
    check_position(certainty, agreement)
    for placement, edge in EDGES.items():
        if edge.holds(certainty, agreement):
            return placement
    return Placement.MIDDLE_BAND


def regions_by_placement(stacey: Stacey) -> dict[Placement, Region]:
    """The region drawn at each placement: the first the bundle gives (a second has no room)."""
    found: dict[Placement, Region] = {}
    for region in stacey.regions:
        found.setdefault(region.placement, region)
    return found


def regions_in_order(stacey: Stacey) -> list[Region]:
    """The drawn regions from the origin out (the order keyboard users step through)."""
    drawn = regions_by_placement(stacey)
    return [drawn[p] for p in Placement if p in drawn]


def region_at(stacey: Stacey, certainty: float, agreement: float) -> Region | None:
    """The bundle's region at the point (None: the bundle has no region drawn there)."""
    return regions_by_placement(stacey).get(placement_at(certainty, agreement))


def circle_radius(
    label_width: float, label_height: float, plot_width: float, plot_height: float
) -> float:
    """The orange circle's radius on a plot, from its region's label box there (any unit)."""
    return min(
        0.5 * math.hypot(label_width, label_height),
        CIRCLE_MAX_OF_PLOT * min(plot_width, plot_height),
    )


def _related_to(bundle: Bundle, region_id: str) -> Iterator[Item]:
    for item in items_of(bundle):
        if item.id != region_id and region_id in getattr(item, "related", ()):
            yield item


def circled_practices(bundle: Bundle) -> tuple[Item, ...]:
    """The items holding the practices the orange circle marks, in the order given.

    The bundle names them (``orange_circle.practices``); without that, the items
    it relates to the circled region, in bundle order.
    """
    if bundle.stacey is None:
        return ()
    circle = bundle.stacey.orange_circle
    if not circle.practices:
        return tuple(_related_to(bundle, circle.region))
    by_id = {item.id: item for item in items_of(bundle)}
    return tuple(by_id[i] for i in circle.practices if i in by_id)


@dataclass(frozen=True)
class Guidance:
    """What a region calls for, shown beside a challenge placed in it."""

    region: Region
    #: The practice the region calls for (Markdown, from the bundle).
    calls_for: str
    #: The region carries the orange circle.
    circled: bool
    #: With ``circled``: the circle's caption and the practices it marks.
    caption: str = ""
    practices: tuple[Item, ...] = ()


def guidance_at(bundle: Bundle, certainty: float, agreement: float) -> Guidance | None:
    """The region at the point and what it calls for; None without a region there."""
    if bundle.stacey is None:
        return None
    region = region_at(bundle.stacey, certainty, agreement)
    if region is None:
        return None
    circle = bundle.stacey.orange_circle
    if region.id != circle.region:
        return Guidance(region, region.practice, circled=False)
    return Guidance(region, region.practice, True, circle.caption, circled_practices(bundle))


#: The four arrow directions as steps in the unit square (``v`` up).
DIRECTIONS: dict[str, Point] = {
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "up": (0.0, 1.0),
    "down": (0.0, -1.0),
}


def bordering(placement: Placement) -> tuple[Placement, ...]:
    """The regions sharing a curve with ``placement`` (corners touching are not borders)."""
    if placement is Placement.MIDDLE_BAND:
        return tuple(EDGES)
    return (Placement.MIDDLE_BAND,)


def _cosine(direction: Point, start: Placement, end: Placement) -> float:
    (u0, v0), (u1, v1) = LABEL_BOXES[start].center(), LABEL_BOXES[end].center()
    du, dv = u1 - u0, v1 - v0
    return (direction[0] * du + direction[1] * dv) / math.hypot(du, dv)


def _arrows_to(placement: Placement) -> dict[str, Placement]:
    """Which bordering region each arrow leads to from ``placement``.

    Every bordering region gets an arrow of its own where it can (the band borders
    four regions, each off on a diagonal): of the ways to give each arrow a different
    region, the one pointing each arrow most nearly at its region's label wins. An
    arrow left over leads to the region it points at most nearly, if it points at one.
    """
    near = bordering(placement)
    names = list(DIRECTIONS)
    best: tuple[int, float, tuple[tuple[str, Placement], ...]] = (0, 0.0, ())
    for regions in itertools.permutations([*near, *([None] * len(names))], len(names)):
        pairs = tuple((d, r) for d, r in zip(names, regions, strict=True) if r is not None)
        cosines = [_cosine(DIRECTIONS[d], placement, r) for d, r in pairs]
        if all(c > 0 for c in cosines) and (len(pairs), sum(cosines)) > best[:2]:
            best = (len(pairs), sum(cosines), pairs)
    arrows = dict(best[2])
    for name in names:
        if name not in arrows:
            towards = {r: _cosine(DIRECTIONS[name], placement, r) for r in near}
            region, cosine = max(towards.items(), key=lambda rc: rc[1])
            if cosine > 0:
                arrows[name] = region
    return arrows


def neighbour(stacey: Stacey, region: Region, arrow: str) -> Region | None:
    """The region an arrow key leads to from ``region``: the one bordering it that way.

    When that region is not drawn (the bundle has none there), the drawn region
    that lies most nearly that way, if any does.
    """
    drawn = regions_by_placement(stacey)
    towards = _arrows_to(region.placement).get(arrow)
    if towards is not None and towards in drawn:
        return drawn[towards]
    direction = DIRECTIONS[arrow]
    (u0, v0) = LABEL_BOXES[region.placement].center()

    def nearness(other: Placement) -> float:
        (u1, v1) = LABEL_BOXES[other].center()
        return math.hypot(u1 - u0, v1 - v0) / _cosine(direction, region.placement, other) ** 2

    ahead = [
        p for p in drawn if p != region.placement and _cosine(direction, region.placement, p) > 0.2
    ]
    return drawn[min(ahead, key=nearness)] if ahead else None
