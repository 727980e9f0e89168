"""The Stacey regions as shapes: every point in exactly one region, boundaries included."""

from __future__ import annotations

import itertools
import math
from functools import cache

import pytest

from companion.bundle import load_bundle
from companion.bundle.model import Bundle, Placement, Stacey
from companion.bundle.stacey_map import (
    EDGES,
    LABEL_BOXES,
    OUTLINES,
    Curve,
    OffTheMap,
    Point,
    circle_radius,
    circled_practices,
    guidance_at,
    placement_at,
    region_at,
    regions_in_order,
)
from companion.paths import shipped_bundle_dir

from .conftest import WriteBundle
from .samples import MINIMAL, STACEY

P = Placement
CORNERS = {
    (0.0, 0.0): P.NEAR_BOTH,
    (0.0, 1.0): P.CERTAIN_NOT_AGREED,
    (1.0, 0.0): P.AGREED_NOT_CERTAIN,
    (1.0, 1.0): P.FAR_FROM_BOTH,
    (0.5, 0.5): P.MIDDLE_BAND,
}


@cache
def shipped() -> Bundle:
    return load_bundle(shipped_bundle_dir())


def bezier(start: Point, control: Point, end: Point, t: float) -> Point:
    x = (1 - t) ** 2 * start[0] + 2 * t * (1 - t) * control[0] + t * t * end[0]
    y = (1 - t) ** 2 * start[1] + 2 * t * (1 - t) * control[1] + t * t * end[1]
    return x, y


@pytest.mark.parametrize(("point", "placement"), CORNERS.items())
def test_the_corners_and_the_centre(point: Point, placement: Placement) -> None:
    assert placement_at(*point) == placement


@pytest.mark.parametrize("point", [(0.0, 0.55), (0.45, 1.0), (0.55, 0.0), (1.0, 0.45)])
def test_where_the_band_meets_the_edges_is_the_band(point: Point) -> None:
    assert placement_at(*point) == P.MIDDLE_BAND


@pytest.mark.parametrize("placement", list(EDGES))
def test_each_side_of_each_curve(placement: Placement) -> None:
    """Just off a curve, on either side: the outer region, then the band (1e-9 apart)."""
    edge = EDGES[placement]
    inside = 1e-9 if edge.above else -1e-9
    for step in range(1, 50):
        u, v = bezier(edge.start, edge.control, edge.end, step / 50)
        assert placement_at(u, v + inside) == placement, (u, v)
        assert placement_at(u, v - inside) == P.MIDDLE_BAND, (u, v)
        height = edge.height_at(u)
        assert height is not None and math.isclose(height, v, abs_tol=1e-12)


@pytest.mark.parametrize("placement", list(EDGES))
def test_the_curves_run_one_way_so_each_u_has_one_height(placement: Placement) -> None:
    edge = EDGES[placement]
    xs = [bezier(edge.start, edge.control, edge.end, t / 1000)[0] for t in range(1001)]
    assert all(a < b for a, b in itertools.pairwise(xs))


@pytest.mark.parametrize("placement", list(EDGES))
def test_the_curves_that_name_a_point_are_the_curves_drawn(placement: Placement) -> None:
    """Each outer region's outline and the band's hold the very curve that parts them."""
    edge = EDGES[placement]

    def curves(outline_of: Placement) -> set[tuple[Point, Point, Point]]:
        outline = OUTLINES[outline_of]
        found, here = set(), outline.start
        for step in outline.steps:
            if isinstance(step, Curve):
                found |= {(here, step.control, step.end), (step.end, step.control, here)}
            here = step.end
        return found

    drawn = (edge.start, edge.control, edge.end)
    assert drawn in curves(placement) and drawn in curves(P.MIDDLE_BAND)


def test_a_grid_falls_in_one_region_each_and_all_five_are_there() -> None:
    seen = {placement_at(x / 100, y / 100) for x in range(101) for y in range(101)}
    assert seen == set(Placement)


@pytest.mark.parametrize("placement", list(Placement))
def test_each_label_box_lies_inside_its_region(placement: Placement) -> None:
    box = LABEL_BOXES[placement]
    for i in range(11):
        for j in range(11):
            point = (box.left + box.width * i / 10, box.bottom + box.height * j / 10)
            assert placement_at(*point) == placement, point
    assert placement_at(*box.center()) == placement


@pytest.mark.parametrize(
    "bad", [-0.01, 1.01, float("nan"), float("inf"), -float("inf"), True, "0.5", None]
)
def test_a_point_off_the_map_is_refused(bad: object) -> None:
    with pytest.raises(OffTheMap, match="certainty"):
        placement_at(bad, 0.5)  # type: ignore[arg-type]
    with pytest.raises(OffTheMap, match="agreement"):
        placement_at(0.5, bad)  # type: ignore[arg-type]


def test_regions_are_named_from_the_bundle() -> None:
    stacey = shipped().stacey
    assert stacey is not None
    named = {point: getattr(region_at(stacey, *point), "id", None) for point in CORNERS}
    assert named == {
        (0.0, 0.0): "technical-rational-zone",
        (0.0, 1.0): "political-zone",
        (1.0, 0.0): "judgmental-zone",
        (1.0, 1.0): "chaos-anarchy-zone",
        (0.5, 0.5): "zone-of-complexity",
    }
    assert [r.id for r in regions_in_order(stacey)] == [
        "technical-rational-zone",
        "political-zone",
        "judgmental-zone",
        "zone-of-complexity",
        "chaos-anarchy-zone",
    ]


def test_a_bundle_without_a_region_somewhere_names_none_there(write_bundle: WriteBundle) -> None:
    bundle = load_bundle(write_bundle(MINIMAL + STACEY))
    stacey = bundle.stacey
    assert isinstance(stacey, Stacey)
    assert getattr(region_at(stacey, 0.5, 0.5), "id", None) == "a-zone"
    assert region_at(stacey, 0.0, 0.0) is None
    assert guidance_at(bundle, 0.0, 0.0) is None


def test_what_a_region_calls_for_and_the_orange_circle() -> None:
    bundle = shipped()
    political = guidance_at(bundle, 0.1, 0.9)
    assert political is not None and political.region.id == "political-zone"
    assert political.calls_for.startswith("Political decision-making: building coalitions")
    assert not political.circled and political.practices == () and political.caption == ""
    complexity = guidance_at(bundle, 0.5, 0.5)
    assert complexity is not None and complexity.circled
    assert complexity.calls_for.startswith("Creativity, experiment, and emergent")
    assert complexity.caption.startswith("The orange circle marks the behaviours and practices")
    # The shipped bundle names no practices: the items it relates to the circled region.
    assert [item.id for item in complexity.practices] == [
        "management-and-system-leadership",
        "voice-simple-and-complex",
    ]


def test_a_bundle_names_the_practices_the_circle_marks(write_bundle: WriteBundle) -> None:
    circle = "orange_circle: {region: a-zone, caption: The circle.}"
    named = "orange_circle: {region: a-zone, caption: C., practices: [ways-of-feeling, a-term]}"
    bundle = load_bundle(write_bundle(MINIMAL + STACEY.replace(circle, named)))
    assert [item.id for item in circled_practices(bundle)] == ["ways-of-feeling", "a-term"]


def test_practices_must_name_items(write_bundle: WriteBundle) -> None:
    from companion.bundle import BundleInvalid

    circle = "orange_circle: {region: a-zone, caption: The circle.}"
    named = "orange_circle: {region: a-zone, caption: C., practices: [ways-of-feelin]}"
    with pytest.raises(BundleInvalid) as info:
        load_bundle(write_bundle(MINIMAL + STACEY.replace(circle, named)))
    [problem] = info.value.problems
    assert "unknown item id 'ways-of-feelin'; did you mean 'ways-of-feeling'?" in str(problem)


def test_the_circle_is_as_large_as_its_label_allows_within_the_plot() -> None:
    assert circle_radius(30, 40, 1000, 1000) == 25
    assert circle_radius(300, 400, 100, 200) == pytest.approx(28)
