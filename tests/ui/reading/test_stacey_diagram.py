"""The Stacey matrix widget: geometry, mouse, keyboard, tooltips, rendering in both themes."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from companion.bundle.model import Stacey
from companion.ui.reading.stacey_diagram import StaceyDiagram

REGIONS = [
    ("technical-rational-zone", "Technical-rational", "near-both"),
    ("political-zone", "Political", "certain-not-agreed"),
    ("judgmental-zone", "Judgmental", "agreed-not-certain"),
    ("zone-of-complexity", "Zone of complexity", "middle-band"),
    ("chaos-anarchy-zone", "Chaos / anarchy", "far-from-both"),
]
IDS = [r[0] for r in REGIONS]
NAMES = dict((r[0], r[1]) for r in REGIONS)
SIZES = [(240, 180), (560, 420), (1200, 900)]


def stacey_data(regions: list[tuple[str, str, str]] = REGIONS) -> dict[str, Any]:
    return {
        "id": "stacey-model",
        "title": "The Stacey agreement and certainty model",
        "attribution": "After Ralph D. Stacey (1996).",
        "caveat": "Stacey later dropped the matrix.",
        "study_text": "Study it.",
        "certainty": {
            "name": "Certainty",
            "low": "Close to certainty",
            "high": "Far from certainty",
        },
        "agreement": {
            "name": "Agreement",
            "low": "Close to agreement",
            "high": "Far from agreement",
        },
        "regions": [
            {
                "id": rid,
                "name": name,
                "placement": placement,
                "location": f"Where {name} is.",
                "description": f"About {name}.",
                "practice": "Act accordingly.",
            }
            for rid, name, placement in regions
        ],
        "orange_circle": {
            "region": "zone-of-complexity",
            "caption": "The orange circle marks system leadership.",
        },
    }


def make_stacey(regions: list[tuple[str, str, str]] = REGIONS) -> Stacey:
    return msgspec.convert(stacey_data(regions), Stacey)


def dark_palette() -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, "#1e2023"),
        (role.WindowText, "#e6e6e3"),
        (role.Base, "#26292d"),
        (role.Text, "#e6e6e3"),
        (role.Highlight, "#7db3e8"),
        (role.HighlightedText, "#10151b"),
    ):
        pal.setColor(r, QColor(value))
    return pal


def contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(x: float) -> float:
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_orange(c: QColor) -> bool:
    return c.red() > 190 and 80 < c.green() < 160 and c.blue() < 70


@pytest.fixture
def diagram(qtbot: QtBot) -> StaceyDiagram:
    widget = StaceyDiagram(make_stacey())
    qtbot.addWidget(widget)
    widget.resize(560, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_region_is_hit_at_its_center(qtbot: QtBot, width: int, height: int) -> None:
    widget = StaceyDiagram(make_stacey())
    qtbot.addWidget(widget)
    widget.resize(width, height)
    for rid in IDS:
        center = widget.region_center(rid)
        hit = widget.region_at(center)
        assert hit is not None and hit.id == rid
        assert widget.region_rect(rid).contains(center)
        assert widget.rect().contains(center.toPoint())


def test_placements_sit_where_the_model_says(diagram: StaceyDiagram) -> None:
    c = {rid: diagram.region_center(rid) for rid in IDS}
    # Origin bottom-left: certainty grows to the right, agreement grows upwards.
    assert c["technical-rational-zone"].x() < c["judgmental-zone"].x()
    assert c["technical-rational-zone"].y() > c["political-zone"].y()
    assert c["chaos-anarchy-zone"].x() > c["political-zone"].x()
    assert c["chaos-anarchy-zone"].y() < c["judgmental-zone"].y()
    band = c["zone-of-complexity"]
    assert c["technical-rational-zone"].x() < band.x() < c["chaos-anarchy-zone"].x()
    assert c["chaos-anarchy-zone"].y() < band.y() < c["technical-rational-zone"].y()


def test_margins_hit_nothing(diagram: StaceyDiagram) -> None:
    assert diagram.region_at(QPointF(1, 1)) is None
    assert diagram.region_at(QPointF(1, diagram.height() - 1)) is None


@pytest.mark.parametrize("rid", IDS)
def test_click_selects_and_emits(qtbot: QtBot, diagram: StaceyDiagram, rid: str) -> None:
    point = diagram.region_center(rid)
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000) as blocker:
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert blocker.args == [rid]
    selected = diagram.selected_region()
    assert selected is not None and selected.id == rid
    assert NAMES[rid] in diagram.accessibleDescription()
    assert NAMES[rid] in diagram.toolTip()


def test_clicking_the_selection_again_or_a_margin_emits_nothing(
    qtbot: QtBot, diagram: StaceyDiagram
) -> None:
    point = diagram.region_center("political-zone").toPoint()
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000):
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=point)
    with qtbot.assertNotEmitted(diagram.sig_region_selected):
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
        qtbot.mouseClick(
            diagram,
            Qt.MouseButton.RightButton,
            pos=diagram.region_center("judgmental-zone").toPoint(),
        )
    selected = diagram.selected_region()
    assert selected is not None and selected.id == "political-zone"


ARROW_KEYS = {
    "left": Qt.Key.Key_Left,
    "right": Qt.Key.Key_Right,
    "up": Qt.Key.Key_Up,
    "down": Qt.Key.Key_Down,
}
# From each region, where each arrow goes (None: nowhere that way, the selection stays).
SPATIAL: dict[str, dict[str, str | None]] = {
    "technical-rational-zone": {
        "left": None,
        "right": "zone-of-complexity",
        "up": "zone-of-complexity",
        "down": None,
    },
    "political-zone": {
        "left": None,
        "right": "zone-of-complexity",
        "up": None,
        "down": "zone-of-complexity",
    },
    "judgmental-zone": {
        "left": "zone-of-complexity",
        "right": None,
        "up": "zone-of-complexity",
        "down": None,
    },
    "zone-of-complexity": {
        "left": "technical-rational-zone",
        "right": "chaos-anarchy-zone",
        "up": "political-zone",
        "down": "judgmental-zone",
    },
    "chaos-anarchy-zone": {
        "left": "zone-of-complexity",
        "right": None,
        "up": None,
        "down": "zone-of-complexity",
    },
}


@pytest.mark.parametrize("arrow", list(ARROW_KEYS))
@pytest.mark.parametrize("rid", IDS)
def test_an_arrow_moves_to_the_region_that_way(
    qtbot: QtBot, diagram: StaceyDiagram, rid: str, arrow: str
) -> None:
    """Issue 17: Right from Political went to Judgmental (a fixed cycle)."""
    diagram.select_region(rid)
    expected = SPATIAL[rid][arrow]
    if expected is None:
        with qtbot.assertNotEmitted(diagram.sig_region_selected):
            qtbot.keyClick(diagram, ARROW_KEYS[arrow])
        selected = diagram.selected_region()
        assert selected is not None and selected.id == rid
        return
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000) as blocker:
        qtbot.keyClick(diagram, ARROW_KEYS[arrow])
    assert blocker.args == [expected]


def test_arrows_reach_every_region_and_home_and_end_jump(
    qtbot: QtBot, diagram: StaceyDiagram
) -> None:
    assert diagram.focusPolicy() == Qt.FocusPolicy.StrongFocus
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000) as blocker:
        qtbot.keyClick(diagram, Qt.Key.Key_Left)  # nothing chosen: start at the origin
    assert blocker.args == ["technical-rational-zone"]
    walk = [
        ("right", "zone-of-complexity"),
        ("up", "political-zone"),
        ("down", "zone-of-complexity"),
        ("right", "chaos-anarchy-zone"),
        ("left", "zone-of-complexity"),
        ("down", "judgmental-zone"),
    ]
    for arrow, expected in walk:
        with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000) as blocker:
            qtbot.keyClick(diagram, ARROW_KEYS[arrow])
        assert blocker.args == [expected]
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000) as blocker:
        qtbot.keyClick(diagram, Qt.Key.Key_Home)
    assert blocker.args == ["technical-rational-zone"]
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000) as blocker:
        qtbot.keyClick(diagram, Qt.Key.Key_End)
    assert blocker.args == ["chaos-anarchy-zone"]
    with qtbot.assertNotEmitted(diagram.sig_region_selected):
        qtbot.keyClick(diagram, Qt.Key.Key_End)
        qtbot.keyClick(diagram, Qt.Key.Key_A)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
@pytest.mark.parametrize("rid", IDS)
def test_hover_tooltip_names_the_region(diagram: StaceyDiagram, rid: str) -> None:
    local = diagram.region_center(rid).toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, local, diagram.mapToGlobal(local))
    assert QApplication.sendEvent(diagram, event)
    assert QToolTip.text().splitlines()[0] == NAMES[rid]
    assert diagram.tooltip_at(QPointF(local)).startswith(NAMES[rid])
    QToolTip.hideText()


def test_tooltip_outside_regions_describes_the_widget(diagram: StaceyDiagram) -> None:
    assert diagram.tooltip_at(QPointF(1, 1)) == diagram.toolTip()
    assert "Stacey matrix" in diagram.toolTip()


def test_hover_tracks_the_region_under_the_mouse(qtbot: QtBot, diagram: StaceyDiagram) -> None:
    assert diagram.hasMouseTracking()
    qtbot.mouseMove(diagram, diagram.region_center("judgmental-zone").toPoint())
    qtbot.mouseMove(diagram, QPoint(1, 1))  # neither crashes nor selects
    assert diagram.selected_region() is None


def test_programmatic_selection_is_silent(qtbot: QtBot, diagram: StaceyDiagram) -> None:
    with qtbot.assertNotEmitted(diagram.sig_region_selected):
        diagram.select_region("judgmental-zone")
    selected = diagram.selected_region()
    assert selected is not None and selected.name == "Judgmental"
    assert "Selected: Judgmental" in diagram.accessibleDescription()
    diagram.select_region(None)
    assert diagram.selected_region() is None
    with pytest.raises(KeyError):
        diagram.select_region("no-such-region")


def test_accessibility(diagram: StaceyDiagram) -> None:
    assert diagram.accessibleName() == "Stacey matrix"
    text = diagram.accessibleDescription().lower()
    for words in (
        "close to certainty",
        "far from certainty",
        "close to agreement",
        "far from agreement",
        "orange circle marks zone of complexity",
    ):
        assert words in text


def test_size_hints(diagram: StaceyDiagram) -> None:
    assert (diagram.sizeHint().width(), diagram.sizeHint().height()) == (560, 420)
    assert (diagram.minimumSizeHint().width(), diagram.minimumSizeHint().height()) == (240, 180)


def test_set_stacey_keeps_a_selection_that_still_exists(diagram: StaceyDiagram) -> None:
    diagram.select_region("political-zone")
    diagram.set_stacey(make_stacey())
    selected = diagram.selected_region()
    assert selected is not None and selected.id == "political-zone"
    diagram.set_stacey(make_stacey(REGIONS[2:]))
    assert diagram.selected_region() is None
    assert diagram.region_at(QPointF(diagram.rect().center())) is not None


def test_missing_placements_stay_unselectable(qtbot: QtBot) -> None:
    widget = StaceyDiagram(make_stacey(REGIONS[:3]))  # no band, no chaos, no circle
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    seen = set()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
        qtbot.keyClick(widget, key)
        region = widget.selected_region()
        assert region is not None
        seen.add(region.id)
    assert seen == set(IDS[:3])
    assert widget.grab().toImage().isNull() is False


def grab(widget: StaceyDiagram) -> QImage:
    image = widget.grab().toImage()
    assert not image.isNull()
    assert (image.width(), image.height()) == (widget.width(), widget.height())
    return image


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_renders_with_the_orange_circle_on_the_band(
    qtbot: QtBot, width: int, height: int, dark: bool
) -> None:
    widget = StaceyDiagram(make_stacey())
    qtbot.addWidget(widget)
    if dark:
        widget.setPalette(dark_palette())
    widget.resize(width, height)
    widget.select_region("political-zone")
    image = grab(widget)
    colours = {
        image.pixelColor(x, y).rgb() for x in range(0, width, 7) for y in range(0, height, 7)
    }
    assert len(colours) > 20
    band = widget.region_center("zone-of-complexity").toPoint()
    row = [image.pixelColor(x, band.y()) for x in range(width)]
    column = [image.pixelColor(band.x(), y) for y in range(height)]
    assert any(map(is_orange, row)) and any(map(is_orange, column))
    orange_x = [x for x, c in enumerate(row) if is_orange(c)]
    left, right = min(orange_x), max(orange_x)
    assert left < band.x() < right  # the circle surrounds the band's centre
    assert widget.region_at(QPointF(left + 4, band.y())) is not None
    window = image.pixelColor(1, 1)
    assert (window.lightnessF() < 0.3) if dark else (window.lightnessF() > 0.7)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_region_fills_keep_text_readable(qtbot: QtBot, dark: bool) -> None:
    widget = StaceyDiagram(make_stacey())
    qtbot.addWidget(widget)
    if dark:
        widget.setPalette(dark_palette())
    text = widget.palette().color(QPalette.ColorRole.Text)
    fills = {widget.region_fill(rid).rgb() for rid in IDS}
    assert len(fills) == len(IDS)  # every region has its own shade
    for rid in IDS:
        assert contrast(widget.region_fill(rid), text) >= 7.0, rid


def test_focus_draws_a_focus_frame(qtbot: QtBot, diagram: StaceyDiagram) -> None:
    diagram.activateWindow()
    diagram.setFocus()
    qtbot.waitUntil(diagram.hasFocus)
    focused = grab(diagram)
    diagram.clearFocus()
    qtbot.waitUntil(lambda: not diagram.hasFocus())
    assert grab(diagram) != focused
