"""Qt counts text in UTF-16 units, Python in code points: the map between them."""

from __future__ import annotations

from companion.ui.kit.text_units import Utf16Map


def test_units_map_code_points_to_utf16_and_back() -> None:
    text = "a😀b🎉🎉c"
    units = Utf16Map(text)
    assert [units.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert [units.from_qt(units.to_qt(i)) for i in range(len(text) + 1)] == list(range(7))
    assert units.from_qt(2) == 2  # inside a surrogate pair: past the character
    plain = Utf16Map("no astral characters here")
    assert plain.to_qt(7) == 7 and plain.from_qt(7) == 7
