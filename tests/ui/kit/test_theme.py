"""Both themes keep every text colour at WCAG AA contrast (4.5:1) on its background."""

from __future__ import annotations

import pytest

from companion.ui.kit.theme import DARK, LIGHT, Colors, contrast_ratio, style_sheet

PAIRS = [
    ("text", "base"),
    ("text", "window"),
    ("text", "card"),
    ("text", "alt_base"),
    ("muted", "window"),
    ("muted", "base"),
    ("link", "base"),
    ("accent_text", "accent"),
]


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("foreground", "background"), PAIRS)
def test_text_contrast_meets_wcag_aa(colors: Colors, foreground: str, background: str) -> None:
    ratio = contrast_ratio(getattr(colors, foreground), getattr(colors, background))
    assert ratio >= 4.5, f"{foreground} on {background}: {ratio:.2f}"


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_style_sheet_is_fully_filled(colors: Colors) -> None:
    sheet = style_sheet(colors)
    assert "@" not in sheet
    assert colors.accent_text in sheet and colors.accent in sheet
